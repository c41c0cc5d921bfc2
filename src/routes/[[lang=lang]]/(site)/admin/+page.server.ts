import { redirect } from '@sveltejs/kit';
import { reviewDue } from '$lib/charter/validate';
import { current } from '$lib/charter/version';
import { localize } from '$lib/i18n';
import { clearAdminCookie, requireAdmin } from '$lib/server/admin';
import { charters } from '$lib/server/app';
import { today } from '$lib/server/charter-edge';
import type { Actions, PageServerLoad } from './$types';

/** The school overview: every charter's class, year, rules, dates and versions. 404 off, 403 without the key. */
export const load = (async (event) => {
	requireAdmin(event);
	const day = today();
	return {
		charters: (await charters().all()).map((charter) => {
			const latest = current(charter);
			return {
				className: charter.className,
				schoolYear: charter.schoolYear,
				rules: latest.rules.length,
				agreedOn: latest.agreedOn,
				reviewOn: latest.reviewOn,
				versions: charter.versions.length,
				due: reviewDue(latest.reviewOn, day)
			};
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	signout: (event) => {
		clearAdminCookie(event);
		redirect(303, localize(event.locals.lang, '/admin/login'));
	}
} satisfies Actions;
