import { localize } from '../i18n';
import type { Lang } from '../lessons/types';
import { publicOrigin } from './http';
import type { RequestEvent } from '@sveltejs/kit';

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
