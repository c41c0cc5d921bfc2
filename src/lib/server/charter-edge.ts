/**
 * Class charters at the edge: the mentor's cookie, the guards of the charter pages, saving a
 * session's rules as a charter (version 1, or the next version after a check-in) and starting a
 * check-in session. Refusals are codes, worded with charterMessages.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { checkinSeed, current, lastKey, rulesFromSession } from '$lib/charter/version';
import { checkDates, checkMeta, checkRules, type CharterError } from '$lib/charter/validate';
import { charterMessages, type CharterMessages } from '$lib/i18n/charter';
import type { Lang } from '$lib/lessons/types';
import { charters, sessions } from './app';
import { CHARTER_ID, type StoredCharter } from './charters';
import { publicOrigin } from './links';
import { findLesson } from './lessons';
import type { LiveSession } from './live';
import { limits } from './ratelimit';

type CookieEvent = Pick<RequestEvent, 'url' | 'platform' | 'cookies'>;

/** The module a check-in runs: lessons/09-terugblik. */
export const CHECKIN_MODULE = 'terugblik';

const PREFIX = 'kk_charter_';
/** A charter lasts a school year; browsers keep a cookie at most 400 days. */
const MAX_AGE = 60 * 60 * 24 * 400;

function secure(event: Pick<RequestEvent, 'url' | 'platform'>): boolean {
	return publicOrigin(event).startsWith('https:');
}

export const charterCookie = (event: Pick<RequestEvent, 'url' | 'platform'>, id: string) =>
	`${secure(event) ? '__Host-' : ''}${PREFIX}${id}`;

export function setCharterCookie(event: CookieEvent, id: string, hostKey: string) {
	event.cookies.set(charterCookie(event, id), hostKey, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(event),
		maxAge: MAX_AGE
	});
}

export function clearCharterCookie(event: CookieEvent, id: string) {
	event.cookies.delete(charterCookie(event, id), { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(event) });
}

/** The charter key from the cookie, or for tools from `Authorization: Bearer <key>`. */
export function charterKeyOf(event: CookieEvent & Pick<RequestEvent, 'request'>, id: string): string | undefined {
	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	return bearer ?? event.cookies.get(charterCookie(event, id));
}

export type CharterRefusal = CharterError | 'not_host' | 'stale' | 'saved_already' | 'no_module' | 'unknown' | 'rate_limited';

const STATUS: Partial<Record<CharterRefusal, number>> = {
	not_host: 403,
	unknown: 404,
	stale: 409,
	saved_already: 409,
	rate_limited: 429,
	no_module: 503
};

export function charterStatus(code: CharterRefusal): number {
	return STATUS[code] ?? 400;
}

export function charterText(lang: Lang): CharterMessages {
	return charterMessages(lang);
}

/** The charter in the URL for its mentor, or a 404 (unknown) or 403 (no key) in the visitor's language. */
export async function hostCharter(event: CookieEvent & Pick<RequestEvent, 'request' | 'params' | 'locals'>): Promise<StoredCharter> {
	const id = event.params.id ?? '';
	const charter = CHARTER_ID.test(id) ? await charters().find(id) : null;
	const words = charterMessages(event.locals.lang).errors;
	if (!charter) error(404, { message: words.unknown });
	if (!(await charters().isHost(id, charterKeyOf(event, id)))) error(403, { message: words.not_host });
	return charter;
}

/** Today as `YYYY-MM-DD` on the server's clock (UTC). */
export function today(): string {
	return new Date(charters().now()).toISOString().slice(0, 10);
}

/** The charters whose keys this browser holds, newest first. */
export async function heldCharters(event: CookieEvent): Promise<StoredCharter[]> {
	const prefix = charterCookie(event, '');
	const held = event.cookies
		.getAll()
		.filter(({ name }) => name.startsWith(prefix) && CHARTER_ID.test(name.slice(prefix.length)))
		.map(async ({ name, value }) => {
			const id = name.slice(prefix.length);
			return (await charters().isHost(id, value)) ? charters().find(id) : null;
		});
	const found = (await Promise.all(held)).filter((charter) => charter !== null);
	return found.sort((a, b) => b.updatedAt - a.updatedAt);
}

export type Saved = { ok: true; id: string; version: number } | { ok: false; code: CharterRefusal };

/**
 * Saves a session's rules as a charter. A first round makes a new charter (version 1) and gives this
 * browser its key; a check-in adds the next version to its charter (this browser must hold that
 * charter's key) and closes the session. The session's log notes that it was saved.
 */
export async function saveFromSession(
	event: CookieEvent & Pick<RequestEvent, 'request'>,
	live: LiveSession,
	form: Record<string, unknown>
): Promise<Saved> {
	const state = live.state;
	if (!limits.host.take(live.code)) return { ok: false, code: 'rate_limited' };
	if (state.checkin) {
		const id = state.checkin.charter;
		const charter = await charters().find(id);
		if (!charter) return { ok: false, code: 'unknown' };
		if (!(await charters().isHost(id, charterKeyOf(event, id)))) return { ok: false, code: 'not_host' };
		const dates = checkDates(form.agreedOn, form.reviewOn);
		if (!dates.ok) return { ok: false, code: dates.error };
		const rules = checkRules(rulesFromSession(state, lastKey(charter.versions)));
		if (!rules.ok) return { ok: false, code: rules.error };
		const version = await charters().addVersion(id, state.checkin.version, { ...dates.value, rules: rules.value });
		if (version === null) return { ok: false, code: 'stale' };
		await sessions().execute(live, { role: 'host' }, { type: 'charterSaved', charter: id, version, close: true });
		return { ok: true, id, version };
	}
	if (state.savedCharter) return { ok: false, code: 'saved_already' };
	const meta = checkMeta({ className: form.className, schoolYear: form.schoolYear, agreedOn: form.agreedOn, reviewOn: form.reviewOn });
	if (!meta.ok) return { ok: false, code: meta.error };
	const rules = checkRules(rulesFromSession(state, 0));
	if (!rules.ok) return { ok: false, code: rules.error };
	const { className, schoolYear, agreedOn, reviewOn } = meta.value;
	const created = await charters().create({ className, schoolYear, lang: state.lang, version: { agreedOn, reviewOn, rules: rules.value } });
	// Another save of this session (a double click, or on another instance) may have finished while
	// this one waited: the log takes one first charter, and this one's goes again.
	const saved = await sessions().execute(live, { role: 'host' }, { type: 'charterSaved', charter: created.id, version: 1, close: false });
	if (!saved.ok) {
		await charters().delete(created.id);
		return { ok: false, code: 'saved_already' };
	}
	setCharterCookie(event, created.id, created.hostKey);
	return { ok: true, id: created.id, version: 1 };
}

/**
 * A check-in session for a charter: module 09 in the charter's language, its first proposals round
 * setting the theme, and the newest version's rules as the session's rules. Answers the code and key.
 */
export async function startCheckin(
	charter: StoredCharter,
	address: string
): Promise<{ ok: true; code: string; hostKey: string } | { ok: false; code: CharterRefusal }> {
	if (!limits.createPerAddress.take(address) || !limits.create.take('server')) return { ok: false, code: 'rate_limited' };
	const lesson = findLesson(CHECKIN_MODULE, charter.lang);
	if (!lesson || !lesson.steps.some((step) => step.activities.some((activity) => activity.kind === 'checkin'))) {
		return { ok: false, code: 'no_module' };
	}
	const round = lesson.steps.flatMap((step) => step.activities).find((activity) => activity.kind === 'proposals');
	const created = await sessions().create({
		lang: lesson.lang,
		moduleId: lesson.meta.id,
		title: `${lesson.meta.title} · ${charter.className}`,
		round: round?.id,
		theme: round?.label ?? '',
		steps: lesson.steps.map((step) => ({
			id: step.id,
			title: step.title,
			minutes: step.minutes,
			activities: step.activities.map(({ id, kind, label, text, options }) => ({ id, kind, label, text, options }))
		})),
		checkin: checkinSeed(charter)
	});
	return { ok: true, ...created };
}

/** The newest version's number: what a check-in will save after. */
export function nextVersion(charter: StoredCharter): number {
	return current(charter).version + 1;
}
