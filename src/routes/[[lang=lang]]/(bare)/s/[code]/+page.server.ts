import { redirect } from '@sveltejs/kit';
import { studentMessages } from '$lib/i18n/student';
import * as act from '$lib/server/actions';
import { deviceCookie, setDeviceCookie } from '$lib/server/cookies';
import { deviceOf, session } from '$lib/server/guards';
import { failure, readForm } from '$lib/server/respond';
import { personalView, studentView } from '$lib/session/views';
import type { Actions, PageServerLoad } from './$types';

export const load = ((event) => {
	const live = session(event);
	return {
		code: live.code,
		t: studentMessages(event.locals.lang),
		view: studentView(live.state),
		me: personalView(live.state, deviceOf(event, live))
	};
}) satisfies PageServerLoad;

// Each send answers with the confirmation to show: without JavaScript, the page says it was received.
export const actions = {
	join: (event) => {
		const live = session(event);
		const outcome = act.join(live, event.cookies.get(deviceCookie(live.code)));
		if (!outcome.ok) return failure(event, outcome.code);
		setDeviceCookie(event, live.code, outcome.token);
		// A full page load: the event stream must open again with the new device cookie.
		redirect(303, event.url.pathname);
	},
	propose: async (event) => {
		const live = session(event);
		const form = await readForm(event.request);
		const outcome = act.propose(live, deviceOf(event, live), form);
		if (!outcome.ok) return failure(event, outcome.code, { text: typeof form.text === 'string' ? form.text : '' });
		return { done: 'sent' as const };
	},
	respond: async (event) => {
		const live = session(event);
		const form = await readForm(event.request);
		const outcome = act.respond(live, deviceOf(event, live), form);
		if (!outcome.ok) return failure(event, outcome.code);
		return { done: 'yourChoice' as const };
	},
	vote: async (event) => {
		const live = session(event);
		const form = await readForm(event.request);
		const outcome = act.vote(live, deviceOf(event, live), form);
		if (!outcome.ok) return failure(event, outcome.code);
		return { done: 'voteSaved' as const };
	}
} satisfies Actions;
