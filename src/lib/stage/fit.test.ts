import { describe, expect, it } from 'vitest';
import { planPages } from './fit';

/** A screen of `room` lines; unit i takes `sizes[i]` lines at full scale, fewer as the type shrinks. */
function screen(sizes: number[], room: number) {
	const layouts: Array<[number, number, number]> = [];
	const layout = (from: number, to: number, scale: number) => {
		layouts.push([from, to, scale]);
		return sizes.slice(from, to).reduce((sum, lines) => sum + lines * scale, 0) <= room;
	};
	return { layout, layouts };
}

describe('planPages', () => {
	it('keeps full size when everything fits', () => {
		const { layout } = screen([2, 3, 1], 10);
		expect(planPages(3, 0.85, layout)).toEqual([{ start: 0, scale: 1 }]);
	});

	it('shrinks the type before it splits, but never below the floor', () => {
		const { layout } = screen([4, 4, 3], 10);
		expect(planPages(3, 0.85, layout)).toEqual([{ start: 0, scale: 0.9 }]);
		const { layout: tight, layouts } = screen([4, 4, 4], 10);
		const pages = planPages(3, 0.85, tight);
		expect(layouts.every(([, , scale]) => scale >= 0.85)).toBe(true);
		expect(pages).toEqual([
			{ start: 0, scale: 0.85 },
			{ start: 2, scale: 1 }
		]);
	});

	it('splits a long run of cards over as many pages as it needs, each as full as it can be', () => {
		const { layout } = screen(Array(23).fill(1), 5);
		const pages = planPages(23, 0.85, layout);
		expect(pages.map((page) => page.start)).toEqual([0, 5, 10, 15, 20]);
		expect(pages.at(-1)).toEqual({ start: 20, scale: 1 });
	});

	it('gives a unit too large for any page a page of its own instead of looping', () => {
		const { layout } = screen([1, 30, 1], 10);
		expect(planPages(3, 0.85, layout).map((page) => page.start)).toEqual([0, 1, 2]);
	});
});
