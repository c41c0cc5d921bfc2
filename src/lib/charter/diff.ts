import type { CharterDiff, CharterRule, CharterVersion } from './types';

/**
 * What changed between two versions. Rules are matched by key: a rule with the same key and the same
 * text is kept, with another text changed; a key only in the newer version is added, only in the
 * older one dropped.
 */
export function diffVersions(
	older: Pick<CharterVersion, 'version' | 'rules'>,
	newer: Pick<CharterVersion, 'version' | 'rules'>
): CharterDiff {
	return { from: older.version, to: newer.version, ...diffRules(older.rules, newer.rules) };
}

export function diffRules(older: readonly CharterRule[], newer: readonly CharterRule[]): Omit<CharterDiff, 'from' | 'to'> {
	const before = new Map(older.map((rule) => [rule.key, rule]));
	const after = new Set(newer.map((rule) => rule.key));
	const result: Omit<CharterDiff, 'from' | 'to'> = { kept: [], changed: [], added: [], dropped: [] };
	for (const rule of newer) {
		const old = before.get(rule.key);
		if (!old) result.added.push({ key: rule.key, text: rule.text });
		else if (old.text === rule.text) result.kept.push({ key: rule.key, text: rule.text });
		else result.changed.push({ key: rule.key, from: old.text, to: rule.text });
	}
	for (const rule of older) if (!after.has(rule.key)) result.dropped.push({ key: rule.key, text: rule.text });
	return result;
}

/** True when nothing changed at all (also not the order). */
export function unchanged(older: readonly CharterRule[], newer: readonly CharterRule[]): boolean {
	return older.length === newer.length && older.every((rule, i) => rule.key === newer[i]!.key && rule.text === newer[i]!.text);
}
