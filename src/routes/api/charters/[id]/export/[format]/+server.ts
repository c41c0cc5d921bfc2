import { diffVersions } from '$lib/charter/diff';
import { current, versionOf } from '$lib/charter/version';
import { download, formatOf, renderDiff, renderVersion } from '$lib/export/charter';
import { charterMessages } from '$lib/i18n/charter';
import { hostCharter } from '$lib/server/charter-edge';
import { refusal } from '$lib/server/respond';
import type { RequestHandler } from './$types';

function number(value: string | null): number | null {
	return value && /^\d{1,4}$/.test(value) ? Number(value) : null;
}

/**
 * A charter as a download (its mentor only): `?v=N` one version (the newest by default), or
 * `?from=A&to=B` the difference between two versions. Formats md, json, csv, csv-nl.
 */
export const GET: RequestHandler = async (event) => {
	const charter = await hostCharter(event);
	const format = formatOf(event.params.format);
	if (!format) return refusal(event, 'not_found');
	const params = event.url.searchParams;
	const unknown = () =>
		Response.json({ ok: false, error: 'not_found', message: charterMessages(event.locals.lang).errors.unknown }, { status: 404 });
	if (params.has('from') || params.has('to')) {
		const from = versionOf(charter, number(params.get('from')) ?? -1);
		const to = versionOf(charter, number(params.get('to')) ?? -1);
		if (!from || !to) return unknown();
		return download(
			renderDiff(charter, diffVersions(from, to), format),
			format,
			`${charter.className} ${charter.schoolYear} v${from.version}-v${to.version}`
		);
	}
	const version = params.has('v') ? versionOf(charter, number(params.get('v')) ?? -1) : current(charter);
	if (!version) return unknown();
	return download(renderVersion(charter, version, format), format, `${charter.className} ${charter.schoolYear} v${version.version}`);
};
