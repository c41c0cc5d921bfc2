import { download, formatOf, renderOverview } from '$lib/export/charter';
import { requireAdmin } from '$lib/server/admin';
import { charters } from '$lib/server/app';
import { refusal } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** Every charter together (the coordinator only; 404 without ADMIN_KEY, 403 without the key): md, json, csv, csv-nl. */
export const GET: RequestHandler = async (event) => {
	requireAdmin(event);
	const format = formatOf(event.params.format);
	if (!format) return refusal(event, 'not_found');
	return download(renderOverview(await charters().all(), event.locals.lang, format), format, 'school');
};
