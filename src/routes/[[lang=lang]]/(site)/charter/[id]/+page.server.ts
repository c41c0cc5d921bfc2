import { fail, redirect } from '@sveltejs/kit';
import { diffVersions } from '$lib/charter/diff';
import { reviewDue } from '$lib/charter/validate';
import { current, versionOf } from '$lib/charter/version';
import { localize } from '$lib/i18n';
import { charters } from '$lib/server/app';
import {
	charterKeyOf,
	charterStatus,
	charterText,
	clearCharterCookie,
	hostCharter,
	nextVersion,
	startCheckin,
	today
} from '$lib/server/charter-edge';
import { setHostCookie } from '$lib/server/cookies';
import { clientAddress } from '$lib/server/guards';
import { publicOrigin } from '$lib/server/links';
import { qrSvg } from '$lib/server/qr';
import type { Actions, PageServerLoad } from './$types';

function number(value: string | null): number | null {
	return value && /^\d{1,4}$/.test(value) ? Number(value) : null;
}

export const load = (async (event) => {
	const charter = await hostCharter(event);
	const latest = current(charter);
	const params = event.url.searchParams;
	const shown = versionOf(charter, number(params.get('v')) ?? latest.version) ?? latest;
	// The difference shown: the one asked for, or from the version before the newest to the newest.
	const to = versionOf(charter, number(params.get('to')) ?? latest.version) ?? latest;
	const from = versionOf(charter, number(params.get('from')) ?? to.version - 1);
	const read = `${publicOrigin(event)}${localize(charter.lang, `/c/${charter.readToken}`)}`;
	return {
		charter: {
			id: charter.id,
			className: charter.className,
			schoolYear: charter.schoolYear,
			lang: charter.lang,
			versions: charter.versions.map(({ version, agreedOn, savedAt }) => ({ version, agreedOn, savedAt }))
		},
		shown,
		latest: latest.version,
		due: reviewDue(latest.reviewOn, today()),
		diff: from && from.version < to.version ? diffVersions(from, to) : null,
		next: nextVersion(charter),
		read,
		qr: await qrSvg(read),
		saved: number(params.get('saved'))
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Starts a check-in session on the newest version and opens its console. */
	checkin: async (event) => {
		const charter = await hostCharter(event);
		const started = await startCheckin(charter, clientAddress(event));
		if (!started.ok) return fail(charterStatus(started.code), { error: charterText(event.locals.lang).errors[started.code] });
		setHostCookie(event, started.code, started.hostKey);
		redirect(303, localize(event.locals.lang, `/host/${started.code}`));
	},
	recovery: async (event) => {
		const charter = await hostCharter(event);
		const token = await charters().newRecovery(charter.id);
		return { recovery: `${publicOrigin(event)}${localize(event.locals.lang, `/charter/recover/${charter.id}/${token}`)}` };
	},
	signout: async (event) => {
		const charter = await hostCharter(event);
		await charters().signOut(charter.id, charterKeyOf(event, charter.id));
		clearCharterCookie(event, charter.id);
		redirect(303, localize(event.locals.lang, '/host'));
	},
	delete: async (event) => {
		const charter = await hostCharter(event);
		await charters().delete(charter.id);
		clearCharterCookie(event, charter.id);
		redirect(303, localize(event.locals.lang, '/host?charterDeleted=1'));
	}
} satisfies Actions;
