import { fail, redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import { charterMessages } from '$lib/i18n/charter';
import { charters } from '$lib/server/app';
import { setCharterCookie } from '$lib/server/charter-edge';
import { clientAddress } from '$lib/server/guards';
import { limits } from '$lib/server/ratelimit';
import { failure } from '$lib/server/respond';
import type { Actions } from './$types';

export const actions = {
	/** Only a POST spends the token (a chat app's link preview cannot); a wrong one counts as a failed lookup. */
	default: async (event) => {
		const address = clientAddress(event);
		if (!limits.failedLookupPerAddress.has(address)) return failure(event, 'rate_limited');
		const hostKey = await charters().redeemRecovery(event.params.id, event.params.token);
		if (!hostKey) {
			limits.failedLookupPerAddress.take(address);
			limits.failedLookup.take('server');
			return fail(404, { error: charterMessages(event.locals.lang).recover.spent });
		}
		setCharterCookie(event, event.params.id, hostKey);
		redirect(303, localize(event.locals.lang, `/charter/${event.params.id}`));
	}
} satisfies Actions;
