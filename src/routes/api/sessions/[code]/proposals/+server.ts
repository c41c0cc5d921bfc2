import * as act from '$lib/server/actions';
import { deviceOf, session } from '$lib/server/guards';
import { answer, readJson } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** A proposal from a joined device: `{ text }`. */
export const POST: RequestHandler = async (event) => {
	const live = session(event);
	return answer(event, act.propose(live, deviceOf(event, live), await readJson(event.request)), 201);
};
