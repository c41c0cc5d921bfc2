import { describe, expect, it } from 'vitest';
import { RuleDraft, ruleFrom } from './draft.svelte';

describe('the rule draft', () => {
	it('joins ticked proposals with a semicolon', () => {
		expect(ruleFrom(['Wij vragen toestemming ', 'We sturen niets door'])).toBe('Wij vragen toestemming; We sturen niets door');
		expect(ruleFrom([])).toBe('');
	});

	it('fills the text from ticked proposals until the mentor writes their own', () => {
		const draft = new RuleDraft();
		draft.toggle('p1', 'Wij vragen toestemming', true);
		expect(draft.text).toBe('Wij vragen toestemming');
		draft.toggle('p3', 'We sturen niets door', true);
		expect(draft.text).toBe('Wij vragen toestemming; We sturen niets door');
		draft.toggle('p1', 'Wij vragen toestemming', false);
		expect(draft.text).toBe('We sturen niets door');
		expect(draft.has('p3')).toBe(true);
		draft.text = 'We vragen het eerst';
		draft.toggle('p1', 'Wij vragen toestemming', true);
		expect(draft.text).toBe('We vragen het eerst');
		expect(draft.ticked.map((entry) => entry.id)).toEqual(['p3', 'p1']);
		draft.clear();
		expect(draft.text).toBe('');
		expect(draft.has('p3')).toBe(false);
	});
});
