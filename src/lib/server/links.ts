import type { RequestEvent } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import type { Lang } from '$lib/lessons/types';

/**
 * The address students use. ORIGIN (or the proxy's headers) when configured; otherwise the address
 * the request came in on, over plain http, because adapter-node itself never serves https.
 */
export function publicOrigin(event: Pick<RequestEvent, 'url' | 'platform'>): string {
	if (process.env.ORIGIN || process.env.PROTOCOL_HEADER || !event.platform?.req) return event.url.origin;
	return `http://${event.url.host}`;
}

/** The links a mentor hands out: where students join and where the mentor's views live. */
export function sessionLinks(event: Pick<RequestEvent, 'url' | 'platform'>, code: string, lang: Lang) {
	const origin = publicOrigin(event);
	return {
		join: `${origin}${localize(lang, `/s/${code}`)}`,
		joinShort: `${origin.replace(/^https?:\/\//, '')}${localize(lang, '/join')}`,
		console: localize(lang, `/host/${code}`),
		projector: localize(lang, `/host/${code}/projector`),
		poster: localize(lang, `/host/${code}/poster`)
	};
}
