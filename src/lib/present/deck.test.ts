import { describe, expect, it } from 'vitest';
import { Deck, commandForKey } from './deck.svelte';

/** Five steps; the second and the fourth are optional. */
const OPTIONAL = [false, true, false, true, false];

describe('Deck: skipping optional steps', () => {
	it('walks every step while optional parts are shown', () => {
		const deck = new Deck(5, 0, OPTIONAL);
		const seen = [deck.index];
		for (let i = 0; i < 4; i++) seen.push((deck.next(), deck.index));
		expect(seen).toEqual([0, 1, 2, 3, 4]);
	});

	it('passes over optional steps in both directions, and for first and last, when skipping', () => {
		const deck = new Deck(5, 0, OPTIONAL);
		deck.toggleOptional();
		expect(deck.skipOptional).toBe(true);
		deck.next();
		expect(deck.index).toBe(2);
		deck.next();
		expect(deck.index).toBe(4);
		deck.next();
		expect(deck.index).toBe(4);
		deck.previous();
		expect(deck.index).toBe(2);
		deck.run('first');
		expect(deck.index).toBe(0);
		deck.run('last');
		expect(deck.index).toBe(4);
	});

	it('stays put when only optional steps are left in that direction', () => {
		const deck = new Deck(3, 1, [false, false, true]);
		deck.toggleOptional();
		deck.next();
		expect(deck.index).toBe(1);
		expect(deck.isOptional(2)).toBe(true);
	});

	it('toggles with the O key', () => {
		const deck = new Deck(5, 0, OPTIONAL);
		const command = commandForKey(new KeyboardEventLike('o'));
		expect(command).toBe('optional');
		expect(deck.run(command!)).toBe(true);
		expect(deck.skipOptional).toBe(true);
	});
});

/** Enough of a KeyboardEvent for `commandForKey` in a test without a DOM. */
class KeyboardEventLike {
	altKey = false;
	ctrlKey = false;
	metaKey = false;
	target = null;
	constructor(readonly key: string) {}
}
