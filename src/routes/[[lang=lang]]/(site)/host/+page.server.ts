import { redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import { createSession } from '$lib/server/create';
import { setHostCookie } from '$lib/server/cookies';
import { clientAddress } from '$lib/server/guards';
import { failure, readForm } from '$lib/server/respond';
import { createSchema } from '$lib/server/schemas';
import { reviewDue } from '$lib/charter/validate';
import { current } from '$lib/charter/version';
import { heldCharters, today } from '$lib/server/charter-edge';
import type { Actions, PageServerLoad } from './$types';

/** The class charters this browser holds the key of, with "review due" once the day has come. */
export const load = (async (event) => {
	const day = today();
	return {
		charters: (await heldCharters(event)).map((charter) => {
			const latest = current(charter);
			return {
				id: charter.id,
				className: charter.className,
				schoolYear: charter.schoolYear,
				version: latest.version,
				rules: latest.rules.length,
				reviewOn: latest.reviewOn,
				due: reviewDue(latest.reviewOn, day)
			};
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Starts a session from a module (`module`) or a bare round (`theme`), then opens its console. */
	create: async (event) => {
		const form = await readForm(event.request);
		if (!form.ok) return failure(event, form.code);
		const parsed = createSchema.safeParse(form.value);
		if (!parsed.success) return failure(event, 'invalid');
		const created = await createSession(parsed.data, event.locals.lang, clientAddress(event));
		if (!created.ok) return failure(event, created.code);
		setHostCookie(event, created.code, created.hostKey);
		redirect(303, localize(event.locals.lang, `/host/${created.code}`));
	}
} satisfies Actions;
