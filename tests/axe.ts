import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe with the WCAG 2.x A and AA rules (2.2 included) and expects no violation. */
export async function expectNoAxeViolations(page: Page, moreRules: string[] = []) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	// Rules outside those tags (such as AAA's 7:1 contrast), checked on their own.
	if (moreRules.length) results.violations.push(...(await new AxeBuilder({ page }).withRules(moreRules).analyze()).violations);
	const summary = results.violations.map(
		(violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`
	);
	expect(summary).toEqual([]);
}
