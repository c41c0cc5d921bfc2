/**
 * The class charter: what a class agreed, and nothing else. No proposals, no answers, nothing per
 * device. A charter has versions: version 1 from the first round, a new one after each check-in.
 */
import type { Consensus } from '$lib/session/consensus';
import type { Lang } from '$lib/lessons/types';

/** One rule of a version. `key` stays the same while the rule lives on (also when reworded). */
export interface CharterRule {
	key: string;
	text: string;
	/** How the class supported it when it was adopted; null when unknown (a rule the mentor added). */
	support: Consensus | null;
}

export interface CharterVersion {
	version: number;
	/** The day the class agreed this version, `YYYY-MM-DD`. */
	agreedOn: string;
	/** The day the class looks at the rules again, `YYYY-MM-DD`. */
	reviewOn: string;
	/** When it was saved (ms since the epoch). */
	savedAt: number;
	rules: CharterRule[];
}

export interface Charter {
	/** Random, in the mentor's links; the host key in the cookie is what opens it. */
	id: string;
	className: string;
	/** `2026-2027`. */
	schoolYear: string;
	lang: Lang;
	createdAt: number;
	/** Oldest first; at least one. */
	versions: CharterVersion[];
}

/** What changed from one version to another, each list in the order of the newer version. */
export interface CharterDiff {
	from: number;
	to: number;
	kept: Array<{ key: string; text: string }>;
	changed: Array<{ key: string; from: string; to: string }>;
	added: Array<{ key: string; text: string }>;
	/** In the order of the older version. */
	dropped: Array<{ key: string; text: string }>;
}

/** How a class rates a rule at a check-in. */
export const CHECKIN_CHOICES = ['good', 'better', 'change'] as const;
export type CheckinChoice = (typeof CHECKIN_CHOICES)[number];

/** The most rules a charter holds: a poster fits twelve. */
export const MAX_CHARTER_RULES = 30;
export const MAX_CLASS_NAME = 60;
