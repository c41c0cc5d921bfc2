import { hostSession } from '$lib/server/guards';
import { lessonOutline } from '$lib/server/lessons';
import { sessionLinks } from '$lib/server/links';
import { qrSvg } from '$lib/server/qr';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const live = await hostSession(event);
	const links = sessionLinks(event, live.code, live.state.lang);
	return { code: live.code, view: live.projectorView(), links, qr: await qrSvg(links.join), ...lessonOutline(live.state) };
}) satisfies PageServerLoad;
