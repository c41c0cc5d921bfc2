import { fail, redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import { createSession } from '$lib/server/create';
import { messageOf, setHostCookie } from '$lib/server/http';
import { createSchema, readForm } from '$lib/server/schemas';
import type { Actions } from './$types';

export const actions = {
	/** Starts a session from a module (`module`) or a bare round (`theme`), then opens its console. */
	create: async (event) => {
		const lang = event.locals.lang;
		const parsed = createSchema.safeParse(await readForm(event.request));
		if (!parsed.success) return fail(400, { error: messageOf(lang, 'invalid') });
		const created = createSession(parsed.data, lang);
		if (!created.ok) return fail(created.code === 'rate_limited' ? 429 : 400, { error: messageOf(lang, created.code) });
		setHostCookie(event, created.code, created.hostKey);
		redirect(303, localize(lang, `/host/${created.code}`));
	}
} satisfies Actions;
