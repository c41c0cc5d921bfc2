import { hostSession } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load = ((event) => {
	const live = hostSession(event);
	const params = event.url.searchParams;
	const date = params.get('date') ?? '';
	return {
		code: live.code,
		title: live.state.title,
		sessionLang: live.state.lang,
		rules: live.state.rules.map((rule) => rule.text),
		className: (params.get('class') ?? '').slice(0, 80),
		date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : new Date().toISOString().slice(0, 10),
		size: params.get('size') === 'A3' ? ('A3' as const) : ('A4' as const)
	};
}) satisfies PageServerLoad;
