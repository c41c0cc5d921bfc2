import { STATEMENT_CHOICES } from './types';

/**
 * The answers a phone offers for the statement or scenario on screen, with their labels: a statement's
 * three, or a scenario's options lettered A, B, C. Values are what `respond` takes.
 */
export function activityChoices(
	activity: { kind: string; options: string[] } | null,
	statement: { agree: string; disagree: string; unsure: string }
): Array<{ value: string; label: string }> {
	if (activity?.kind === 'statement') {
		return STATEMENT_CHOICES.map((value) => ({ value, label: statement[value] }));
	}
	if (activity?.kind === 'scenario') {
		return activity.options.map((label, index) => ({ value: String(index), label: `${String.fromCharCode(65 + index)}. ${label}` }));
	}
	return [];
}
