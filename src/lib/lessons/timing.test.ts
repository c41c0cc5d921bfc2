import { describe, expect, it } from 'vitest';
import { compareVersions } from './compare';
import { parseLesson } from './parse';
import { ACTIVITY_MINUTES, requiredMinutes, timing } from './timing';
import type { Lesson } from './types';

/** A lesson with a front matter duration and the given body. */
function source(duration: number, body: string): string {
	return `---
id: demo
title: Demo
summary: A lesson.
audience: students
ages: 12-15
duration: ${duration}
goals:
  - A goal.
themes:
  - consent
---

${body}`;
}

const BODY = `## Welcome (5 min)

Hello.

## Think (10 min)

:::statement
Filming is fine without asking.
:::

:::statement myth (optional, 3 min)
It's on the internet anyway.
:::

:::question
What do you do?
:::

## Extra practice (5 min, optional)

:::question
Write a reply.
:::

## Close (5 min)

Bye.
`;

function parse(text: string, file = 'lessons/demo/en.md', lang: 'en' | 'nl' = 'en') {
	return parseLesson(text, file, lang);
}

function lessonOf(text: string, file?: string, lang?: 'en' | 'nl'): Lesson {
	const result = parse(text, file, lang);
	if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.line}: ${issue.message}`).join('\n'));
	return result.lesson;
}

function messagesOf(text: string): string[] {
	const result = parse(text);
	if (result.ok) throw new Error('expected problems, got none');
	return result.issues.map((issue) => `${issue.line}: ${issue.message}`);
}

describe('optional steps and activities', () => {
	it('reads "(n min, optional)" on a step and "(optional, n min)" on an activity', () => {
		const lesson = lessonOf(source(20, BODY));
		expect(lesson.steps.map((step) => [step.title, step.minutes, step.optional])).toEqual([
			['Welcome', 5, false],
			['Think', 10, false],
			['Extra practice', 5, true],
			['Close', 5, false]
		]);
		const [statement, myth, question] = lesson.steps[1]!.activities;
		expect(statement).toMatchObject({ optional: false, minutes: 0 });
		expect(myth).toMatchObject({ kind: 'statement', myth: true, optional: true, minutes: 3, text: "It's on the internet anyway." });
		expect(question).toMatchObject({ optional: false });
	});

	it('accepts the Dutch word and keeps the label of a scenario or proposals round', () => {
		const lesson = lessonOf(
			source(
				15,
				`## Kies (15 min)

:::scenario Noor en het filmpje (optioneel, 5 min)
Noor ziet een filmpje.

- Ze stuurt het door.
- Ze vraagt het weg te halen.
:::

:::proposals Filmen (Optional, 5 min)
Schrijf een afspraak.
:::
`
			),
			'lessons/demo/nl.md',
			'nl'
		);
		const [scenario, proposals] = lesson.steps[0]!.activities;
		expect(scenario).toMatchObject({ label: 'Noor en het filmpje', optional: true, minutes: 5 });
		expect(proposals).toMatchObject({ label: 'Filmen', optional: true, minutes: 5 });
	});

	it('computes required and total minutes', () => {
		const lesson = lessonOf(source(20, BODY));
		expect(lesson.steps.map(requiredMinutes)).toEqual([5, 7, 0, 5]);
		expect(timing(lesson.steps)).toEqual({ total: 25, required: 17, optionalParts: 2 });
	});

	it.each([
		['an unknown word after a step\'s minutes', BODY.replace('(5 min, optional)', '(5 min, maybe)'), /takes only the word "optional"/],
		['an optional activity without minutes', BODY.replace('myth (optional, 3 min)', 'myth (optional)'), /says how many minutes it takes/],
		['optional notes', BODY.replace('Hello.', ':::notes (optional, 2 min)\nSkip.\n:::'), /only steps and activities can be optional/],
		['an optional activity inside an optional step', BODY.replace(':::question\nWrite a reply.', ':::question (optional, 2 min)\nWrite a reply.'), /optional already/],
		['optional activities that fill the whole step', BODY.replace('myth (optional, 3 min)', 'myth (optional, 10 min)'), /include its optional activities/]
	])('reports %s', (_name, body, message) => {
		expect(messagesOf(source(20, body))).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
	});
});

describe('the timing check', () => {
	it('passes when the required part fits the duration and the whole lesson reaches it', () => {
		for (const duration of [17, 20, 25]) expect(parse(source(duration, BODY)).ok).toBe(true);
	});

	it('fails when the required steps exceed the duration, naming the duration line', () => {
		const messages = messagesOf(source(15, BODY));
		expect(messages).toEqual([
			'7: duration is 15 minutes but the required steps take 17 (25 with the optional parts): mark more as optional or shorten steps'
		]);
	});

	it('fails when even the optional parts do not reach the duration', () => {
		expect(messagesOf(source(30, BODY))).toEqual([expect.stringMatching(/^7: .*add up to only 25/)]);
	});

	it('keeps the exact sum for a lesson without optional parts', () => {
		const plain = BODY.replace(' myth (optional, 3 min)', ' myth').replace(', optional)', ')');
		expect(parse(source(25, plain)).ok).toBe(true);
		expect(messagesOf(source(24, plain))).toEqual(['7: duration is 24 minutes but the steps add up to 25']);
	});

	it('fails a step whose required activities need more than its minutes', () => {
		const crowded = `## Practise (5 min)

:::question
Write to Fenna.
:::

:::question
Write in the group.
:::
`;
		expect(ACTIVITY_MINUTES.question).toBe(3);
		expect(messagesOf(source(5, crowded))).toEqual([
			expect.stringMatching(/^14: step 1 has 5 required min for activities that need at least 6 \(question 3, question 3\)/)
		]);
		const relieved = crowded.replace(':::question\nWrite in the group.', ':::question (optional, 2 min)\nWrite in the group.');
		expect(parse(source(3, relieved)).ok).toBe(true);
	});

	it('gives a check-in at least 4 minutes: every rule is read and rated, then the class looks at the result', () => {
		expect(ACTIVITY_MINUTES.checkin).toBe(4);
		const checkin = (minutes: number) => `## How are our agreements going? (${minutes} min)\n\n:::checkin\n:::\n`;
		expect(parse(source(4, checkin(4))).ok).toBe(true);
		expect(messagesOf(source(3, checkin(3)))).toEqual([
			expect.stringMatching(/^14: step 1 has 3 required min for activities that need at least 4 \(checkin 4\)/)
		]);
		const withStatement = checkin(5).replace(':::checkin', ':::statement\nOur agreements help.\n:::\n\n:::checkin');
		expect(messagesOf(source(5, withStatement))).toEqual([expect.stringMatching(/need at least 6 \(statement 2, checkin 4\)/)]);
	});

});

describe('optional parts line up across languages', () => {
	it('flags a step or an activity that is optional in one language only', () => {
		const en = lessonOf(source(20, BODY));
		const nl = lessonOf(
			source(21, BODY.replace('(5 min, optional)', '(5 min)').replace('myth (optional, 3 min)', 'myth (optional, 2 min)').replace('## Close (5 min)', '## Close (3 min)')),
			'lessons/demo/nl.md',
			'nl'
		);
		const messages = compareVersions(en, nl).map((issue) => issue.message);
		expect(messages).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/step 3 is required, optional in lessons\/demo\/en\.md/),
				expect.stringMatching(/statement myth \(optional, 2 min\).*statement myth \(optional, 3 min\)/)
			])
		);
	});
});
