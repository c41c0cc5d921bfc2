import { current, versionOf } from '$lib/charter/version';
import { posterOptions } from '$lib/export/poster';
import type { StoredCharter } from './charters';

/**
 * A charter version's poster data: `?v=` picks the version (the newest by default); the class name,
 * the day agreed and the review day come from the charter unless the form changed them.
 */
export function charterPoster(charter: StoredCharter, params: URLSearchParams) {
	const asked = params.get('v');
	const version = (asked && /^\d{1,4}$/.test(asked) ? versionOf(charter, Number(asked)) : null) ?? current(charter);
	const query = new URLSearchParams(params);
	if (!query.has('class')) query.set('class', charter.className);
	if (!query.has('date')) query.set('date', version.agreedOn);
	if (!query.has('review')) query.set('review', version.reviewOn);
	return {
		charterLang: charter.lang,
		className: charter.className,
		version: version.version,
		rules: version.rules.map((rule) => rule.text),
		options: posterOptions(query, version.agreedOn)
	};
}
