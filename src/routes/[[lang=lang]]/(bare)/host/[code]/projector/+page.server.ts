import { sessionLinks } from '$lib/server/console';
import { requireHost, requireSession } from '$lib/server/http';
import { lessonOutline } from '$lib/server/lessons';
import { qrSvg } from '$lib/server/qr';
import { projectorView } from '$lib/session/views';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const live = requireSession(event.params.code, event.locals.lang);
	requireHost(event, live, event.locals.lang);
	const links = sessionLinks(event, live.code, live.state.lang);
	return { code: live.code, view: projectorView(live.state), links, qr: await qrSvg(links.join), ...lessonOutline(live.state) };
}) satisfies PageServerLoad;
