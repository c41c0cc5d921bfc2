import type { Lang } from '$lib/lessons/types';

/**
 * Words for optional parts: the presenter's switch and the markers on the lesson page. Kept here, beside
 * the presenter, so the lesson pages need no new entries in the UI dictionaries.
 */
export const OPTIONAL_LABELS: Record<
	Lang,
	{ skip: string; optionalStep: string; optionalActivities: (n: number) => string; key: string; optionalMark: string }
> = {
	nl: {
		skip: 'Optionele onderdelen overslaan',
		optionalStep: 'Optionele stap',
		optionalActivities: (n) => (n === 1 ? '1 optionele activiteit' : `${n} optionele activiteiten`),
		key: 'O: optionele onderdelen overslaan of tonen',
		optionalMark: 'optioneel'
	},
	en: {
		skip: 'Skip optional parts',
		optionalStep: 'Optional step',
		optionalActivities: (n) => (n === 1 ? '1 optional activity' : `${n} optional activities`),
		key: 'O: skip or show optional parts',
		optionalMark: 'optional'
	}
};
