import { fail, redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import * as act from '$lib/server/actions';
import { sessions } from '$lib/server/app';
import { sessionLinks } from '$lib/server/console';
import { hostCookie, publicOrigin, requireHost, requireSession } from '$lib/server/http';
import { lessonOutline } from '$lib/server/lessons';
import { qrSvg } from '$lib/server/qr';
import { readForm } from '$lib/server/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const live = requireSession(event.params.code, event.locals.lang);
	requireHost(event, live, event.locals.lang);
	const links = sessionLinks(event, live.code, live.state.lang);
	return { code: live.code, view: live.hostSnapshot(), links, qr: await qrSvg(links.join), ...lessonOutline(live.state) };
}) satisfies PageServerLoad;

export const actions = {
	command: async (event) => {
		const live = requireSession(event.params.code, event.locals.lang);
		requireHost(event, live, event.locals.lang);
		const outcome = act.host(live, await readForm(event.request, ['from']), event.locals.lang);
		if (!outcome.ok) return fail(outcome.status, { error: outcome.message });
		return { done: true };
	},
	recovery: (event) => {
		const live = requireSession(event.params.code, event.locals.lang);
		requireHost(event, live, event.locals.lang);
		const token = sessions().newRecovery(live);
		return { recovery: `${publicOrigin(event)}${localize(event.locals.lang, `/recover/${live.code}/${token}`)}` };
	},
	delete: (event) => {
		const live = requireSession(event.params.code, event.locals.lang);
		requireHost(event, live, event.locals.lang);
		sessions().delete(live);
		event.cookies.delete(hostCookie(live.code), { path: '/' });
		redirect(303, localize(event.locals.lang, '/?deleted=1'));
	}
} satisfies Actions;
