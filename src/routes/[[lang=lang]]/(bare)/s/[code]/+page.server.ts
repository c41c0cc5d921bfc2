import { fail, redirect } from '@sveltejs/kit';
import { studentMessages } from '$lib/i18n/student';
import * as act from '$lib/server/actions';
import { deviceCookie, deviceOf, requireSession, setDeviceCookie } from '$lib/server/http';
import { readForm } from '$lib/server/schemas';
import { personalView, studentView } from '$lib/session/views';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ params, locals, cookies }) => {
	const live = requireSession(params.code, locals.lang);
	return {
		code: live.code,
		t: studentMessages(locals.lang),
		view: studentView(live.state),
		me: personalView(live.state, deviceOf(cookies, live))
	};
}) satisfies PageServerLoad;

export const actions = {
	join: (event) => {
		const live = requireSession(event.params.code, event.locals.lang);
		const outcome = act.join(live, event.cookies.get(deviceCookie(live.code)), event.locals.lang);
		if (!outcome.ok) return fail(outcome.status, { error: outcome.message });
		setDeviceCookie(event, live.code, outcome.token);
		// A full page load: the event stream must open again with the new device cookie.
		redirect(303, event.url.pathname);
	},
	propose: async (event) => {
		const live = requireSession(event.params.code, event.locals.lang);
		const form = await readForm(event.request);
		const outcome = act.propose(live, deviceOf(event.cookies, live), form, event.locals.lang);
		if (!outcome.ok) return fail(outcome.status, { error: outcome.message, text: typeof form.text === 'string' ? form.text : '' });
		return { sent: outcome.id };
	},
	respond: async (event) => {
		const live = requireSession(event.params.code, event.locals.lang);
		const form = await readForm(event.request);
		const outcome = act.respond(live, deviceOf(event.cookies, live), form, event.locals.lang);
		if (!outcome.ok) return fail(outcome.status, { error: outcome.message });
		return { responded: String(form.activity) };
	},
	vote: async (event) => {
		const live = requireSession(event.params.code, event.locals.lang);
		const form = await readForm(event.request);
		const outcome = act.vote(live, deviceOf(event.cookies, live), form, event.locals.lang);
		if (!outcome.ok) return fail(outcome.status, { error: outcome.message });
		return { voted: String(form.proposal) };
	}
} satisfies Actions;
