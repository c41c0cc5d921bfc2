import type { IncomingMessage, ServerResponse } from 'node:http';
import { isHttpError } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { events, MAX_BACKLOG, STREAM_HEADERS, WRITES } from './api';
import { type CookieOptions, type Edge, type Reply, requestLang, SECURITY_HEADERS } from './edge';
import { isCrossSite } from './origin';
import { messageOf, refusalReply, type EdgeError } from './respond';
import { databaseUnavailable } from './store-pg';

/**
 * The fast path of the custom server (server/index.js): the event streams and the small JSON writes
 * of a live session, served on Node's request and response without the framework's per-request
 * pipeline (a web Request, its signal, a response stream). What they run is the same as SvelteKit's
 * routes for these paths: the functions in api.ts, with the same guards, limits, cross-site rule and
 * error shape; only the transport differs. Every other request goes to SvelteKit.
 */

const HOT = /^\/api\/sessions\/([^/]+)\/(events|join|proposals|votes|responses|host)$/;

/** adapter-node's settings, read the way its handler reads them. */
const ORIGIN = process.env.ORIGIN;
const PROTOCOL_HEADER = (process.env.PROTOCOL_HEADER ?? '').toLowerCase();
const HOST_HEADER = (process.env.HOST_HEADER ?? '').toLowerCase();
const PORT_HEADER = (process.env.PORT_HEADER ?? '').toLowerCase();
const ADDRESS_HEADER = (process.env.ADDRESS_HEADER ?? '').toLowerCase();
const XFF_DEPTH = Number.parseInt(process.env.XFF_DEPTH ?? '1', 10);
const BODY_SIZE_LIMIT = bytes(process.env.BODY_SIZE_LIMIT ?? '512K');

const CODE_BY_STATUS: Record<number, EdgeError> = {
	400: 'invalid',
	403: 'forbidden',
	404: 'not_found',
	413: 'payload_too_large',
	429: 'rate_limited'
};

/** Serves the request if it is one of the hot paths; false hands it to SvelteKit. */
export function hot(req: IncomingMessage, res: ServerResponse): boolean {
	const url = req.url ?? '/';
	const query = url.indexOf('?');
	const match = HOT.exec(query < 0 ? url : url.slice(0, query));
	if (!match) return false;
	const kind = match[2]!;
	// Other methods on these paths (a sign-out DELETE, a wrong method) are SvelteKit's to answer.
	if (req.method !== (kind === 'events' ? 'GET' : 'POST')) return false;
	let edge: Edge;
	try {
		edge = nodeEdge(req, res, decodeURIComponent(match[1]!), url);
	} catch {
		// A malformed host, protocol or address header: the framework answers it as it would.
		return false;
	}
	if (isCrossSite(edge.request)) {
		send(res, { status: 403, body: { ok: false, error: 'cross_site', message: messages(edge.locals.lang).crossSite } });
		return true;
	}
	if (kind === 'events') stream(edge, req, res).catch((error: unknown) => console.error(error));
	else
		WRITES[kind]!(edge)
			.then(
				(reply) => send(res, reply),
				(error: unknown) => send(res, failed(edge, error))
			)
			.catch((error: unknown) => console.error(error));
	return true;
}

async function stream(edge: Edge, req: IncomingMessage, res: ServerResponse) {
	let attach: Awaited<ReturnType<typeof events>>;
	try {
		attach = await events(edge);
	} catch (error) {
		send(res, failed(edge, error));
		return;
	}
	// The client went away while the checks ran.
	if (res.destroyed) return;
	res.writeHead(200, { ...SECURITY_HEADERS, ...STREAM_HEADERS });
	const close = attach({
		write(chunk) {
			// A phone this far behind is dropped; its browser reconnects and gets a fresh snapshot.
			if (res.destroyed || res.writableEnded || res.writableLength > MAX_BACKLOG) return false;
			res.write(chunk);
			return true;
		},
		end() {
			if (!res.writableEnded) res.end();
		}
	});
	res.once('close', close);
	// A socket that died under a write must not end the process: the close above cleans up.
	res.on('error', () => {});
	req.resume();
}

/**
 * A guard's refusal as the API's error shape; a database out of reach (PostgreSQL restarting) is 503,
 * so a client knows to send the write again; anything else is logged once and answered with 500.
 */
function failed(edge: Edge, error: unknown): Reply {
	if (isHttpError(error)) {
		const body = error.body as { message?: string; error?: string };
		const code = body.error ?? CODE_BY_STATUS[error.status] ?? 'invalid';
		return {
			status: error.status,
			body: { ok: false, error: code, message: body.message || messageOf(edge.locals.lang, code as EdgeError) }
		};
	}
	if (databaseUnavailable(error)) return refusalReply(edge, 'unavailable');
	console.error(error);
	return { status: 500, body: { ok: false, error: 'server_error', message: messages(edge.locals.lang).errorTitle } };
}

function send(res: ServerResponse, reply: Reply) {
	if (res.headersSent || res.destroyed) return;
	const json = JSON.stringify(reply.body);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
	res.setHeader('content-type', 'application/json');
	res.setHeader('content-length', Buffer.byteLength(json));
	// A body that was too large was not read to its end: the connection cannot be reused.
	if (reply.status === 413) res.setHeader('connection', 'close');
	res.writeHead(reply.status);
	res.end(json);
}

/** The request as the server layer reads it (see edge.ts). */
function nodeEdge(req: IncomingMessage, res: ServerResponse, code: string, path: string): Edge {
	const base = ORIGIN ?? origin(req);
	const parsed = new URL(path, base);
	const headers = { get: (name: string) => header(req, name.toLowerCase()) ?? null };
	const edge: Edge = {
		params: { code },
		locals: { lang: 'nl' },
		url: parsed,
		request: { method: req.method ?? 'GET', url: parsed.href, headers, body: limited(req) },
		cookies: {
			get: (name) => cookie(req.headers.cookie, name),
			set: (name, value, options) => appendCookie(res, name, value, options)
		},
		getClientAddress: () => address(req),
		platform: { req }
	};
	edge.locals.lang = requestLang({ params: {}, url: parsed, request: edge.request });
	return edge;
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

/** adapter-node's origin for a request without ORIGIN: the protocol header (or https) and the host. */
function origin(req: IncomingMessage): string {
	const protocol = decodeURIComponent((PROTOCOL_HEADER && header(req, PROTOCOL_HEADER)) || 'https');
	if (protocol.includes(':')) throw new Error('invalid protocol header');
	const host = (HOST_HEADER && header(req, HOST_HEADER)) || header(req, 'host');
	if (!host) throw new Error('no host');
	const port = PORT_HEADER && header(req, PORT_HEADER);
	return port ? `${protocol}://${host}:${port}` : `${protocol}://${host}`;
}

/** adapter-node's client address: ADDRESS_HEADER (with XFF_DEPTH for x-forwarded-for) or the socket. */
function address(req: IncomingMessage): string {
	if (!ADDRESS_HEADER) return req.socket.remoteAddress ?? 'unknown';
	const value = header(req, ADDRESS_HEADER);
	if (value === undefined) throw new Error(`ADDRESS_HEADER ${ADDRESS_HEADER} is absent from the request`);
	if (ADDRESS_HEADER !== 'x-forwarded-for') return value;
	const addresses = value.split(',');
	if (XFF_DEPTH < 1 || XFF_DEPTH > addresses.length) throw new Error('XFF_DEPTH does not match the request');
	return addresses[addresses.length - XFF_DEPTH]!.trim();
}

function cookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const index = part.indexOf('=');
		if (index < 0 || part.slice(0, index).trim() !== name) continue;
		const value = part.slice(index + 1).trim();
		try {
			return decodeURIComponent(value);
		} catch {
			return value;
		}
	}
	return undefined;
}

function appendCookie(res: ServerResponse, name: string, value: string, options: CookieOptions) {
	const parts = [`${name}=${encodeURIComponent(value)}`, `Max-Age=${options.maxAge}`, `Path=${options.path}`];
	if (options.httpOnly) parts.push('HttpOnly');
	if (options.secure) parts.push('Secure');
	parts.push('SameSite=Lax');
	const existing = res.getHeader('set-cookie');
	const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
	res.setHeader('set-cookie', [...list, parts.join('; ')]);
}

/** The request body, ended with an error past BODY_SIZE_LIMIT (readBody then answers 413). */
async function* limited(req: IncomingMessage): AsyncIterable<Uint8Array> {
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.byteLength;
		if (size > BODY_SIZE_LIMIT) throw new Error('body over BODY_SIZE_LIMIT');
		yield chunk;
	}
}

function bytes(value: string): number {
	const multiplier = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.at(-1)?.toUpperCase() ?? ''] ?? 1;
	return Number(multiplier === 1 ? value : value.slice(0, -1)) * multiplier;
}

/** The custom server finds the fast path here: the build's modules are not importable by name. */
export const HOT_KEY = Symbol.for('klasakkoord.hot');

export function registerHot() {
	(globalThis as Record<symbol, unknown>)[HOT_KEY] = hot;
}
