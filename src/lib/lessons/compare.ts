import type { Lesson, LessonIssue } from './types';

/**
 * The language versions of a module must line up step by step and activity by activity, so a mentor
 * can switch language mid-lesson and a live session's results mean the same in both.
 */
export function compareVersions(base: Lesson, other: Lesson): LessonIssue[] {
	const issues: LessonIssue[] = [];
	const report = (line: number, message: string) => issues.push({ file: other.file, line, message });
	const versus = `than ${base.file}`;

	if (base.meta.id !== other.meta.id) report(2, `id "${other.meta.id}" differs from "${base.meta.id}" in ${base.file}`);
	if (base.meta.audience !== other.meta.audience) report(2, `audience "${other.meta.audience}" differs from "${base.meta.audience}" in ${base.file}`);
	if (base.meta.ages.min !== other.meta.ages.min || base.meta.ages.max !== other.meta.ages.max) {
		report(2, `ages differ from ${base.file}`);
	}
	if (base.steps.length !== other.steps.length) {
		report(other.steps[0]?.line ?? 1, `${other.steps.length} steps, ${base.steps.length} in ${base.file}: the languages need the same steps`);
	}

	const count = Math.min(base.steps.length, other.steps.length);
	for (let i = 0; i < count; i++) {
		const a = base.steps[i]!;
		const b = other.steps[i]!;
		if (a.minutes !== b.minutes) {
			report(b.line, `step ${b.number} takes ${b.minutes} min, ${a.minutes} min in ${base.file} (line ${a.line})`);
		}
		if (a.optional !== b.optional) {
			report(b.line, `step ${b.number} is ${b.optional ? 'optional' : 'required'}, ${a.optional ? 'optional' : 'required'} in ${base.file} (line ${a.line})`);
		}
		const kindOf = (activity: (typeof a.activities)[number]) =>
			activity.kind + (activity.myth ? ' myth' : '') + (activity.optional ? ` (optional, ${activity.minutes} min)` : '');
		const kindsA = a.activities.map(kindOf);
		const kindsB = b.activities.map(kindOf);
		if (kindsA.join() !== kindsB.join()) {
			report(
				b.line,
				`step ${b.number} has activities [${kindsB.join(', ') || 'none'}], ${base.file} has [${kindsA.join(', ') || 'none'}] (line ${a.line}): same activities in the same order`
			);
			continue;
		}
		a.activities.forEach((activityA, j) => {
			const activityB = b.activities[j]!;
			if (activityA.options.length !== activityB.options.length) {
				report(activityB.line, `this scenario has ${activityB.options.length} choices, ${activityA.options.length} ${versus} (line ${activityA.line})`);
			}
		});
		const help = (step: typeof a) => step.blocks.some((block) => block.type === 'helpcard');
		if (help(a) !== help(b)) report(b.line, `step ${b.number} ${help(b) ? 'has' : 'lacks'} the help card, unlike ${base.file}`);
	}
	return issues;
}
