/**
 * The poster's rules: which options a query string asks for, the sheet and poster box in millimetres,
 * and the type size that lets 1 to 12 rules fill the box without spilling onto a second page. The
 * size is computed here, not measured in the browser, so the poster fits without JavaScript too.
 */

export const POSTER_SIZES = ['A4', 'A3'] as const;
export const ORIENTATIONS = ['portrait', 'landscape'] as const;
export const POSTER_LAYOUTS = ['classic', 'cards', 'banner'] as const;

export type PosterSize = (typeof POSTER_SIZES)[number];
export type Orientation = (typeof ORIENTATIONS)[number];
export type PosterLayout = (typeof POSTER_LAYOUTS)[number];

export interface PosterOptions {
	className: string;
	/** The day the rules were agreed, `YYYY-MM-DD`. */
	date: string;
	/** The day the class looks at the rules again, `YYYY-MM-DD`. */
	review: string;
	size: PosterSize;
	orientation: Orientation;
	layout: PosterLayout;
	/** Two half-A4 copies per A4 sheet, one for every student. */
	handout: boolean;
}

/** The lesson says to look at the rules again "in a few weeks": four, unless the mentor picks a day. */
export const REVIEW_AFTER_DAYS = 28;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string | null): string | null {
	if (!value || !ISO_DATE.test(value)) return null;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

/** A calendar date plus a number of days, both `YYYY-MM-DD` (no time zone can shift the day). */
export function addDays(isoDate: string, days: number): string {
	const date = new Date(`${isoDate}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
	return allowed.find((option) => option === value) ?? fallback;
}

/** Reads the poster form's query parameters; anything missing or malformed falls back to a default. */
export function posterOptions(params: URLSearchParams, today: string): PosterOptions {
	const date = validDate(params.get('date')) ?? today;
	const review = validDate(params.get('review'));
	return {
		className: (params.get('class') ?? '').replace(/\s+/g, ' ').trim().slice(0, 80),
		date,
		review: review && review >= date ? review : addDays(date, REVIEW_AFTER_DAYS),
		size: oneOf(POSTER_SIZES, params.get('size'), 'A4'),
		orientation: oneOf(ORIENTATIONS, params.get('orientation'), 'portrait'),
		layout: oneOf(POSTER_LAYOUTS, params.get('layout'), 'classic'),
		handout: ['1', 'on', 'true'].includes(params.get('handout') ?? '')
	};
}

export interface Box {
	width: number;
	height: number;
}

const PAPER: Record<PosterSize, Box> = { A4: { width: 210, height: 297 }, A3: { width: 297, height: 420 } };

/** The printed sheet in millimetres. A handout is always printed on A4. */
export function sheetBox(options: Pick<PosterOptions, 'size' | 'orientation' | 'handout'>): Box {
	const paper = PAPER[options.handout ? 'A4' : options.size];
	return options.orientation === 'portrait' ? paper : { width: paper.height, height: paper.width };
}

/** One poster in millimetres: the whole sheet, or for a handout half of it (cut along the short side). */
export function posterBox(options: Pick<PosterOptions, 'size' | 'orientation' | 'handout'>): Box {
	const sheet = sheetBox(options);
	if (!options.handout) return sheet;
	return options.orientation === 'portrait'
		? { width: sheet.width, height: sheet.height / 2 }
		: { width: sheet.width / 2, height: sheet.height };
}

/**
 * The poster's fixed parts in units of a hundredth of the box's short side, so a handout is a
 * smaller copy of the same design. Shared with the page as CSS custom properties.
 */
export const FRAME = {
	padding: 6,
	kicker: 3.6,
	title: 8.5,
	meta: 3.2,
	headerGap: 4,
	review: 2.9,
	small: 2.1,
	footerGap: 3,
	columnGap: 5,
	cardGap: 2.5,
	cardPadding: 2.5
} as const;

/** Line heights the page uses for each part. */
export const LEADING = { kicker: 1.2, title: 1.05, meta: 1.3, review: 1.3, small: 1.3, rule: 1.2, banner: 1.12 } as const;

/**
 * Advance of a bold character in em, in four classes. Measured on DejaVu Sans Bold (what system-ui is
 * on many Linux machines), among the widest sans faces; Segoe UI and Roboto are narrower, so
 * elsewhere the rules fill a little less of the box rather than overflowing it.
 */
export function charWidth(char: string): number {
	if (char === ' ') return 0.35;
	if (/[iljtfr.,:;'’!|()-]/.test(char)) return 0.46;
	if (/[mwMW]/.test(char)) return 1.02;
	if (/[A-Z]/.test(char)) return 0.8;
	return 0.7;
}

/** The width of a word in em. */
export function wordWidth(word: string): number {
	let width = 0;
	for (const char of word) width += charWidth(char);
	return width;
}

/**
 * Per layout: the smallest and largest type (in units), the columns to try, and the parts in em:
 * the number's column, the gap between rules and the padding around each (the banner's stripes).
 */
const LAYOUT = {
	classic: { min: 1.5, max: 7, columns: [1, 2], marker: 2, gap: 0.5, padding: 0 },
	cards: { min: 1.5, max: 6.5, columns: [1, 2, 3, 4], marker: 0, gap: 0, padding: 0 },
	banner: { min: 1.5, max: 9, columns: [1, 2], marker: 2.2, gap: 0, padding: 0.6 }
} as const;

export interface TypeFit {
	/** Type size of the rules in millimetres. */
	fontSize: number;
	columns: number;
	rows: number;
	/** False when even the smallest type does not fit: the page warns and the mentor shortens rules. */
	fits: boolean;
}

/**
 * The number of lines a text takes in a width (mm) at a type size (mm), wrapping greedily at spaces
 * as a browser does; Infinity when a word is wider than the line, because breaking words is what the
 * type size should avoid.
 */
export function lineCount(text: string, width: number, fontSize: number): number {
	const line = width / fontSize;
	const space = charWidth(' ');
	let lines = 1;
	let used = 0;
	for (const word of text.split(' ')) {
		const length = wordWidth(word);
		if (length > line) return Infinity;
		const needed = used === 0 ? length : used + space + length;
		if (needed <= line) {
			used = needed;
		} else {
			lines++;
			used = length;
		}
	}
	return lines;
}

/** The area the rules get inside the box, in millimetres. */
export function rulesArea(box: Box, hasClassName: boolean): Box {
	const u = Math.min(box.width, box.height) / 100;
	const header =
		(hasClassName ? FRAME.kicker * LEADING.kicker : 0) + FRAME.title * LEADING.title + FRAME.meta * LEADING.meta + FRAME.headerGap;
	const footer = FRAME.footerGap + FRAME.review * LEADING.review + FRAME.small * LEADING.small;
	// A little kept back for borders and rounding, so a rule never lands on a second sheet.
	return { width: box.width - 2 * FRAME.padding * u, height: (box.height - (2 * FRAME.padding + header + footer) * u) * 0.95 };
}

/** The height the rules take in their area at a type size; Infinity when a card overflows. */
export function rulesHeight(layout: PosterLayout, rules: string[], area: Box, u: number, columns: number, size: number): number {
	const spec = LAYOUT[layout];
	const rows = Math.ceil(rules.length / columns);
	if (layout === 'cards') {
		const gap = FRAME.cardGap * u;
		const pad = FRAME.cardPadding * u;
		const inner = (area.width - (columns - 1) * gap) / columns - 2 * pad;
		const cardHeight = (area.height - (rows - 1) * gap) / rows - 2 * pad;
		// The number above the text, at 0.8em.
		const tallest = Math.max(...rules.map((rule) => lineCount(rule, inner, size) * LEADING.rule * size + 0.8 * 1.2 * size));
		return tallest <= cardHeight ? 0 : Infinity;
	}
	const leading = layout === 'banner' ? LEADING.banner : LEADING.rule;
	const columnWidth = (area.width - (columns - 1) * FRAME.columnGap * u) / columns - spec.marker * size;
	// Rules run down the first column, then the second (CSS grid with column flow): rows are shared.
	let total = ((rows - 1) * spec.gap + rows * spec.padding) * size;
	for (let row = 0; row < rows; row++) {
		let tallest = 0;
		for (let column = 0; column < columns; column++) {
			const rule = rules[column * rows + row];
			if (rule !== undefined) tallest = Math.max(tallest, lineCount(rule, columnWidth, size) * leading * size);
		}
		total += tallest;
	}
	return total;
}

/** The largest type size (to a tenth of a unit) at which the rules fit their area, and in how many columns. */
export function fitType(rules: string[], box: Box, layout: PosterLayout, hasClassName: boolean): TypeFit {
	const spec = LAYOUT[layout];
	const u = Math.min(box.width, box.height) / 100;
	const area = rulesArea(box, hasClassName);
	const count = Math.max(1, rules.length);
	let best: TypeFit = { fontSize: spec.min * u, columns: 1, rows: count, fits: false };
	for (const columns of spec.columns) {
		if (columns > count) break;
		const rows = Math.ceil(count / columns);
		for (let tenths = spec.max * 10; tenths >= spec.min * 10; tenths--) {
			const size = (tenths / 10) * u;
			if (rulesHeight(layout, rules, area, u, columns, size) > area.height) continue;
			if (!best.fits || size > best.fontSize + 1e-9) best = { fontSize: size, columns, rows, fits: true };
			break;
		}
	}
	return best;
}
