import { error } from '@sveltejs/kit';
import { toRecord } from '$lib/export/build';
import { toCsv } from '$lib/export/csv';
import { exportFilename } from '$lib/export/filename';
import { toJson } from '$lib/export/json';
import { toMarkdown } from '$lib/export/markdown';
import { hostSession } from '$lib/server/guards';
import { messageOf } from '$lib/server/respond';
import type { RequestHandler } from './$types';

const FORMATS = {
	md: { type: 'text/markdown; charset=utf-8', render: toMarkdown },
	json: { type: 'application/json; charset=utf-8', render: toJson },
	csv: { type: 'text/csv; charset=utf-8', render: toCsv }
} as const;

/** The session as a file download (mentor only): md, json or csv; `?class=` adds a class name. */
export const GET: RequestHandler = (event) => {
	const live = hostSession(event);
	const format = FORMATS[event.params.format as keyof typeof FORMATS];
	if (!format) error(404, messageOf(event.locals.lang, 'invalid'));
	const className = event.url.searchParams.get('class')?.slice(0, 80) ?? null;
	const record = toRecord(live.state, { className, now: Date.now() });
	return new Response(format.render(record), {
		headers: {
			'content-type': format.type,
			'content-disposition': `attachment; filename="${exportFilename(record, event.params.format as keyof typeof FORMATS)}"`,
			'cache-control': 'no-store'
		}
	});
};
