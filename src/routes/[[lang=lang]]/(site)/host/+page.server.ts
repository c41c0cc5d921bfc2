import { redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import { createSession } from '$lib/server/create';
import { setHostCookie } from '$lib/server/cookies';
import { clientAddress } from '$lib/server/guards';
import { failure, readForm } from '$lib/server/respond';
import { createSchema } from '$lib/server/schemas';
import type { Actions } from './$types';

export const actions = {
	/** Starts a session from a module (`module`) or a bare round (`theme`), then opens its console. */
	create: async (event) => {
		const form = await readForm(event.request);
		if (!form.ok) return failure(event, form.code);
		const parsed = createSchema.safeParse(form.value);
		if (!parsed.success) return failure(event, 'invalid');
		const created = createSession(parsed.data, event.locals.lang, clientAddress(event));
		if (!created.ok) return failure(event, created.code);
		setHostCookie(event, created.code, created.hostKey);
		redirect(303, localize(event.locals.lang, `/host/${created.code}`));
	}
} satisfies Actions;
