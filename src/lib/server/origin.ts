const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sends on behalf of another site. Compares hosts, not
 * full origins: behind no proxy the app cannot know whether the browser used http or https, but a
 * different host is always another site. Requests without browser headers (scripts, the benchmark)
 * pass; they carry no victim's cookies.
 */
export function isCrossSite(request: { method: string; url: string; headers: { get(name: string): string | null } }): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	if (request.headers.get('sec-fetch-site') === 'cross-site') return true;
	const origin = request.headers.get('origin');
	if (!origin) return false;
	if (origin === 'null') return true;
	try {
		return new URL(origin).host !== new URL(request.url).host;
	} catch {
		return true;
	}
}
