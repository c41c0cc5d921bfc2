import { error } from '@sveltejs/kit';
import { reviewDue } from '$lib/charter/validate';
import { current, versionOf } from '$lib/charter/version';
import { charterMessages } from '$lib/i18n/charter';
import { charters } from '$lib/server/app';
import { today } from '$lib/server/charter-edge';
import type { PageServerLoad } from './$types';

/**
 * The class's read-only view of its charter: the newest version, older ones by `?v=`. This page has
 * no form and no action; every write needs the mentor's key, which this link never carries.
 */
export const load = (async (event) => {
	const charter = await charters().findByReadToken(event.params.token);
	if (!charter) error(404, { message: charterMessages(event.locals.lang).errors.unknown });
	const latest = current(charter);
	const asked = event.url.searchParams.get('v');
	const shown = (asked && /^\d{1,4}$/.test(asked) ? versionOf(charter, Number(asked)) : null) ?? latest;
	return {
		token: event.params.token,
		className: charter.className,
		schoolYear: charter.schoolYear,
		charterLang: charter.lang,
		versions: charter.versions.map((version) => version.version),
		shown,
		latest: latest.version,
		due: reviewDue(latest.reviewOn, today())
	};
}) satisfies PageServerLoad;
