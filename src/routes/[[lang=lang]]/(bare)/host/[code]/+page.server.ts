import { redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import * as act from '$lib/server/actions';
import { sessions } from '$lib/server/app';
import { hostCookie } from '$lib/server/cookies';
import { hostSession } from '$lib/server/guards';
import { lessonOutline } from '$lib/server/lessons';
import { publicOrigin, sessionLinks } from '$lib/server/links';
import { qrSvg } from '$lib/server/qr';
import { failure, readForm } from '$lib/server/respond';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const live = hostSession(event);
	const links = sessionLinks(event, live.code, live.state.lang);
	return { code: live.code, view: live.hostSnapshot(), links, qr: await qrSvg(links.join), ...lessonOutline(live.state) };
}) satisfies PageServerLoad;

export const actions = {
	command: async (event) => {
		const outcome = act.host(hostSession(event), await readForm(event.request, ['from']));
		if (!outcome.ok) return failure(event, outcome.code);
		return { done: true };
	},
	recovery: (event) => {
		const live = hostSession(event);
		const token = sessions().newRecovery(live);
		return { recovery: `${publicOrigin(event)}${localize(event.locals.lang, `/recover/${live.code}/${token}`)}` };
	},
	delete: (event) => {
		const live = hostSession(event);
		sessions().delete(live);
		event.cookies.delete(hostCookie(live.code), { path: '/' });
		redirect(303, localize(event.locals.lang, '/?deleted=1'));
	}
} satisfies Actions;
