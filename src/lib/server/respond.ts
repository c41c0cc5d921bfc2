import { fail, type RequestEvent } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import type { Lang } from '$lib/lessons/types';
import type { DomainError } from '$lib/session/commands';

/**
 * The edge of the server: refusals travel as codes through the server layer and are worded here, in
 * the language `handle` resolved for the request, as a form failure or a JSON answer.
 */
export type EdgeError = DomainError | 'invalid' | 'rate_limited' | 'unknown_session';

export type Outcome<T = unknown> = ({ ok: true } & T) | { ok: false; code: EdgeError };

export function statusOf(code: EdgeError): number {
	switch (code) {
		case 'forbidden':
			return 403;
		case 'unknown_session':
		case 'unknown_proposal':
		case 'unknown_rule':
		case 'unknown_slide':
			return 404;
		case 'closed':
		case 'proposals_closed':
		case 'voting_closed':
		case 'not_now':
		case 'not_votable':
		case 'merge_target':
		case 'same_proposal':
			return 409;
		case 'rate_limited':
			return 429;
		default:
			return 400;
	}
}

export function messageOf(lang: Lang, code: EdgeError): string {
	return messages(lang).live.errors[code];
}

type Edge = Pick<RequestEvent, 'locals'>;

/** A refused form action: its status and `{ error }` in the user's language, plus fields to keep. */
export function failure<E extends object = object>(event: Edge, code: EdgeError, extra: E = {} as E) {
	return fail(statusOf(code), { ...extra, error: messageOf(event.locals.lang, code) });
}

/** A JSON error answer: `{ ok: false, error, message }` with the code's status. */
export function refusal(event: Edge, code: EdgeError): Response {
	return Response.json({ ok: false, error: code, message: messageOf(event.locals.lang, code) }, { status: statusOf(code) });
}

/** A JSON answer for the API: the outcome's data (never a device token), or its refusal. */
export function answer(event: Edge, outcome: Outcome<object>, okStatus = 200): Response {
	if (!outcome.ok) return refusal(event, outcome.code);
	const { ok: _ok, ...data } = outcome as { ok: true; token?: unknown };
	delete data.token;
	return Response.json({ ok: true, ...data }, { status: okStatus });
}

/** The JSON body of a request, or undefined when it is not JSON (or too large to be a real request). */
export async function readJson(request: Request): Promise<unknown> {
	const text = await request.text();
	if (text.length > 16_384) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * A form post as an object: repeated fields (several `from`) become arrays. A body that is not a form
 * (broken multipart, another content type) becomes an empty object, which every schema refuses.
 */
export async function readForm(request: Request, arrays: string[] = []): Promise<Record<string, unknown>> {
	try {
		return formToObject(await request.formData(), arrays);
	} catch {
		return {};
	}
}

function formToObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
	const object: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).map((value) => (typeof value === 'string' ? value : ''));
		object[key] = arrays.includes(key) ? values : values[0];
	}
	return object;
}
