import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { AUDIENCES, type LessonMeta } from './types';

const text = (what: string) =>
	z.string({ error: `${what} must be text` }).trim().min(1, { error: `${what} must not be empty` });

const list = (what: string) =>
	z
		.array(text(`each item of ${what}`), { error: `${what} must be a list (lines starting with "- ")` })
		.min(1, { error: `${what} needs at least one item` });

const schema = z
	.object({
		id: z
			.string({ error: 'id must be text' })
			.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
				error: 'id may hold only lower-case letters, digits and dashes, e.g. "class-agreements"'
			}),
		title: text('title'),
		summary: text('summary'),
		audience: z.enum(AUDIENCES, { error: `audience must be one of: ${AUDIENCES.join(', ')}` }),
		ages: z
			.string({ error: 'ages must be a range such as 12-15' })
			.regex(/^\d{1,2}\s*-\s*\d{1,2}$/, { error: 'ages must be a range such as 12-15' }),
		duration: z
			.number({ error: 'duration must be a whole number of minutes' })
			.int({ error: 'duration must be a whole number of minutes' })
			.min(1, { error: 'duration must be at least 1 minute' })
			.max(600, { error: 'duration must be at most 600 minutes' }),
		goals: list('goals'),
		themes: list('themes')
	})
	.strict();

export const FRONT_MATTER_KEYS = Object.keys(schema.shape);

export interface FrontMatterIssue {
	/** 1-based line within the front matter text; 0 for the opening `---`. */
	line: number;
	message: string;
}

/** Parses and checks the YAML between the `---` lines. Lines are counted from the first YAML line. */
export function parseFrontMatter(
	source: string
): { ok: true; meta: LessonMeta } | { ok: false; issues: FrontMatterIssue[] } {
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, { lineCounter, prettyErrors: false });
	if (doc.errors.length > 0) {
		return {
			ok: false,
			issues: doc.errors.map((error) => ({
				line: lineCounter.linePos(error.pos[0]).line,
				message: `front matter is not valid YAML: ${firstSentence(error.message)}`
			}))
		};
	}

	const keyLines = new Map<string, number>();
	if (isMap(doc.contents)) {
		for (const pair of doc.contents.items) {
			if (isScalar(pair.key) && pair.key.range) {
				keyLines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
			}
		}
	}

	const result = schema.safeParse(doc.toJS() ?? {});
	if (result.success) {
		const [min, max] = result.data.ages.split('-').map((part) => Number(part.trim())) as [number, number];
		if (min > max) {
			return { ok: false, issues: [{ line: keyLines.get('ages') ?? 1, message: 'ages must go from low to high, e.g. 12-15' }] };
		}
		return { ok: true, meta: { ...result.data, ages: { min, max } } };
	}

	return {
		ok: false,
		issues: result.error.issues.map((issue) => {
			if (issue.code === 'unrecognized_keys') {
				const key = issue.keys[0] ?? '';
				return {
					line: keyLines.get(key) ?? 1,
					message: `unknown field "${key}" in the front matter; known fields: ${FRONT_MATTER_KEYS.join(', ')}`
				};
			}
			const key = String(issue.path[0] ?? '');
			const line = keyLines.get(key);
			// A missing field points at the opening "---" line, just above the first field.
			return line
				? { line, message: issue.message }
				: { line: 0, message: `the front matter needs a field "${key}"` };
		})
	};
}

function firstSentence(message: string): string {
	return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
