import * as act from '$lib/server/actions';
import { hostSession } from '$lib/server/guards';
import { lessonOutline } from '$lib/server/lessons';
import { BODY_LIMITS, failure, readForm } from '$lib/server/respond';
import { parseShown, trimView } from '$lib/components/console/paging';
import type { Actions, PageServerLoad } from './$types';

/** What the phone remote may do: move through the lesson, reveal, approve or hide waiting text, highlight an answer. */
const REMOTE_COMMANDS = new Set(['slide', 'page', 'reveal', 'approve', 'hide', 'highlight']);

export const load = (async (event) => {
	const live = await hostSession(event);
	const { view } = trimView(live.hostSnapshot(), parseShown(new URLSearchParams()));
	const { steps, slides } = lessonOutline(live.state);
	return {
		code: live.code,
		view,
		steps: steps.map(({ title }) => title),
		slides: slides.map(({ step }) => step)
	};
}) satisfies PageServerLoad;

export const actions = {
	command: async (event) => {
		const live = await hostSession(event);
		const form = await readForm(event.request, { limit: BODY_LIMITS.command });
		if (!form.ok) return failure(event, form.code);
		if (!REMOTE_COMMANDS.has(String(form.value.type))) return failure(event, 'invalid');
		const outcome = await act.host(live, form.value);
		if (!outcome.ok) return failure(event, outcome.code, {}, outcome.detail);
		return { done: true };
	}
} satisfies Actions;
