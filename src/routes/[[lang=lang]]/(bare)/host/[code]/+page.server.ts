import { redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import * as act from '$lib/server/actions';
import { sessions } from '$lib/server/app';
import { clearHostCookie, hostKeyOf } from '$lib/server/cookies';
import { hostSession } from '$lib/server/guards';
import { lessonOutline } from '$lib/server/lessons';
import { publicOrigin, sessionLinks } from '$lib/server/links';
import { qrSvg } from '$lib/server/qr';
import { BODY_LIMITS, failure, readForm } from '$lib/server/respond';
import { parseShown, trimView } from '$lib/components/console/paging';
import { addDays, REVIEW_AFTER_DAYS } from '$lib/export/poster';
import { schoolYearOf } from '$lib/charter/validate';
import { charterStatus, charterText, saveFromSession, today } from '$lib/server/charter-edge';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const live = await hostSession(event);
	const links = sessionLinks(event, live.code, live.state.lang);
	const shown = parseShown(event.url.searchParams);
	const { view, totals } = trimView(live.hostSnapshot(), shown);
	// The console needs only each step's title, time and notes; the slides themselves are the stage's.
	const { steps, slides } = lessonOutline(live.state);
	return {
		code: live.code,
		view,
		totals,
		shown,
		links,
		qr: await qrSvg(links.join),
		steps: steps.map(({ title, minutes, notes }) => ({ title, minutes, notes })),
		slides,
		// The charter panel's form: today, a review four weeks on, and this school year.
		charterDefaults: { today: today(), review: addDays(today(), REVIEW_AFTER_DAYS), schoolYear: schoolYearOf(today()), className: '' },
		/** Each open question's text, as a heading over its answers on the console's wall. */
		questions: Object.fromEntries(
			live.state.steps.flatMap((step) => step.activities.filter((a) => a.kind === 'question').map((a) => [a.id, a.text]))
		) as Record<string, string>
	};
}) satisfies PageServerLoad;

/** A merge target typed as a number ("12", "p12" or "12. Wij …" from the list) becomes its id. */
function mergeTarget(input: Record<string, unknown>): Record<string, unknown> {
	if (input.type !== 'merge' || typeof input.into !== 'string') return input;
	const number = /^\s*[pP]?(\d{1,7})\b/.exec(input.into);
	return { ...input, into: number ? `p${number[1]}` : input.into };
}

export const actions = {
	command: async (event) => {
		const live = await hostSession(event);
		const form = await readForm(event.request, { limit: BODY_LIMITS.command, arrays: ['from'] });
		if (!form.ok) return failure(event, form.code);
		const outcome = await act.host(live, mergeTarget(form.value));
		if (!outcome.ok) return failure(event, outcome.code, {}, outcome.detail);
		return { done: true };
	},
	recovery: async (event) => {
		const live = await hostSession(event);
		const token = await sessions().newRecovery(live);
		return { recovery: `${publicOrigin(event)}${localize(event.locals.lang, `/recover/${live.code}/${token}`)}` };
	},
	/** A one-time QR code and link that make the mentor's phone a remote (an extra host key). */
	remote: async (event) => {
		const live = await hostSession(event);
		const token = await sessions().newRemote(live);
		const link = `${publicOrigin(event)}${localize(event.locals.lang, `/remote/${live.code}/${token}`)}`;
		return { remote: { link, qr: await qrSvg(link) } };
	},
	/** Disconnects the mentor's phone: every remote's key stops working, this browser's does not. */
	revokeRemotes: async (event) => {
		const live = await hostSession(event);
		await sessions().revokeRemotes(live);
		return { revoked: true };
	},
	/** Signs this browser out (a shared classroom computer): the cookie goes and its key stops working. */
	signout: async (event) => {
		const live = await hostSession(event);
		await sessions().signOut(live, hostKeyOf(event, live.code));
		clearHostCookie(event, live.code);
		redirect(303, localize(event.locals.lang, '/?signedout=1'));
	},
	/** Saves the rules as a class charter (or a check-in's next version), then opens the charter. */
	charter: async (event) => {
		const live = await hostSession(event);
		const form = await readForm(event.request);
		if (!form.ok) return failure(event, form.code);
		const saved = await saveFromSession(event, live, form.value);
		if (!saved.ok) {
			// The form comes back as typed, with the reason, so the mentor corrects one field.
			const typed = (name: string) => (typeof form.value[name] === 'string' ? (form.value[name] as string).slice(0, 80) : '');
			const charterValues = {
				className: typed('className'),
				schoolYear: typed('schoolYear'),
				today: typed('agreedOn'),
				review: typed('reviewOn')
			};
			return fail(charterStatus(saved.code), { charterError: charterText(event.locals.lang).errors[saved.code], charterValues });
		}
		redirect(303, localize(event.locals.lang, `/charter/${saved.id}?saved=${saved.version}`));
	},
	delete: async (event) => {
		const live = await hostSession(event);
		await sessions().delete(live);
		clearHostCookie(event, live.code);
		redirect(303, localize(event.locals.lang, '/?deleted=1'));
	}
} satisfies Actions;
