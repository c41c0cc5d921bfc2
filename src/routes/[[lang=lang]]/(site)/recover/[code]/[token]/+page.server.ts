import { fail, redirect } from '@sveltejs/kit';
import { localize, messages } from '$lib/i18n';
import { sessions } from '$lib/server/app';
import { setHostCookie } from '$lib/server/cookies';
import { clientAddress } from '$lib/server/guards';
import { normalizeCode } from '$lib/server/keys';
import { limits } from '$lib/server/ratelimit';
import { failure } from '$lib/server/respond';
import type { Actions } from './$types';

export const actions = {
	/**
	 * A POST, not the link itself, spends the token: link previews in chat apps cannot use it up. A
	 * spent, expired or made-up token counts as a failed lookup, like an unknown code.
	 */
	default: async (event) => {
		const address = clientAddress(event);
		if (!limits.failedLookupPerAddress.has(address)) return failure(event, 'rate_limited');
		const code = normalizeCode(event.params.code);
		const hostKey = code && event.params.token.length <= 64 ? await sessions().redeemRecovery(code, event.params.token) : null;
		if (!code || !hostKey) {
			limits.failedLookupPerAddress.take(address);
			limits.failedLookup.take('server');
			return fail(404, { error: messages(event.locals.lang).live.recover.spent });
		}
		setHostCookie(event, code, hostKey);
		redirect(303, localize(event.locals.lang, `/host/${code}`));
	}
} satisfies Actions;
