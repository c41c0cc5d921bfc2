import { describe, expect, it } from 'vitest';
import { flagText } from './flags';
import { LABELLED_EN, LABELLED_NL, type Labelled } from './flags.labelled';

interface Figures {
	recall: number;
	falsePositives: number;
	missed: string[];
	wronglyFlagged: string[];
}

/**
 * Recall: share of proposals that should be flagged where every expected reason is raised.
 * False positives: share of proposals that should pass where any flag is raised.
 */
function measure(set: Labelled[]): Figures {
	const missed: string[] = [];
	const wronglyFlagged: string[] = [];
	let shouldFlag = 0;
	let shouldPass = 0;
	for (const { text, reasons } of set) {
		const raised = new Set(flagText(text).map((flag) => flag.reason));
		if (reasons.length > 0) {
			shouldFlag++;
			if (!reasons.every((reason) => raised.has(reason)))
				missed.push(`${text} (wanted ${reasons.join('+')}, got ${[...raised].join('+') || 'none'})`);
		} else {
			shouldPass++;
			if (raised.size > 0) wronglyFlagged.push(`${text} (got ${[...raised].join('+')})`);
		}
	}
	return { recall: 1 - missed.length / shouldFlag, falsePositives: wronglyFlagged.length / shouldPass, missed, wronglyFlagged };
}

describe.each([
	['nl', LABELLED_NL],
	['en', LABELLED_EN]
])('flagText on labelled %s proposals', (language, set) => {
	it('has a set of realistic size, with both kinds of proposal', () => {
		expect(set.length).toBeGreaterThanOrEqual(80);
		expect(set.filter((item) => item.reasons.length > 0).length).toBeGreaterThanOrEqual(30);
		expect(set.filter((item) => item.reasons.length === 0).length).toBeGreaterThanOrEqual(40);
	});

	it('catches at least 90% of what should be flagged and flags at most 5% of the rest', () => {
		const figures = measure(set);
		console.info(
			`${language}: ${set.length} proposals, recall ${figures.recall.toFixed(3)}, false positives ${figures.falsePositives.toFixed(3)}` +
				[...figures.missed.map((text) => `\n  missed: ${text}`), ...figures.wronglyFlagged.map((text) => `\n  flagged: ${text}`)].join('')
		);
		expect(figures.recall).toBeGreaterThanOrEqual(0.9);
		expect(figures.falsePositives).toBeLessThanOrEqual(0.05);
	});
});
