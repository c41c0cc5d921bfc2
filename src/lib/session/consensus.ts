import type { Tally } from './types';

export type Consensus = 'wide' | 'divided' | 'not' | 'too-few';

/**
 * The consensus rule, documented in docs/http.md and shown on the console:
 * - Only agree and disagree count towards support; "pass" counts towards turnout only.
 * - Too few votes: fewer than 3 agree-or-disagree votes, or fewer than a third of the class voted.
 * - Otherwise: widely supported at 75% agree or more, not supported at 40% agree or less, divided between.
 */
export const CONSENSUS_RULE = {
	minDecisiveVotes: 3,
	minTurnout: 1 / 3,
	wide: 0.75,
	not: 0.4
} as const;

export function consensus(tally: Tally, participants: number): Consensus {
	const decisive = tally.agree + tally.disagree;
	const voters = decisive + tally.pass;
	const turnout = voters / Math.max(participants, voters, 1);
	if (decisive < CONSENSUS_RULE.minDecisiveVotes || turnout < CONSENSUS_RULE.minTurnout) return 'too-few';
	const share = tally.agree / decisive;
	if (share >= CONSENSUS_RULE.wide) return 'wide';
	if (share <= CONSENSUS_RULE.not) return 'not';
	return 'divided';
}
