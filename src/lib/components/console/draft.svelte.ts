/** The text a rule starts from when the mentor ticks proposals: each ticked text, in ticking order. */
export function ruleFrom(texts: string[]): string {
	return texts
		.map((text) => text.trim())
		.filter(Boolean)
		.join('; ');
}

/**
 * The rule being written in the console. Ticking proposals fills the text with theirs, until the mentor
 * types something of their own: from then on ticking only records where the rule comes from.
 */
export class RuleDraft {
	text = $state('');
	ticked: Array<{ id: string; text: string }> = $state([]);
	#filled = '';

	has(id: string): boolean {
		return this.ticked.some((entry) => entry.id === id);
	}

	toggle(id: string, text: string, on: boolean) {
		this.ticked = on ? [...this.ticked.filter((entry) => entry.id !== id), { id, text }] : this.ticked.filter((entry) => entry.id !== id);
		const filled = ruleFrom(this.ticked.map((entry) => entry.text));
		if (this.text.trim() === '' || this.text === this.#filled) this.text = filled;
		this.#filled = filled;
	}

	clear() {
		this.ticked = [];
		this.text = '';
		this.#filled = '';
	}
}
