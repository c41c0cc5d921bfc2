import { redirect } from '@sveltejs/kit';
import { studentMessages } from '$lib/i18n/student';
import * as act from '$lib/server/actions';
import { deviceTokenOf, setDeviceCookie } from '$lib/server/cookies';
import { clientAddress, deviceOf, session } from '$lib/server/guards';
import { failure, readForm } from '$lib/server/respond';
import { personalView } from '$lib/session/views';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const live = await session(event);
	return {
		code: live.code,
		t: studentMessages(event.locals.lang),
		view: live.studentView(),
		me: personalView(live.state, await deviceOf(event, live))
	};
}) satisfies PageServerLoad;

// Each send answers with the confirmation to show: without JavaScript, the page says it was received.
export const actions = {
	join: async (event) => {
		const live = await session(event);
		const outcome = await act.join(live, deviceTokenOf(event, live.code), clientAddress(event));
		if (!outcome.ok) return failure(event, outcome.code);
		setDeviceCookie(event, live.code, outcome.token);
		// A full page load: the event stream must open again with the new device cookie.
		redirect(303, event.url.pathname);
	},
	propose: async (event) => {
		const live = await session(event);
		const form = await readForm(event.request);
		if (!form.ok) return failure(event, form.code, { text: '' });
		const outcome = await act.propose(live, await deviceOf(event, live), form.value, clientAddress(event));
		const text = form.value.text;
		if (!outcome.ok) return failure(event, outcome.code, { text: typeof text === 'string' ? text : '' }, outcome.detail);
		return { done: 'sent' as const };
	},
	respond: async (event) => {
		const live = await session(event);
		const form = await readForm(event.request);
		if (!form.ok) return failure(event, form.code);
		const outcome = await act.respond(live, await deviceOf(event, live), form.value);
		if (!outcome.ok) return failure(event, outcome.code);
		return { done: 'yourChoice' as const };
	},
	vote: async (event) => {
		const live = await session(event);
		const form = await readForm(event.request);
		if (!form.ok) return failure(event, form.code);
		const outcome = await act.vote(live, await deviceOf(event, live), form.value);
		if (!outcome.ok) return failure(event, outcome.code);
		return { done: 'voteSaved' as const };
	}
} satisfies Actions;
