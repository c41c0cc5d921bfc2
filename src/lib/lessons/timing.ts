/**
 * Timing: does a module fit its lesson slot? A step's minutes include everything in it. A mentor who
 * is short of time skips the parts marked optional: whole steps `## Title (5 min, optional)` and
 * activities `:::question (optional, 3 min)`. What is left, the required part, must fit the module's
 * duration, and each step must leave at least a floor of minutes per required activity in it.
 */
import type { ActivityKind, LessonMeta, Step } from './types';

/**
 * The least time an activity needs in class: read it, answer on the phones, look at the results and
 * talk about them briefly. A floor, not a target.
 */
export const ACTIVITY_MINUTES: Record<ActivityKind, number> = {
	statement: 2,
	question: 3,
	scenario: 5,
	proposals: 5,
	vote: 3,
	checkin: 4
};

/** The words that mark a part optional, in the languages lessons are written in. */
export const OPTIONAL_WORDS = ['optional', 'optioneel'] as const;

export interface Timing {
	/** All steps, optional parts included. */
	total: number;
	/** What is left when every optional step and activity is skipped. */
	required: number;
	optionalParts: number;
}

/** Minutes of a step that stay when its optional activities are skipped; 0 for an optional step. */
export function requiredMinutes(step: Pick<Step, 'minutes' | 'optional' | 'activities'>): number {
	if (step.optional) return 0;
	return step.minutes - step.activities.reduce((sum, activity) => sum + (activity.optional ? activity.minutes : 0), 0);
}

export function timing(steps: Step[]): Timing {
	return {
		total: steps.reduce((sum, step) => sum + step.minutes, 0),
		required: steps.reduce((sum, step) => sum + requiredMinutes(step), 0),
		optionalParts: steps.reduce(
			(sum, step) => sum + (step.optional ? 1 : step.activities.filter((activity) => activity.optional).length),
			0
		)
	};
}

export interface TimingIssue {
	line: number;
	message: string;
}

/**
 * Checks a module's timing. Without optional parts the steps add up to the duration exactly. With
 * them the required part fits the duration and the whole lesson is at least as long as it. In every
 * step the optional activities leave time, and the required activities get at least their floor.
 */
export function checkTiming(meta: LessonMeta, steps: Step[], durationLine: number): TimingIssue[] {
	const issues: TimingIssue[] = [];
	for (const step of steps) {
		const optionalActivities = step.activities.filter((activity) => activity.optional);
		if (step.optional) {
			for (const activity of optionalActivities) {
				issues.push({ line: activity.line, message: `this step is optional already: leave "(optional, ${activity.minutes} min)" off the block` });
			}
			continue;
		}
		const left = requiredMinutes(step);
		if (optionalActivities.length > 0 && left < 1) {
			issues.push({
				line: step.line,
				message: `step ${step.number} takes ${step.minutes} min, but its optional activities take ${step.minutes - left}: a step's minutes include its optional activities`
			});
			continue;
		}
		const required = step.activities.filter((activity) => !activity.optional);
		const floor = required.reduce((sum, activity) => sum + ACTIVITY_MINUTES[activity.kind], 0);
		if (floor > left) {
			const list = required.map((activity) => `${activity.kind} ${ACTIVITY_MINUTES[activity.kind]}`).join(', ');
			issues.push({
				line: step.line,
				message: `step ${step.number} has ${left} required min for activities that need at least ${floor} (${list}): give it more minutes or mark an activity "(optional, n min)"`
			});
		}
	}

	if (steps.length === 0) return issues;
	const { total, required, optionalParts } = timing(steps);
	if (optionalParts === 0) {
		if (total !== meta.duration) issues.push({ line: durationLine, message: `duration is ${meta.duration} minutes but the steps add up to ${total}` });
	} else if (required > meta.duration) {
		issues.push({
			line: durationLine,
			message: `duration is ${meta.duration} minutes but the required steps take ${required} (${total} with the optional parts): mark more as optional or shorten steps`
		});
	} else if (total < meta.duration) {
		issues.push({ line: durationLine, message: `duration is ${meta.duration} minutes but all steps, optional parts included, add up to only ${total}` });
	}
	return issues;
}

/** The marker at the end of a step heading or block line: "optional" alone, or with minutes. */
export const OPTIONAL_MARK = new RegExp(String.raw`\(\s*(?:${OPTIONAL_WORDS.join('|')})\s*(?:,\s*(\d+)\s*min[a-z.]*\s*)?\)\s*$`, 'i');

/** Whether a piece of text is the bare word "optional" (in a step heading's brackets). */
export function isOptionalWord(text: string): boolean {
	return (OPTIONAL_WORDS as readonly string[]).includes(text.trim().toLowerCase());
}
