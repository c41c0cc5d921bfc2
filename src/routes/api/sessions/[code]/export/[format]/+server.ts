import { toRecord } from '$lib/export/build';
import { toCsv, toDutchCsv } from '$lib/export/csv';
import { exportFilename } from '$lib/export/filename';
import { toJson } from '$lib/export/json';
import { toMarkdown } from '$lib/export/markdown';
import { hostSession } from '$lib/server/guards';
import { refusal } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** `csv-nl`: for Excel with Dutch settings (`;` between fields); the file is still a `.csv`. */
const FORMATS = new Map([
	['md', { type: 'text/markdown; charset=utf-8', ext: 'md', render: toMarkdown }],
	['json', { type: 'application/json; charset=utf-8', ext: 'json', render: toJson }],
	['csv', { type: 'text/csv; charset=utf-8', ext: 'csv', render: toCsv }],
	['csv-nl', { type: 'text/csv; charset=utf-8', ext: 'csv', render: toDutchCsv }]
] as const);

/** The session as a file download (mentor only): md, json, csv or csv-nl; `?class=` adds a class name. */
export const GET: RequestHandler = async (event) => {
	const live = await hostSession(event);
	// A Map, not an object: `__proto__` or `constructor` are unknown formats like any other.
	const format = FORMATS.get(event.params.format as 'md');
	if (!format) return refusal(event, 'not_found');
	const className = event.url.searchParams.get('class')?.slice(0, 80) ?? null;
	const record = toRecord(live.state, { className, now: Date.now() });
	return new Response(format.render(record), {
		headers: {
			'content-type': format.type,
			'content-disposition': `attachment; filename="${exportFilename(record, format.ext)}"`,
			'cache-control': 'no-store'
		}
	});
};
