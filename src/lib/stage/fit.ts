import type { Attachment } from 'svelte/attachments';

/**
 * Fitting a slide to the screen. The stage's body holds "units" (elements marked `data-unit`): lesson
 * blocks, answer cards, results. A unit marked `data-split` is split into its children (paragraphs,
 * and the items of its lists and tables), so a long text can break between paragraphs.
 *
 * A slide first shrinks its type, down to a floor that stays readable from the back row; what still
 * does not fit goes on to the next page, which the mentor advances. Pages are planned greedily from
 * the first unit, each with the largest scale at which its units fit.
 */
export interface FitOptions {
	/** The page to show; beyond the last page, the last one is shown. */
	page: number;
	/** The smallest scale of the type, as a fraction of its full size. */
	floor: number;
	/** Told the number of pages and the page shown, after every layout. */
	onfit?: (fit: { pages: number; page: number; scale: number }) => void;
}

const STEP = 0.05;

/** Each unit in document order, splits resolved; `containers` gets each split unit with its parts. */
export function unitsOf(body: HTMLElement, containers = new Map<HTMLElement, HTMLElement[]>()): HTMLElement[] {
	const units: HTMLElement[] = [];
	for (const unit of body.querySelectorAll<HTMLElement>('[data-unit]')) {
		// A unit inside another unit moves with it.
		if (unit.parentElement?.closest('[data-unit]')) continue;
		if (!('split' in unit.dataset)) {
			units.push(unit);
			continue;
		}
		units.push(...split(unit, containers));
	}
	return units;
}

/**
 * Plans the pages: the index of each page's first unit and the scale it fits at. `layout(from, to,
 * scale)` shows units [from, to) at a scale and answers whether they fit.
 */
export function planPages(
	count: number,
	floor: number,
	layout: (from: number, to: number, scale: number) => boolean
): Array<{ start: number; scale: number }> {
	const pages: Array<{ start: number; scale: number }> = [];
	let start = 0;
	do {
		let scale = 1;
		while (!layout(start, count, scale) && scale - STEP >= floor - 1e-9) scale = Math.round((scale - STEP) * 100) / 100;
		let end = count;
		if (!layout(start, end, scale)) {
			// Too much even at the floor: the longest run of units from `start` that fits, at least one.
			let low = start + 1;
			let high = count - 1;
			end = low;
			while (low <= high) {
				const middle = (low + high) >> 1;
				if (layout(start, middle, scale)) {
					end = middle;
					low = middle + 1;
				} else high = middle - 1;
			}
		}
		pages.push({ start, scale });
		start = end;
	} while (start < count);
	return pages;
}

/** The parts of a split unit: its children, a list's items, a table's rows, a split child's parts. */
function split(unit: HTMLElement, containers: Map<HTMLElement, HTMLElement[]>): HTMLElement[] {
	const parts: HTMLElement[] = [];
	for (const child of unit.children) {
		if (!(child instanceof HTMLElement)) continue;
		const items = /^(UL|OL)$/.test(child.tagName) ? child.children : child.tagName === 'TABLE' ? child.querySelectorAll('tbody tr') : null;
		if ('split' in child.dataset) parts.push(...split(child, containers));
		else if (items && items.length > 1) parts.push(...[...items].filter((item): item is HTMLElement => item instanceof HTMLElement));
		else parts.push(child);
	}
	containers.set(unit, parts);
	return parts;
}

/** Strict: the scroll size is rounded up, so content a fraction of a pixel past the edge counts too. */
function overflows(body: HTMLElement): boolean {
	return body.scrollHeight > body.clientHeight || body.scrollWidth > body.clientWidth;
}

/**
 * The fitting as an attachment on the stage's body: `{@attach fitStage(options)}`. It lays the slide out
 * again when the options change (a new attachment), the body resizes or its content changes.
 */
export function fitStage(options: FitOptions): Attachment<HTMLElement> {
	return (body) => {
		let frame = 0;
		const containers = new Map<HTMLElement, HTMLElement[]>();
		const show = (units: HTMLElement[], from: number, to: number, scale: number) => {
			body.style.setProperty('--fit', String(scale));
			units.forEach((unit, index) => unit.style.setProperty('display', index >= from && index < to ? '' : 'none'));
			// A split unit none of whose parts is on this page does not show its empty frame either.
			for (const [container, parts] of containers) {
				container.style.setProperty('display', parts.some((part) => part.style.display !== 'none') ? '' : 'none');
			}
		};
		const run = () => {
			frame = 0;
			const { page, floor, onfit } = options;
			containers.clear();
			const units = unitsOf(body, containers);
			if (units.length === 0) {
				body.style.setProperty('--fit', '1');
				onfit?.({ pages: 1, page: 0, scale: 1 });
				return;
			}
			const pages = planPages(units.length, floor, (from, to, scale) => {
				show(units, from, to, scale);
				return !overflows(body);
			});
			const shown = Math.min(Math.max(0, page), pages.length - 1);
			const current = pages[shown]!;
			show(units, current.start, pages[shown + 1]?.start ?? units.length, current.scale);
			onfit?.({ pages: pages.length, page: shown, scale: current.scale });
		};
		const schedule = () => {
			if (!frame) frame = requestAnimationFrame(run);
		};
		schedule();
		const resized = new ResizeObserver(schedule);
		resized.observe(body);
		const changed = new MutationObserver(schedule);
		// A class that changes (a highlighted answer grows) changes the layout too; `style` is ours, not watched.
		changed.observe(body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] });
		void document.fonts?.ready.then(schedule);
		return () => {
			cancelAnimationFrame(frame);
			resized.disconnect();
			changed.disconnect();
		};
	};
}
