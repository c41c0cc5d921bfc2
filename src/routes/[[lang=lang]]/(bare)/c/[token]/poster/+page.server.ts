import { error } from '@sveltejs/kit';
import { charterMessages } from '$lib/i18n/charter';
import { charters } from '$lib/server/app';
import { charterPoster } from '$lib/server/charter-poster';
import type { PageServerLoad } from './$types';

/** The class's poster from the read-only link: the same sheet, nothing to save. */
export const load = (async (event) => {
	const charter = await charters().findByReadToken(event.params.token);
	if (!charter) error(404, { message: charterMessages(event.locals.lang).errors.unknown });
	return { token: event.params.token, ...charterPoster(charter, event.url.searchParams) };
}) satisfies PageServerLoad;
