/** The lesson model: what a lesson file becomes once parsed. Plain data, safe to send to the browser. */

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Students take part in class; staff and parents read, print and present (no live mode). */
export const AUDIENCES = ['students', 'parents', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * Activity blocks: things the class does, which a live session can run on students' devices. A
 * `checkin` is the class rating each rule of its charter (only in a session started from a charter).
 */
export const ACTIVITY_KINDS = ['statement', 'question', 'proposals', 'vote', 'scenario', 'checkin'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Every kind of `:::` block the format knows. */
export const BLOCK_KINDS = [...ACTIVITY_KINDS, 'notes', 'myth', 'helpcard'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface LessonMeta {
	id: string;
	title: string;
	summary: string;
	audience: Audience;
	ages: { min: number; max: number };
	/**
	 * Planned length in minutes. Without optional parts it equals the sum of the steps; with them it
	 * lies between the required minutes and all minutes (see `timing.ts`).
	 */
	duration: number;
	goals: string[];
	themes: string[];
}

export interface Activity {
	/** Stable across languages: `<step id>-<kind>-<n>`. */
	id: string;
	kind: ActivityKind;
	line: number;
	/** Theme of a proposals round, title of a scenario; empty where the kind has none. */
	label: string;
	/** The prompt as Markdown, without the options; a checkin's instruction line, possibly empty. */
	markdown: string;
	html: string;
	/** Plain text of the prompt, for phones and exports. */
	text: string;
	/** Choices of a scenario; empty for other kinds. */
	options: string[];
	/** A statement that quotes a myth for the class to take apart. */
	myth: boolean;
	/** Marked `(optional, n min)`: the mentor may skip it. */
	optional: boolean;
	/** Minutes an optional activity adds to its step; 0 for a required one. */
	minutes: number;
}

/** Where a block sits in its file: its first and last line (a `:::` block's opening and closing line). */
interface Span {
	line: number;
	end: number;
}

/** A piece of a step, in file order. `class` is shown to students; `notes` only to the mentor. */
export type Block =
	| (Span & { type: 'class'; markdown: string; html: string })
	| (Span & { type: 'notes'; markdown: string; html: string })
	| (Span & { type: 'myth'; markdown: string; html: string })
	| (Span & { type: 'helpcard' })
	| (Span & { type: 'activity'; activity: Activity });

export interface Step {
	/** `step-1`, `step-2`, …: the same in every language version. */
	id: string;
	number: number;
	title: string;
	minutes: number;
	/** Marked `(n min, optional)`: the mentor may skip the whole step. */
	optional: boolean;
	line: number;
	blocks: Block[];
	activities: Activity[];
}

export interface Lesson {
	file: string;
	lang: Lang;
	meta: LessonMeta;
	/** Text before the first step: an introduction for the mentor, shown on the lesson page. */
	intro: Block[];
	steps: Step[];
}

export interface LessonIssue {
	file: string;
	line: number;
	message: string;
}

export type ParseResult = { ok: true; lesson: Lesson } | { ok: false; issues: LessonIssue[] };
