import { fail, redirect } from '@sveltejs/kit';
import { localize, messages } from '$lib/i18n';
import { sessions } from '$lib/server/app';
import { setHostCookie } from '$lib/server/cookies';
import { normalizeCode } from '$lib/server/keys';
import type { Actions } from './$types';

export const actions = {
	/** A POST, not the link itself, spends the token: link previews in chat apps cannot use it up. */
	default: (event) => {
		const code = normalizeCode(event.params.code);
		const hostKey = code && event.params.token.length <= 64 ? sessions().redeemRecovery(code, event.params.token) : null;
		if (!code || !hostKey) return fail(404, { error: messages(event.locals.lang).live.recover.spent });
		setHostCookie(event, code, hostKey);
		redirect(303, localize(event.locals.lang, `/host/${code}`));
	}
} satisfies Actions;
