import { requireLesson } from '$lib/server/lessons';
import type { PageServerLoad } from './$types';

export const load = (({ params, locals }) => requireLesson(params.id, locals.lang)) satisfies PageServerLoad;
