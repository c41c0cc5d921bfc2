import { consensus } from '$lib/session/consensus';
import { tally } from '$lib/session/state';
import type { CheckinSeed, SessionState } from '$lib/session/types';
import type { Charter, CharterRule, CharterVersion } from './types';

/** The highest rule number any version of a charter used: keys are never reused, also after a drop. */
export function lastKey(versions: readonly Pick<CharterVersion, 'rules'>[]): number {
	let last = 0;
	for (const version of versions) for (const rule of version.rules) last = Math.max(last, Number(rule.key.slice(1)) || 0);
	return last;
}

/**
 * The rules of a session as a charter's rules, in the session's order. A check-in's rules that stand
 * for a charter rule keep its key and support label (also when reworded); every other rule gets a
 * new key after `after`, and the support its proposals earned in the vote (the best of them, when the
 * mentor merged several into one rule). Nothing else of the session comes along.
 */
export function rulesFromSession(state: SessionState, after: number): CharterRule[] {
	const seeded = new Map((state.checkin?.rules ?? []).map((rule) => [rule.id, rule]));
	let next = after;
	return state.rules.map((rule) => {
		const seed = seeded.get(rule.id);
		if (seed) return { key: seed.key, text: rule.text, support: seed.support };
		return { key: `k${++next}`, text: rule.text, support: supportOf(state, rule.from) };
	});
}

const RANK = { wide: 3, divided: 2, not: 1, 'too-few': 0 } as const;

function supportOf(state: SessionState, from: readonly string[]): CharterRule['support'] {
	let best: CharterRule['support'] = null;
	for (const id of from) {
		if (!state.proposals.has(id)) continue;
		const label = consensus(tally(state, id), state.devices.size);
		if (best === null || RANK[label] > RANK[best]) best = label;
	}
	return best;
}

/** The newest version of a charter. */
export function current(charter: Pick<Charter, 'versions'>): CharterVersion {
	const last = charter.versions.at(-1);
	if (!last) throw new Error('a charter has at least one version');
	return last;
}

/** A version by number, or null. */
export function versionOf(charter: Pick<Charter, 'versions'>, version: number): CharterVersion | null {
	return charter.versions.find((candidate) => candidate.version === version) ?? null;
}

/** What a check-in session starts from: the charter's newest version. */
export function checkinSeed(charter: Pick<Charter, 'id' | 'versions'>): CheckinSeed {
	const version = current(charter);
	return { charter: charter.id, version: version.version, rules: version.rules.map(({ key, text, support }) => ({ key, text, support })) };
}
