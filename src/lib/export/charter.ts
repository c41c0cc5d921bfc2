/**
 * Exports of a class charter: one version, the difference between two versions, and (for the school's
 * coordinator) every charter together, each as Markdown, JSON and CSV (`,` or `;`). A charter holds
 * only what a class agreed, so these carry nothing about proposals, votes or devices.
 */
import type { Charter, CharterDiff, CharterVersion } from '$lib/charter/types';
import { current } from '$lib/charter/version';
import type { Lang } from '$lib/lessons/types';
import { csvField } from './csv';
import { slugify } from './filename';
import { assertNoDeviceKeys } from './json';
import { formatExportDate } from './labels';
import { escapeMarkdown } from './markdown';

const BOM = '\uFEFF';
const CRLF = '\r\n';

interface CharterLabels {
	heading: string;
	schoolYear: string;
	version: string;
	agreedOn: string;
	reviewOn: string;
	noRules: string;
	support: Record<'wide' | 'divided' | 'not' | 'too-few', string>;
	diffHeading: (from: number, to: number) => string;
	kept: string;
	changed: string;
	added: string;
	dropped: string;
	none: string;
	overview: string;
	columns: {
		className: string;
		schoolYear: string;
		version: string;
		agreedOn: string;
		reviewOn: string;
		position: string;
		text: string;
		support: string;
	};
	diffColumns: { change: string; oldText: string; newText: string };
}

const LABELS: Record<Lang, CharterLabels> = {
	nl: {
		heading: 'Onze afspraken',
		schoolYear: 'schooljaar',
		version: 'Versie',
		agreedOn: 'afgesproken op',
		reviewOn: 'weer bekijken op',
		noRules: 'Er zijn geen afspraken.',
		support: { wide: 'breed gedragen', divided: 'verdeeld', not: 'niet gedragen', 'too-few': 'te weinig stemmen' },
		diffHeading: (from, to) => `Wat veranderde van versie ${from} naar ${to}`,
		kept: 'Gebleven',
		changed: 'Veranderd',
		added: 'Nieuw',
		dropped: 'Geschrapt',
		none: 'Geen.',
		overview: 'Klasafspraken van de school',
		columns: {
			className: 'klas',
			schoolYear: 'schooljaar',
			version: 'versie',
			agreedOn: 'afgesproken op',
			reviewOn: 'weer bekijken op',
			position: 'nummer',
			text: 'tekst',
			support: 'draagvlak'
		},
		diffColumns: { change: 'wijziging', oldText: 'oude tekst', newText: 'nieuwe tekst' }
	},
	en: {
		heading: 'Our agreements',
		schoolYear: 'school year',
		version: 'Version',
		agreedOn: 'agreed on',
		reviewOn: 'review on',
		noRules: 'There are no agreements.',
		support: { wide: 'widely supported', divided: 'divided', not: 'not supported', 'too-few': 'too few votes' },
		diffHeading: (from, to) => `What changed from version ${from} to ${to}`,
		kept: 'Kept',
		changed: 'Changed',
		added: 'New',
		dropped: 'Dropped',
		none: 'None.',
		overview: 'Class charters of the school',
		columns: {
			className: 'class',
			schoolYear: 'school year',
			version: 'version',
			agreedOn: 'agreed on',
			reviewOn: 'review on',
			position: 'number',
			text: 'text',
			support: 'support'
		},
		diffColumns: { change: 'change', oldText: 'old text', newText: 'new text' }
	}
};

export const CHARTER_FORMATS = ['md', 'json', 'csv', 'csv-nl'] as const;
export type CharterFormat = (typeof CHARTER_FORMATS)[number];

type Meta = Pick<Charter, 'className' | 'schoolYear' | 'lang'>;

const day = (iso: string, lang: Lang) => formatExportDate(`${iso}T12:00:00Z`, lang);

function csv(rows: Array<Array<string | number>>, separator: ',' | ';'): string {
	return BOM + rows.map((fields) => fields.map(csvField).join(separator) + CRLF).join('');
}

/** One version as a Markdown document: heading, dates, the rules numbered with their support. */
export function versionMarkdown(charter: Meta, version: CharterVersion): string {
	const l = LABELS[charter.lang];
	const items = version.rules.map((rule, i) => {
		const support = rule.support ? ` (${l.support[rule.support]})` : '';
		return `${i + 1}. ${escapeMarkdown(rule.text)}${support}`;
	});
	return [
		`# ${l.heading} — ${escapeMarkdown(charter.className)} — ${l.schoolYear} ${charter.schoolYear}`,
		'',
		`${l.version} ${version.version} · ${l.agreedOn} ${day(version.agreedOn, charter.lang)} · ${l.reviewOn} ${day(version.reviewOn, charter.lang)}`,
		'',
		...(items.length ? items : [l.noRules]),
		''
	].join('\n');
}

function versionRecord(charter: Meta, version: CharterVersion) {
	return {
		format: 'klasakkoord.charter/1' as const,
		className: charter.className,
		schoolYear: charter.schoolYear,
		lang: charter.lang,
		version: version.version,
		agreedOn: version.agreedOn,
		reviewOn: version.reviewOn,
		savedAt: new Date(version.savedAt).toISOString(),
		rules: version.rules.map((rule, i) => ({ position: i + 1, key: rule.key, text: rule.text, support: rule.support }))
	};
}

export function versionJson(charter: Meta, version: CharterVersion): string {
	const record = versionRecord(charter, version);
	assertNoDeviceKeys(record);
	return `${JSON.stringify(record, null, 2)}\n`;
}

function ruleRows(charter: Meta, version: CharterVersion, lang: Lang): Array<Array<string | number>> {
	const l = LABELS[lang];
	return version.rules.map((rule, i) => [
		charter.className,
		charter.schoolYear,
		version.version,
		version.agreedOn,
		version.reviewOn,
		i + 1,
		rule.text,
		rule.support ? l.support[rule.support] : ''
	]);
}

function ruleHeader(lang: Lang): string[] {
	const c = LABELS[lang].columns;
	return [c.className, c.schoolYear, c.version, c.agreedOn, c.reviewOn, c.position, c.text, c.support];
}

/** One row per rule, with the charter and version on every row, so files of many classes stack. */
export function versionCsv(charter: Meta, version: CharterVersion, separator: ',' | ';' = ','): string {
	return csv([ruleHeader(charter.lang), ...ruleRows(charter, version, charter.lang)], separator);
}

/** The difference as Markdown: changed rules old → new, then new, dropped and kept ones. */
export function diffMarkdown(charter: Meta, diff: CharterDiff): string {
	const l = LABELS[charter.lang];
	const list = (items: string[]) => (items.length ? items : [l.none]);
	return [
		`# ${l.heading} — ${escapeMarkdown(charter.className)} — ${l.schoolYear} ${charter.schoolYear}`,
		'',
		`## ${l.diffHeading(diff.from, diff.to)}`,
		'',
		`### ${l.changed}`,
		'',
		...list(diff.changed.map((rule) => `- ${escapeMarkdown(rule.from)} → ${escapeMarkdown(rule.to)}`)),
		'',
		`### ${l.added}`,
		'',
		...list(diff.added.map((rule) => `- ${escapeMarkdown(rule.text)}`)),
		'',
		`### ${l.dropped}`,
		'',
		...list(diff.dropped.map((rule) => `- ${escapeMarkdown(rule.text)}`)),
		'',
		`### ${l.kept}`,
		'',
		...list(diff.kept.map((rule) => `- ${escapeMarkdown(rule.text)}`)),
		''
	].join('\n');
}

export function diffJson(charter: Meta, diff: CharterDiff): string {
	const record = {
		format: 'klasakkoord.charter-diff/1' as const,
		className: charter.className,
		schoolYear: charter.schoolYear,
		lang: charter.lang,
		from: diff.from,
		to: diff.to,
		kept: diff.kept.map((rule) => rule.text),
		changed: diff.changed.map((rule) => ({ from: rule.from, to: rule.to })),
		added: diff.added.map((rule) => rule.text),
		dropped: diff.dropped.map((rule) => rule.text)
	};
	assertNoDeviceKeys(record);
	return `${JSON.stringify(record, null, 2)}\n`;
}

/** One row per rule of either version: what happened to it, its old and its new text. */
export function diffCsv(charter: Meta, diff: CharterDiff, separator: ',' | ';' = ','): string {
	const l = LABELS[charter.lang];
	const c = l.diffColumns;
	return csv(
		[
			[c.change, c.oldText, c.newText],
			...diff.changed.map((rule) => [l.changed, rule.from, rule.to]),
			...diff.added.map((rule) => [l.added, '', rule.text]),
			...diff.dropped.map((rule) => [l.dropped, rule.text, '']),
			...diff.kept.map((rule) => [l.kept, rule.text, rule.text])
		],
		separator
	);
}

/** Every charter's newest version together, for the school's coordinator, in the overview's language. */
export function overviewMarkdown(all: readonly Charter[], lang: Lang): string {
	const l = LABELS[lang];
	const sections = all.flatMap((charter) => {
		const version = current(charter);
		return [
			`## ${escapeMarkdown(charter.className)} — ${l.schoolYear} ${charter.schoolYear}`,
			'',
			`${l.version} ${version.version} · ${l.agreedOn} ${day(version.agreedOn, lang)} · ${l.reviewOn} ${day(version.reviewOn, lang)}`,
			'',
			...(version.rules.length ? version.rules.map((rule, i) => `${i + 1}. ${escapeMarkdown(rule.text)}`) : [l.noRules]),
			''
		];
	});
	return [`# ${l.overview}`, '', ...sections].join('\n');
}

export function overviewJson(all: readonly Charter[]): string {
	const record = {
		format: 'klasakkoord.charters/1' as const,
		charters: all.map((charter) => ({
			className: charter.className,
			schoolYear: charter.schoolYear,
			lang: charter.lang,
			versions: charter.versions.map((version) => {
				const { format: _format, className: _c, schoolYear: _s, lang: _l, ...rest } = versionRecord(charter, version);
				return rest;
			})
		}))
	};
	assertNoDeviceKeys(record);
	return `${JSON.stringify(record, null, 2)}\n`;
}

export function overviewCsv(all: readonly Charter[], lang: Lang, separator: ',' | ';' = ','): string {
	return csv([ruleHeader(lang), ...all.flatMap((charter) => ruleRows(charter, current(charter), lang))], separator);
}

const TYPES: Record<CharterFormat, { type: string; ext: string }> = {
	md: { type: 'text/markdown; charset=utf-8', ext: 'md' },
	json: { type: 'application/json; charset=utf-8', ext: 'json' },
	csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
	'csv-nl': { type: 'text/csv; charset=utf-8', ext: 'csv' }
};

export function formatOf(value: string): CharterFormat | null {
	return (CHARTER_FORMATS as readonly string[]).includes(value) ? (value as CharterFormat) : null;
}

/** A download: content type and a plain-ASCII file name such as `klasafspraken-3b-2026-2027-v2.md`. */
export function download(body: string, format: CharterFormat, name: string): Response {
	const { type, ext } = TYPES[format];
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${charterFilename(name, ext)}"`,
			'cache-control': 'no-store'
		}
	});
}

export function charterFilename(name: string, ext: string): string {
	const slug = slugify(name).slice(0, 60).replace(/-+$/, '');
	return `klasafspraken${slug ? `-${slug}` : ''}.${ext}`;
}

/** Renders one version in a format. */
export function renderVersion(charter: Meta, version: CharterVersion, format: CharterFormat): string {
	if (format === 'md') return versionMarkdown(charter, version);
	if (format === 'json') return versionJson(charter, version);
	return versionCsv(charter, version, format === 'csv-nl' ? ';' : ',');
}

export function renderDiff(charter: Meta, diff: CharterDiff, format: CharterFormat): string {
	if (format === 'md') return diffMarkdown(charter, diff);
	if (format === 'json') return diffJson(charter, diff);
	return diffCsv(charter, diff, format === 'csv-nl' ? ';' : ',');
}

export function renderOverview(all: readonly Charter[], lang: Lang, format: CharterFormat): string {
	if (format === 'md') return overviewMarkdown(all, lang);
	if (format === 'json') return overviewJson(all);
	return overviewCsv(all, lang, format === 'csv-nl' ? ';' : ',');
}
