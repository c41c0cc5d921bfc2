import * as act from './actions';
import { deviceTokenOf, setDeviceCookie } from './cookies';
import type { Edge, Reply } from './edge';
import { clientAddress, deviceOf, hostSession, refuseWith, session } from './guards';
import type { Role, Stream } from './live';
import { closeStream, openStream, STREAMS_PER_SESSION } from './ratelimit';
import { hashSecret } from './keys';
import { BODY_LIMITS, readJson, refusalReply, reply } from './respond';

/**
 * The live session's hot endpoints, one implementation for both ways in: SvelteKit's routes under
 * src/routes/api/sessions/[code]/ and the custom server's fast path (hot.ts). Guards throw SvelteKit's
 * HttpError, which both turn into the API's error shape.
 */

/** An Idempotency-Key: what a client may send (docs/http.md). */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The write's idempotency scope from its `Idempotency-Key` header: the session, who sent it and the
 * key, hashed. Undefined without the header; null for a malformed key (refused, nothing changes).
 */
function idempotencyOf(edge: Edge, code: string, who: string): Buffer | undefined | null {
	const raw = edge.request.headers.get('idempotency-key');
	if (raw === null) return undefined;
	return IDEMPOTENCY_KEY.test(raw) ? hashSecret(`${code}\n${who}\n${raw}`) : null;
}

/** Joins the session as an anonymous device; the device token comes back as a cookie only. */
export async function join(edge: Edge): Promise<Reply> {
	const live = await session(edge, false);
	const key = idempotencyOf(edge, live.code, 'join');
	if (key === null) return refusalReply(edge, 'bad_key');
	const outcome = await act.join(live, deviceTokenOf(edge, live.code), clientAddress(edge), key);
	if (outcome.ok) setDeviceCookie(edge, live.code, outcome.token);
	return reply(edge, outcome);
}

/** A write of a joined device: its body, device number and idempotency scope, or the refusal. */
async function deviceWrite(edge: Edge) {
	const live = await session(edge, false);
	const device = await deviceOf(edge, live);
	const key = idempotencyOf(edge, live.code, `device:${device}`);
	if (key === null) return { ok: false as const, reply: refusalReply(edge, 'bad_key') };
	const body = await readJson(edge.request);
	if (!body.ok) return { ok: false as const, reply: refusalReply(edge, body.code) };
	return { ok: true as const, live, device, key, body: body.value };
}

/** A proposal from a joined device: `{ text }`. */
export async function propose(edge: Edge): Promise<Reply> {
	const write = await deviceWrite(edge);
	if (!write.ok) return write.reply;
	return reply(edge, await act.propose(write.live, write.device, write.body, clientAddress(edge), write.key), 201);
}

/** A vote from a joined device: `{ proposal, choice }`, choice agree, disagree or pass. */
export async function vote(edge: Edge): Promise<Reply> {
	const write = await deviceWrite(edge);
	if (!write.ok) return write.reply;
	return reply(edge, await act.vote(write.live, write.device, write.body, write.key));
}

/** An answer to the statement or scenario on screen: `{ activity, choice }`. */
export async function respond(edge: Edge): Promise<Reply> {
	const write = await deviceWrite(edge);
	if (!write.ok) return write.reply;
	return reply(edge, await act.respond(write.live, write.device, write.body, write.key));
}

/** A mentor's command, e.g. `{ "type": "approve", "id": "p3" }`; see docs/http.md for all of them. */
export async function host(edge: Edge): Promise<Reply> {
	const live = await hostSession(edge, false);
	const key = idempotencyOf(edge, live.code, 'host');
	if (key === null) return refusalReply(edge, 'bad_key');
	const body = await readJson(edge.request, BODY_LIMITS.command);
	if (!body.ok) return refusalReply(edge, body.code);
	return reply(edge, await act.host(live, body.value, key));
}

/** The writes by the last part of their path. */
export const WRITES: Record<string, (edge: Edge) => Promise<Reply>> = {
	join,
	proposals: propose,
	votes: vote,
	responses: respond,
	host
};

/** A stream this far behind is closed; the browser reconnects and gets a fresh snapshot. */
export const MAX_BACKLOG = 256 * 1024;

export const STREAM_HEADERS: Readonly<Record<string, string>> = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache, no-transform',
	// A stream's connection is never reused: closing it with the stream lets a shutdown finish at once.
	connection: 'close',
	'x-accel-buffering': 'no'
};

/** Reconnect quickly after a server restart; the snapshot brings the client up to date. */
export const RETRY = new TextEncoder().encode('retry: 1000\n\n');

/** How a transport writes an event stream: the bytes, and whether it is still open and keeping up. */
export interface Sink {
	write(chunk: Uint8Array): boolean;
	end(): void;
}

/**
 * An event stream for one session and role: a snapshot first, then patches. `role` is host, projector
 * or student; host and projector need the host key. Open streams are bounded per address (in memory
 * only) and per session. The checks run first (a refusal throws); the function it answers with attaches
 * the transport's sink and gives back what to call when the client goes away.
 */
export async function events(edge: Edge): Promise<(sink: Sink) => () => void> {
	const live = await session(edge);
	const role = edge.url.searchParams.get('role') as Role | null;
	if (role !== 'host' && role !== 'projector' && role !== 'student') refuseWith(edge, 'invalid');
	if (role !== 'student') await hostSession(edge, false);
	const device = role === 'student' ? await deviceOf(edge, live) : null;
	if (live.streams.size >= STREAMS_PER_SESSION) refuseWith(edge, 'rate_limited');
	const address = clientAddress(edge);
	if (!openStream(address)) refuseWith(edge, 'rate_limited');
	let counted = true;
	const release = () => {
		if (counted) closeStream(address);
		counted = false;
	};
	return (sink) => {
		const stream: Stream = {
			role,
			device,
			write: (chunk) => sink.write(chunk),
			close() {
				release();
				sink.end();
			}
		};
		sink.write(RETRY);
		live.connect(stream);
		return () => {
			live.disconnect(stream);
			release();
		};
	};
}
