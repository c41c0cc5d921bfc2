/**
 * The whole record as JSON: the school's own copy, so it keeps every proposal, hidden, pending and
 * merged ones included, each with its status. It is also the one export that serialises the record
 * wholesale rather than picking fields, so it is where a device identity slipped into the record by
 * some future change would leak; the guard below refuses to write it.
 */
import type { SessionRecord } from './record';

/** Key names that would identify a device. Compared without case, `_` or `-`: device_id, User-Agent. */
const DEVICE_KEY = /^(?:devices?(?:ids?|numbers?|nrs?)?|ips?|ipaddress(?:es)?|useragents?)$/;

function isDeviceKey(key: string): boolean {
	return DEVICE_KEY.test(key.toLowerCase().replace(/[_-]/g, ''));
}

/** Throws when a key naming a device, an IP address or a user agent appears anywhere in `value`. */
export function assertNoDeviceKeys(value: unknown, path = '$', seen = new Set<object>()): void {
	if (typeof value !== 'object' || value === null || seen.has(value)) return;
	seen.add(value);
	for (const [key, child] of Object.entries(value)) {
		const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
		if (!Array.isArray(value) && isDeviceKey(key)) {
			throw new Error(`Export refused: ${at} would carry a device identity`);
		}
		assertNoDeviceKeys(child, at, seen);
	}
}

export function toJson(record: SessionRecord): string {
	assertNoDeviceKeys(record);
	return `${JSON.stringify(record, null, 2)}\n`;
}
