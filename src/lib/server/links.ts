import { networkInterfaces } from 'node:os';
import type { Edge } from './edge';
import { localize } from '$lib/i18n';
import type { Lang } from '$lib/lessons/types';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** This machine's addresses on the school network (IPv4, not loopback), first the private ranges. */
export function lanAddresses(): string[] {
	const found = Object.values(networkInterfaces())
		.flatMap((entries) => entries ?? [])
		.filter((entry) => entry.family === 'IPv4' && !entry.internal)
		.map((entry) => entry.address);
	const isPrivate = (address: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address);
	return [...found.filter(isPrivate), ...found.filter((address) => !isPrivate(address))];
}

/**
 * The address students use. ORIGIN (or the proxy's headers) when configured; otherwise the address
 * the request came in on, over plain http, because adapter-node itself never serves https. A mentor
 * who opened the console at localhost would hand out an address no phone can reach: then the
 * machine's network address is used instead, and `reachable` is false when it has none.
 */
export function publicOrigin(event: Pick<Edge, 'url' | 'platform'>): string {
	return joinOrigin(event).origin;
}

function joinOrigin(event: Pick<Edge, 'url' | 'platform'>): { origin: string; reachable: boolean } {
	if (process.env.ORIGIN || process.env.PROTOCOL_HEADER || !event.platform?.req) return { origin: event.url.origin, reachable: true };
	if (!LOOPBACK.test(event.url.hostname)) return { origin: `http://${event.url.host}`, reachable: true };
	// A server that listens on loopback only cannot be reached from phones by any address.
	const lan = LOOPBACK.test(process.env.HOST ?? '0.0.0.0') ? undefined : lanAddresses()[0];
	const port = event.url.port ? `:${event.url.port}` : '';
	return lan ? { origin: `http://${lan}${port}`, reachable: true } : { origin: `http://${event.url.host}`, reachable: false };
}

/** The links a mentor hands out: where students join and where the mentor's views live. */
export function sessionLinks(event: Pick<Edge, 'url' | 'platform'>, code: string, lang: Lang) {
	const { origin, reachable } = joinOrigin(event);
	return {
		join: `${origin}${localize(lang, `/s/${code}`)}`,
		joinShort: `${origin.replace(/^https?:\/\//, '')}${localize(lang, '/join')}`,
		console: localize(lang, `/host/${code}`),
		projector: localize(lang, `/host/${code}/projector`),
		poster: localize(lang, `/host/${code}/poster`),
		/** True when no address phones can reach is known: the boards say so. */
		warning: !reachable
	};
}
