import { fail } from '@sveltejs/kit';
import type { Body, Edge as Request_, Reply } from './edge';
import { messages } from '$lib/i18n';
import type { Lang } from '$lib/lessons/types';
import type { DomainError } from '$lib/session/commands';

/**
 * The edge of the server: refusals travel as codes through the server layer and are worded here, in
 * the language `handle` resolved for the request, as a form failure or a JSON answer.
 */
export type EdgeError =
	| DomainError
	| 'invalid'
	| 'bad_key'
	| 'rate_limited'
	| 'unknown_session'
	| 'payload_too_large'
	| 'unsupported_type'
	| 'not_found'
	| 'unavailable';

/** A refusal may carry a detail for its message, such as the refused character of a `control` text. */
export type Outcome<T = unknown> = ({ ok: true } & T) | { ok: false; code: EdgeError; detail?: string };

export function statusOf(code: EdgeError): number {
	switch (code) {
		case 'forbidden':
			return 403;
		case 'unknown_session':
		case 'unknown_proposal':
		case 'unknown_rule':
		case 'unknown_slide':
		case 'unknown_device':
		case 'not_found':
			return 404;
		case 'closed':
		case 'proposals_closed':
		case 'voting_closed':
		case 'not_now':
		case 'not_votable':
		case 'not_answer':
		case 'merge_target':
		case 'same_proposal':
		case 'joining_locked':
		case 'class_full':
		case 'proposal_cap':
		case 'session_cap':
		case 'queue_full':
			return 409;
		case 'payload_too_large':
			return 413;
		case 'unsupported_type':
			return 415;
		case 'rate_limited':
			return 429;
		case 'unavailable':
			return 503;
		default:
			return 400;
	}
}

export function messageOf(lang: Lang, code: EdgeError, detail?: string): string {
	const live = messages(lang).live;
	if (code === 'control' && detail) return live.controlNamed(detail);
	return live.errors[code];
}

type Edge = Pick<Request_, 'locals'>;
/** What a body reader needs of a request. */
type WithBody = { headers: { get(name: string): string | null }; body: Body | null };

/** A refused form action: its status and `{ error }` in the user's language, plus fields to keep. */
export function failure<E extends object = object>(event: Edge, code: EdgeError, extra: E = {} as E, detail?: string) {
	return fail(statusOf(code), { ...extra, error: messageOf(event.locals.lang, code, detail) });
}

/** A JSON error answer: `{ ok: false, error, message }` with the code's status. */
export function refusalReply(event: Edge, code: EdgeError, detail?: string): Reply {
	return {
		status: statusOf(code),
		body: { ok: false, error: code, message: messageOf(event.locals.lang, code, detail) },
		headers: { 'cache-control': 'no-store' }
	};
}

/** A JSON answer for the API: the outcome's data (never a device token), or its refusal. */
export function reply(event: Edge, outcome: Outcome<object>, okStatus = 200): Reply {
	if (!outcome.ok) return refusalReply(event, outcome.code, outcome.detail);
	const { ok: _ok, ...data } = outcome as { ok: true; token?: unknown };
	delete data.token;
	return { status: okStatus, body: { ok: true, ...data } };
}

/** A reply as a web Response, for SvelteKit's endpoints. */
export function toResponse({ status, body, headers }: Reply): Response {
	return Response.json(body, { status, headers });
}

export const refusal = (event: Edge, code: EdgeError, detail?: string): Response => toResponse(refusalReply(event, code, detail));
export const answer = (event: Edge, outcome: Outcome<object>, okStatus = 200): Response => toResponse(reply(event, outcome, okStatus));

/** Body limits in bytes: a proposal or vote is a few hundred bytes, a mentor's command a few KB. */
export const BODY_LIMITS = { small: 2_048, command: 16_384 } as const;
/** More fields than any form of the app has, by far. */
export const MAX_FIELDS = 64;

/**
 * Reads at most `limit` bytes of a body, without keeping more: null when the body is longer. The rest
 * of a longer body is read and dropped as it arrives (never parsed or kept; the server's
 * BODY_SIZE_LIMIT ends it), so the client gets its answer on an intact connection.
 */
export async function readBody(request: WithBody, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
	if (!request.body) return new Uint8Array(new ArrayBuffer(0));
	const declared = Number(request.headers.get('content-length') ?? '0');
	const chunks: Uint8Array[] = [];
	let size = 0;
	let over = declared > limit;
	try {
		for await (const value of chunksOf(request.body)) {
			size += value.byteLength;
			if (size > limit) over = true;
			if (!over) chunks.push(value);
		}
	} catch {
		// A body the client broke off, or one over the server's BODY_SIZE_LIMIT.
		return null;
	}
	if (over) return null;
	const body = new Uint8Array(new ArrayBuffer(size));
	let offset = 0;
	for (const chunk of chunks) {
		body.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return body;
}

async function* chunksOf(body: Body): AsyncIterable<Uint8Array> {
	if (!('getReader' in body)) return yield* body;
	const reader = body.getReader();
	for (;;) {
		const { value, done } = await reader.read();
		if (done) return;
		yield value;
	}
}

export type Read<T> = { ok: true; value: T } | { ok: false; code: 'payload_too_large' | 'unsupported_type' | 'invalid' };

/**
 * The JSON body of an API request. Only `application/json` (a browser can send `text/plain` from any
 * site without asking first); at most `limit` bytes; malformed JSON reads as undefined, which every
 * schema refuses.
 */
export async function readJson(request: WithBody, limit: number = BODY_LIMITS.small): Promise<Read<unknown>> {
	const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
	const body = await readBody(request, limit);
	if (body === null) return { ok: false, code: 'payload_too_large' };
	if (body.byteLength === 0 && !type) return { ok: true, value: undefined };
	if (type !== 'application/json') return { ok: false, code: 'unsupported_type' };
	try {
		return { ok: true, value: JSON.parse(new TextDecoder().decode(body)) as unknown };
	} catch {
		return { ok: true, value: undefined };
	}
}

/**
 * A form post as an object, in one pass over at most `limit` bytes and `MAX_FIELDS` fields: repeated
 * fields named in `arrays` (several `from`) become arrays, other repeats keep their first value. A body
 * that is too large or has too many fields is refused; one that is not a form (broken multipart,
 * another content type) becomes an empty object, which every schema refuses.
 */
export async function readForm(
	request: WithBody,
	options: { limit?: number; arrays?: string[] } = {}
): Promise<Read<Record<string, unknown>>> {
	const limit = options.limit ?? BODY_LIMITS.small;
	const type = request.headers.get('content-type') ?? '';
	const body = await readBody(request, limit);
	if (body === null) return { ok: false, code: 'payload_too_large' };
	let entries: Iterable<[string, unknown]>;
	try {
		if (type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
			entries = new URLSearchParams(new TextDecoder().decode(body));
		} else if (type.toLowerCase().startsWith('multipart/form-data')) {
			// Parsing is bounded by the byte limit above.
			entries = await new Response(body, { headers: { 'content-type': type } }).formData();
		} else {
			return { ok: true, value: {} };
		}
	} catch {
		return { ok: true, value: {} };
	}
	const arrays = new Set(options.arrays ?? []);
	const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
	let fields = 0;
	for (const [key, raw] of entries) {
		if (++fields > MAX_FIELDS) return { ok: false, code: 'payload_too_large' };
		const value = typeof raw === 'string' ? raw : '';
		if (arrays.has(key)) {
			const list = (object[key] as string[] | undefined) ?? [];
			list.push(value);
			object[key] = list;
		} else if (!(key in object)) {
			object[key] = value;
		}
	}
	return { ok: true, value: { ...object } };
}
