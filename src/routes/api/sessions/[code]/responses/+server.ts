import * as api from '$lib/server/api';
import { toResponse } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** See api.ts (the custom server serves this path itself, with the same function). */
export const POST: RequestHandler = async (event) => toResponse(await api.respond(event));
