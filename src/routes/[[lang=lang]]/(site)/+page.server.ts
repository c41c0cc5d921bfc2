import { pickVersion } from '$lib/lessons/catalog';
import { canRunLive, listModules } from '$lib/server/lessons';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => ({
	modules: listModules().map((module) => {
		const lesson = pickVersion(module, locals.lang);
		return { ...lesson.meta, lang: lesson.lang, live: canRunLive(lesson) };
	})
})) satisfies PageServerLoad;
