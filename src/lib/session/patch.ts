/**
 * Live updates send what changed in a view, not the whole view. A patch sets or deletes top-level keys
 * and entries of top-level records ("proposals.p3"); ids never contain a dot. Shared by the server,
 * which diffs, and the browser, which applies.
 */
export interface Patch {
	set?: Record<string, unknown>;
	del?: string[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function diff<T extends object>(beforeView: T, afterView: T): Patch | null {
	const before = beforeView as Json;
	const after = afterView as Json;
	const set: Record<string, unknown> = {};
	const del: string[] = [];
	for (const key of Object.keys(after)) {
		const a = before[key];
		const b = after[key];
		if (isRecord(a) && isRecord(b)) {
			for (const id of Object.keys(b)) {
				if (JSON.stringify(a[id]) !== JSON.stringify(b[id])) set[`${key}.${id}`] = b[id];
			}
			for (const id of Object.keys(a)) if (!(id in b)) del.push(`${key}.${id}`);
		} else if (JSON.stringify(a) !== JSON.stringify(b)) {
			set[key] = b;
		}
	}
	for (const key of Object.keys(before)) if (!(key in after)) del.push(key);
	if (del.length === 0 && Object.keys(set).length === 0) return null;
	return { ...(Object.keys(set).length ? { set } : {}), ...(del.length ? { del } : {}) };
}

/** Applies a patch to a view in place (Svelte's state proxies track the change) and returns it. */
export function applyPatch<T extends object>(view: T, patch: Patch): T {
	const target = view as Json;
	for (const path of patch.del ?? []) {
		const [key, id] = path.split('.') as [string, string | undefined];
		if (id === undefined) delete target[key];
		else if (isRecord(target[key])) delete (target[key] as Json)[id];
	}
	for (const [path, value] of Object.entries(patch.set ?? {})) {
		const [key, id] = path.split('.') as [string, string | undefined];
		if (id === undefined) target[key] = value;
		else {
			if (!isRecord(target[key])) target[key] = {};
			(target[key] as Json)[id] = value;
		}
	}
	return view;
}
