import { cleanText } from '$lib/session/text';
import { MAX_CHARTER_RULES, MAX_CLASS_NAME, type CharterRule } from './types';

export type CharterError =
	'class_name' | 'school_year' | 'date' | 'review_before_agreed' | 'no_rules' | 'too_many_rules' | 'rule_text' | 'duplicate_key';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day as `YYYY-MM-DD`, or null. */
export function isoDay(value: unknown): string | null {
	if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

/** "2026-2027", "2026/2027", "2026 - 27" → "2026-2027"; the second year must follow the first. */
export function schoolYear(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const match = /^\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\s*$/.exec(value);
	if (!match) return null;
	const first = Number(match[1]);
	const second = match[2]!.length === 2 ? Math.floor(first / 100) * 100 + Number(match[2]) : Number(match[2]);
	if (first < 2000 || first > 2200 || second !== first + 1) return null;
	return `${first}-${second}`;
}

/** The school year a day falls in: from August on, the year that starts then. */
export function schoolYearOf(day: string): string {
	const year = Number(day.slice(0, 4));
	const month = Number(day.slice(5, 7));
	const first = month >= 8 ? year : year - 1;
	return `${first}-${first + 1}`;
}

export function className(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const cleaned = cleanText(value);
	if (!cleaned.ok || [...cleaned.text].length > MAX_CLASS_NAME) return null;
	return cleaned.text;
}

export interface CharterInput {
	className: unknown;
	schoolYear: unknown;
	agreedOn: unknown;
	reviewOn: unknown;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: CharterError };

/** The charter's own fields, checked and cleaned; the first problem found otherwise. */
export function checkMeta(input: CharterInput): Checked<{ className: string; schoolYear: string; agreedOn: string; reviewOn: string }> {
	const name = className(input.className);
	if (!name) return { ok: false, error: 'class_name' };
	const year = schoolYear(input.schoolYear);
	if (!year) return { ok: false, error: 'school_year' };
	const dates = checkDates(input.agreedOn, input.reviewOn);
	if (!dates.ok) return dates;
	return { ok: true, value: { className: name, schoolYear: year, ...dates.value } };
}

export function checkDates(agreed: unknown, review: unknown): Checked<{ agreedOn: string; reviewOn: string }> {
	const agreedOn = isoDay(agreed);
	const reviewOn = isoDay(review);
	if (!agreedOn || !reviewOn) return { ok: false, error: 'date' };
	if (reviewOn < agreedOn) return { ok: false, error: 'review_before_agreed' };
	return { ok: true, value: { agreedOn, reviewOn } };
}

/** A version's rules: one to MAX_CHARTER_RULES, each a clean text, keys unique. */
export function checkRules(rules: readonly CharterRule[]): Checked<CharterRule[]> {
	if (rules.length === 0) return { ok: false, error: 'no_rules' };
	if (rules.length > MAX_CHARTER_RULES) return { ok: false, error: 'too_many_rules' };
	const keys = new Set<string>();
	const clean: CharterRule[] = [];
	for (const rule of rules) {
		if (keys.has(rule.key)) return { ok: false, error: 'duplicate_key' };
		keys.add(rule.key);
		const text = cleanText(rule.text);
		if (!text.ok) return { ok: false, error: 'rule_text' };
		clean.push({ key: rule.key, text: text.text, support: rule.support });
	}
	return { ok: true, value: clean };
}

/** Whether the review day has come: on the day itself it is due. */
export function reviewDue(reviewOn: string, today: string): boolean {
	return reviewOn <= today;
}
