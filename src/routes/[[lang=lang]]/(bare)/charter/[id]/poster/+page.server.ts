import { hostCharter } from '$lib/server/charter-edge';
import { charterPoster } from '$lib/server/charter-poster';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const charter = await hostCharter(event);
	return { id: charter.id, ...charterPoster(charter, event.url.searchParams) };
}) satisfies PageServerLoad;
