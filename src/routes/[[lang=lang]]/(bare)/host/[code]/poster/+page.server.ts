import { posterOptions } from '$lib/export/poster';
import { hostSession } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const live = await hostSession(event);
	return {
		code: live.code,
		title: live.state.title,
		sessionLang: live.state.lang,
		rules: live.state.rules.map((rule) => rule.text),
		options: posterOptions(event.url.searchParams, new Date().toISOString().slice(0, 10))
	};
}) satisfies PageServerLoad;
