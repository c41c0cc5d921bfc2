import { fail, redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import { charterMessages } from '$lib/i18n/charter';
import { adminEnabled, adminKeyMatches, setAdminCookie } from '$lib/server/admin';
import { clientAddress } from '$lib/server/guards';
import { limits } from '$lib/server/ratelimit';
import { failure, readForm } from '$lib/server/respond';
import type { Actions, PageServerLoad } from './$types';

export const load = ((event) => {
	adminEnabled(event);
	return {};
}) satisfies PageServerLoad;

export const actions = {
	/** A wrong key counts as a failed lookup: guessing it is limited like guessing a session code. */
	default: async (event) => {
		adminEnabled(event);
		const address = clientAddress(event);
		if (!limits.failedLookupPerAddress.has(address)) return failure(event, 'rate_limited');
		const form = await readForm(event.request);
		const key = form.ok && typeof form.value.key === 'string' ? form.value.key : '';
		if (!adminKeyMatches(key)) {
			limits.failedLookupPerAddress.take(address);
			return fail(403, { error: charterMessages(event.locals.lang).admin.wrongKey });
		}
		setAdminCookie(event, key);
		redirect(303, localize(event.locals.lang, '/admin'));
	}
} satisfies Actions;
