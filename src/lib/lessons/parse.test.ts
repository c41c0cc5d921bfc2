import { describe, expect, it } from 'vitest';
import { buildCatalog, type LessonFile } from './catalog';
import { compareVersions } from './compare';
import { parseLesson } from './parse';
import type { Lesson } from './types';

const FRONT = `---
id: demo
title: Demo
summary: A small lesson.
audience: students
ages: 12-15
duration: 25
goals:
  - Students know what consent is.
themes:
  - consent
---`;

const BODY = `
Intro for the mentor.

## Welcome (5 min)

Hello class.

:::notes
Only for the mentor.
:::

## Think (20 min)

:::statement
Filming is fine without asking.
:::

:::scenario Noor and the clip
Noor sees a clip.

- She forwards it.
- She asks for it to be deleted.
:::

:::proposals Filming
Write an agreement.
:::

:::vote
Vote now.
:::

:::myth
It's on the internet anyway.
:::

:::helpcard
:::
`;

const VALID = FRONT + BODY;

function parse(source: string, file = 'lessons/demo/en.md') {
	return parseLesson(source, file, 'en');
}

function issuesOf(source: string) {
	const result = parse(source);
	if (result.ok) throw new Error('expected problems, got none');
	return result.issues;
}

function lessonOf(source: string): Lesson {
	const result = parse(source);
	if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.line}: ${issue.message}`).join('\n'));
	return result.lesson;
}

describe('parseLesson: a valid module', () => {
	it('returns the front matter as typed metadata', () => {
		const lesson = lessonOf(VALID);
		expect(lesson.meta).toEqual({
			id: 'demo',
			title: 'Demo',
			summary: 'A small lesson.',
			audience: 'students',
			ages: { min: 12, max: 15 },
			duration: 25,
			goals: ['Students know what consent is.'],
			themes: ['consent']
		});
		expect(lesson.lang).toBe('en');
	});

	it('splits the body into steps with minutes, lines and blocks in file order', () => {
		const lesson = lessonOf(VALID);
		expect(lesson.intro).toMatchObject([{ type: 'class', line: 13 }]);
		expect(lesson.steps.map((step) => [step.id, step.title, step.minutes, step.line])).toEqual([
			['step-1', 'Welcome', 5, 15],
			['step-2', 'Think', 20, 23]
		]);
		expect(lesson.steps[0]!.blocks.map((block) => block.type)).toEqual(['class', 'notes']);
		expect(lesson.steps[1]!.blocks.map((block) => block.type)).toEqual([
			'activity', 'activity', 'activity', 'activity', 'myth', 'helpcard'
		]);
	});

	it('types each activity, with ids stable across languages', () => {
		const [statement, scenario, proposals, vote] = lessonOf(VALID).steps[1]!.activities;
		expect(statement).toMatchObject({ id: 'step-2-a1', kind: 'statement', text: 'Filming is fine without asking.', myth: false });
		expect(scenario).toMatchObject({
			id: 'step-2-a2',
			kind: 'scenario',
			label: 'Noor and the clip',
			text: 'Noor sees a clip.',
			options: ['She forwards it.', 'She asks for it to be deleted.']
		});
		expect(proposals).toMatchObject({ kind: 'proposals', label: 'Filming', text: 'Write an agreement.' });
		expect(vote).toMatchObject({ kind: 'vote', id: 'step-2-a4' });
	});

	it('marks a statement that quotes a myth', () => {
		const lesson = lessonOf(VALID.replace(':::statement\n', ':::statement myth\n'));
		expect(lesson.steps[1]!.activities[0]!.myth).toBe(true);
	});

	it('keeps ::: lines inside a code fence as text', () => {
		const lesson = lessonOf(VALID.replace('Hello class.', 'Hello class.\n\n```\n:::notes\n```'));
		expect(lesson.steps[0]!.blocks.map((block) => block.type)).toEqual(['class', 'notes']);
		const first = lesson.steps[0]!.blocks[0]!;
		expect(first.type === 'class' && first.html).toContain(':::notes');
	});
});

describe('parseLesson: each kind of error names the file and line', () => {
	/** The 1-based line on which `marker` first appears in `source`. */
	const lineOf = (source: string, marker: string) => {
		const index = source.indexOf(marker);
		if (index < 0) throw new Error(`marker not found: ${marker}`);
		return source.slice(0, index).split('\n').length;
	};
	const change = (from: string, to: string) => VALID.replace(from, to);

	// [name, source, the text on the line the problem must name, message]
	const cases: Array<[string, string, string, RegExp]> = [
		['no front matter', BODY.trimStart(), 'Intro for the mentor.', /starts with front matter/],
		['unclosed front matter', FRONT.slice(0, -3) + BODY.replace(/---/g, ''), '---', /front matter is not closed/],
		['invalid YAML', change('summary: A small lesson.', 'summary: A small lesson.\ntitle: Again'), 'title: Again', /not valid YAML/],
		['missing field', change('summary: A small lesson.\n', ''), '---', /needs a field "summary"/],
		['unknown field', change('title: Demo', 'title: Demo\ntitel: Demo'), 'titel:', /unknown field "titel"/],
		['bad audience', change('audience: students', 'audience: teachers'), 'audience:', /audience must be one of: students, parents, staff/],
		['bad ages', change('ages: 12-15', 'ages: twelve'), 'ages:', /ages must be a range/],
		['ages backwards', change('ages: 12-15', 'ages: 15-12'), 'ages:', /low to high/],
		['bad duration', change('duration: 25', 'duration: soon'), 'duration:', /whole number of minutes/],
		['duration mismatch', change('duration: 25', 'duration: 30'), 'duration:', /steps add up to 25/],
		['empty goals', change('goals:\n  - Students know what consent is.', 'goals: []'), 'goals:', /goals needs at least one item/],
		['bad id', change('id: demo', 'id: Demo Lesson'), 'id:', /lower-case letters/],
		['step without minutes', change('## Welcome (5 min)', '## Welcome'), '## Welcome', /needs its minutes/],
		['h1 in body', change('Hello class.', '# Big title'), '# Big title', /no "# " headings/],
		['unknown block', change(':::myth', ':::mythe'), ':::mythe', /unknown block ":::mythe"/],
		['unclosed block at end', VALID + '\n:::notes\nDangling', ':::notes\nDangling', /":::notes" block is not closed/],
		['block left open before a step', change('Only for the mentor.\n:::', 'Only for the mentor.'), ':::notes', /not closed before the next step/],
		['nested block', change('Only for the mentor.', 'Only\n:::statement'), ':::statement\n:::', /cannot start inside the ":::notes" block/],
		['stray closer', change('Hello class.', 'Hello class.\n:::'), ':::\n\n:::notes', /closes nothing/],
		['empty activity', change('Vote now.\n', ''), ':::vote', /":::vote" block is empty/],
		['proposals without theme', change(':::proposals Filming', ':::proposals'), ':::proposals', /needs its theme/],
		['scenario with one choice', change('- She forwards it.\n', ''), ':::scenario', /at least two choices/],
		['statement with a stray word', change(':::statement\n', ':::statement maybe\n'), ':::statement maybe', /only the word "myth"/],
		['text after notes', change(':::notes\n', ':::notes extra\n'), ':::notes extra', /takes nothing after its name/],
		['helpcard with text', change(':::helpcard\n', ':::helpcard\nNumbers\n'), ':::helpcard', /stays empty/],
		['vote before proposals', change(':::proposals Filming\nWrite an agreement.\n:::\n', ''), ':::vote', /needs a ":::proposals" round before it/],
		['activity before the first step', change('Intro for the mentor.', ':::question\nWhy?\n:::'), ':::question', /activities belong to a step/],
		['no steps', FRONT + '\nJust text.\n', 'Just text.', /at least one step/]
	];

	it.each(cases)('%s', (_name, source, marker, message) => {
		const issues = issuesOf(source);
		expect(issues).toContainEqual({ file: 'lessons/demo/en.md', line: lineOf(source, marker), message: expect.stringMatching(message) });
	});

	it('reports every problem at once, sorted by line', () => {
		const issues = issuesOf(VALID.replace('## Welcome (5 min)', '## Welcome').replace(':::myth', ':::mythe'));
		expect(issues.map((issue) => issue.line)).toEqual([...issues.map((issue) => issue.line)].sort((a, b) => a - b));
		expect(issues.length).toBeGreaterThanOrEqual(2);
	});
});

describe('parseLesson: the ":::checkin" block', () => {
	/** A student module where the class rates its rules, then proposes and votes on new ones. */
	const CHECKIN = `${FRONT.replace('duration: 25', 'duration: 20')}

## Welcome (3 min)

Hello class.

## How are our agreements going? (5 min)

:::checkin
Choose for each agreement: going well, could be better or needs to change.
:::

## New agreements (12 min)

:::proposals New or better agreements
Write a new or better agreement.
:::

:::vote
Vote on the proposals.
:::

:::helpcard
:::
`;

	it('is an activity of kind "checkin" whose body is the instruction shown with it', () => {
		const lesson = lessonOf(CHECKIN);
		const [checkin] = lesson.steps[1]!.activities;
		expect(checkin).toMatchObject({
			id: 'step-2-a1',
			kind: 'checkin',
			label: '',
			text: 'Choose for each agreement: going well, could be better or needs to change.',
			options: [],
			myth: false,
			optional: false,
			minutes: 0
		});
		expect(checkin!.html).toContain('<p>Choose for each agreement');
	});

	it('may be empty: the rules come from the class charter, not from the file', () => {
		const lesson = lessonOf(CHECKIN.replace('Choose for each agreement: going well, could be better or needs to change.\n', ''));
		expect(lesson.steps[1]!.activities[0]).toMatchObject({ kind: 'checkin', markdown: '', text: '', html: '' });
	});

	it('takes "(optional, n min)" and nothing else on its first line', () => {
		const optional = lessonOf(CHECKIN.replace(':::checkin\n', ':::checkin (optional, 4 min)\n').replace('(5 min)', '(9 min)'));
		expect(optional.steps[1]!.activities[0]).toMatchObject({ kind: 'checkin', optional: true, minutes: 4 });

		const source = CHECKIN.replace(':::checkin\n', ':::checkin Our rules\n');
		expect(issuesOf(source)).toContainEqual({
			file: 'lessons/demo/en.md',
			line: source.split('\n').indexOf(':::checkin Our rules') + 1,
			message: expect.stringMatching(/":::checkin" takes nothing after its name; put "Our rules" on the next line/)
		});
	});

	it('is not a proposals round: a vote after a checkin alone has nothing to vote on', () => {
		const source = CHECKIN.replace(':::proposals New or better agreements\nWrite a new or better agreement.\n:::\n', '');
		expect(issuesOf(source).map((issue) => issue.message)).toContainEqual(expect.stringMatching(/a ":::vote" needs a ":::proposals" round before it/));
	});

	it('keeps a vote after checkin and proposals working as before: on the proposals round', () => {
		const kinds = lessonOf(CHECKIN).steps.flatMap((step) => step.activities.map((activity) => activity.kind));
		expect(kinds).toEqual(['checkin', 'proposals', 'vote']);
	});

	it.each(['parents', 'staff'])('is an error with a clear message in a module for %s', (audience) => {
		const source = CHECKIN.replace('audience: students', `audience: ${audience}`);
		const issues = issuesOf(source);
		expect(issues).toEqual([
			{
				file: 'lessons/demo/en.md',
				line: source.split('\n').indexOf(':::checkin') + 1,
				message: `a ":::checkin" is for a class rating its own agreements live, so it needs "audience: students"; this module is for ${audience}: remove the block or ask the question with a show of hands`
			}
		]);
	});

	it('needs the same place in both languages, like every activity', () => {
		const nl = parseLesson(CHECKIN.replace(':::checkin\nChoose', ':::question\nChoose'), 'lessons/demo/nl.md', 'nl');
		expect(nl.ok).toBe(true);
		if (nl.ok) {
			expect(compareVersions(lessonOf(CHECKIN), nl.lesson)).toContainEqual(
				expect.objectContaining({ message: expect.stringMatching(/step 2 has activities \[question\], .* has \[checkin\]/) })
			);
		}
	});
});

describe('compareVersions: the nl and en versions line up', () => {
	const en = lessonOf(VALID);
	const nlSource = VALID.replace('## Welcome (5 min)', '## Welkom (5 min)').replace('Filming is fine', 'Filmen mag');
	const nl = parseLesson(nlSource, 'lessons/demo/nl.md', 'nl');

	it('accepts versions with the same structure in other words', () => {
		expect(nl.ok).toBe(true);
		if (nl.ok) expect(compareVersions(nl.lesson, en)).toEqual([]);
	});

	it('flags different minutes, activities, choices and step counts with the line', () => {
		const other = lessonOf(
			(VALID + '\n## Extra (1 min)\n\nMore.\n')
				.replace('## Think (20 min)', '## Think (19 min)')
				.replace(':::statement\n', ':::question\n')
				.replace('- She forwards it.', '- She forwards it.\n- She laughs.')
		);
		if (!nl.ok) throw new Error('nl did not parse');
		const issues = compareVersions(nl.lesson, other);
		const messages = issues.map((issue) => `${issue.file}:${issue.line} ${issue.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^lessons\/demo\/en\.md:\d+ 3 steps, 2 in lessons\/demo\/nl\.md/),
				expect.stringMatching(/en\.md:23 step 2 takes 19 min, 20 min in lessons\/demo\/nl\.md/),
				expect.stringMatching(/en\.md:23 step 2 has activities \[question, scenario, proposals, vote\], lessons\/demo\/nl\.md has \[statement, scenario/)
			])
		);
	});

	it('flags a scenario with a different number of choices', () => {
		const other = lessonOf(VALID.replace('- She forwards it.', '- She forwards it.\n- She laughs.'));
		if (!nl.ok) throw new Error('nl did not parse');
		expect(compareVersions(nl.lesson, other)).toEqual([
			{ file: 'lessons/demo/en.md', line: 29, message: expect.stringMatching(/3 choices, 2 than lessons\/demo\/nl\.md/) }
		]);
	});
});

describe('buildCatalog', () => {
	const file = (folder: string, name: string, source: string): LessonFile => ({
		path: `lessons/${folder}/${name}.md`,
		folder,
		name,
		source
	});

	it('groups language versions into modules and orders them by folder', () => {
		const catalog = buildCatalog([
			file('02-demo', 'en', VALID),
			file('02-demo', 'nl', VALID),
			file('01-other', 'nl', VALID.replace('id: demo', 'id: other'))
		]);
		expect(catalog.issues).toEqual([]);
		expect(catalog.modules.map((module) => [module.id, Object.keys(module.versions).sort()])).toEqual([
			['other', ['nl']],
			['demo', ['en', 'nl']]
		]);
	});

	it('leaves out a module with a problem, names it, and keeps the others', () => {
		const catalog = buildCatalog([
			file('01-demo', 'nl', VALID),
			file('01-demo', 'en', VALID.replace('## Welcome (5 min)', '## More (1 min)\n\nMore.\n\n## Welcome (4 min)')),
			file('02-other', 'de', VALID.replace('id: demo', 'id: other')),
			file('03-third', 'nl', VALID.replace('id: demo', 'id: wrong'))
		]);
		expect(catalog.modules).toEqual([]);
		expect(catalog.issues.map((issue) => `${issue.file}: ${issue.message}`)).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^lessons\/01-demo\/en\.md: 3 steps/),
				expect.stringMatching(/^lessons\/02-other\/de\.md: a lesson file is named after its language/),
				expect.stringMatching(/^lessons\/03-third\/nl\.md: id "wrong" must match the folder name "03-third"/)
			])
		);
	});

	it('puts student modules first, then parents, then staff', () => {
		const catalog = buildCatalog([
			file('01-staff', 'nl', VALID.replace('id: demo', 'id: staff').replace('audience: students', 'audience: staff')),
			file('02-parents', 'nl', VALID.replace('id: demo', 'id: parents').replace('audience: students', 'audience: parents')),
			file('03-demo', 'nl', VALID)
		]);
		expect(catalog.issues).toEqual([]);
		expect(catalog.modules.map((module) => module.id)).toEqual(['demo', 'parents', 'staff']);
	});
});
