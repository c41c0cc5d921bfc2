import type { Actor, Command } from '$lib/session/commands';
import { sessions } from './app';
import type { LiveSession } from './live';
import { limits, takeAllShared, type SharedLimit } from './ratelimit';
import type { EdgeError, Outcome } from './respond';
import { hostCommandSchema, proposeSchema, respondSchema, voteSchema } from './schemas';

/**
 * The writes of a live session, shared by the JSON API and the pages' form actions: validate at the
 * edge, limit floods, run the command, and answer once the write is durable. A refusal is a code
 * (worded at the edge, see respond.ts) and changes nothing. `key` is the write's idempotency scope
 * (api.ts): a repeat answers as the first write did and stores nothing.
 */
function refuse(code: EdgeError, detail?: string): Outcome<never> {
	return detail ? { ok: false, code, detail } : { ok: false, code };
}

async function run(live: LiveSession, command: Command, actor: Actor, key?: Buffer): Promise<Outcome> {
	const decision = await sessions().execute(live, actor, command, key);
	if (!decision.ok) return refuse(decision.error, decision.detail);
	return { ok: true };
}

/** Takes one token from each per-session or per-device bucket (shared by every instance). */
function within(...buckets: Array<[SharedLimit, string]>): Promise<boolean> {
	return takeAllShared(buckets);
}

/**
 * Joins a device. `address` is the client's network address, used for an in-memory limit only (see
 * ratelimit.ts). A closed session, a locked or full one, or one past JOIN_HOURS takes no new devices.
 */
export async function join(
	live: LiveSession,
	token: string | undefined,
	address: string,
	key?: Buffer
): Promise<Outcome<{ token: string; device: number }>> {
	const known = await sessions().deviceFor(live, token);
	if (known !== null && token) return { ok: true, token, device: known };
	if (live.state.closed) return refuse('closed');
	if (live.state.joiningLocked || !sessions().joinOpen(live)) return refuse('joining_locked');
	if (live.state.devices.size >= live.state.joinCap) return refuse('class_full');
	if (!limits.joinPerAddress.take(address) || !(await within(['join', live.code]))) return refuse('rate_limited');
	const result = await sessions().join(live, token, key);
	if (!result.ok) return refuse(result.error);
	return result;
}

export async function propose(
	live: LiveSession,
	device: number | null,
	input: unknown,
	address: string,
	key?: Buffer
): Promise<Outcome<{ id: string; status: string }>> {
	const parsed = proposeSchema.safeParse(input);
	if (!parsed.success) return refuse(tooLong(parsed.error.issues) ? 'too_long' : 'invalid');
	if (device === null) return refuse('not_joined');
	if (!(await within(['propose', `${live.code}:${device}`], ['session', live.code]))) return refuse('rate_limited');
	if (!limits.proposePerAddress.take(address)) return refuse('rate_limited');
	const decision = await sessions().execute(live, { role: 'device', device }, { type: 'propose', text: parsed.data.text }, key);
	if (!decision.ok) return refuse(decision.error, decision.detail);
	const submitted = decision.events.find((event) => event.type === 'proposal.submitted');
	if (!submitted) return refuse('invalid');
	return { ok: true, id: submitted.id, status: submitted.status };
}

export async function vote(live: LiveSession, device: number | null, input: unknown, key?: Buffer): Promise<Outcome> {
	const parsed = voteSchema.safeParse(input);
	if (!parsed.success) return refuse('invalid');
	if (device === null) return refuse('not_joined');
	if (!(await within(['vote', `${live.code}:${device}`], ['session', live.code]))) return refuse('rate_limited');
	return run(live, { type: 'vote', ...parsed.data }, { role: 'device', device }, key);
}

/** An answer to the statement or scenario on screen: `{ activity, choice }`. */
export async function respond(live: LiveSession, device: number | null, input: unknown, key?: Buffer): Promise<Outcome> {
	const parsed = respondSchema.safeParse(input);
	if (!parsed.success) return refuse('invalid');
	if (device === null) return refuse('not_joined');
	if (!(await within(['vote', `${live.code}:${device}`], ['session', live.code]))) return refuse('rate_limited');
	return run(live, { type: 'respond', ...parsed.data }, { role: 'device', device }, key);
}

/** A mentor's command; the caller has checked the host key. */
export async function host(live: LiveSession, input: unknown, key?: Buffer): Promise<Outcome> {
	const parsed = hostCommandSchema.safeParse(input);
	if (!parsed.success) return refuse(tooLong(parsed.error.issues) ? 'too_long' : 'invalid');
	if (!(await within(['host', live.code]))) return refuse('rate_limited');
	return run(live, parsed.data, { role: 'host' }, key);
}

function tooLong(issues: Array<{ code: string; path: PropertyKey[] }>): boolean {
	return issues.some((issue) => issue.code === 'too_big' && issue.path.includes('text'));
}
