import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './db';
import type { Stream } from './live';
import { SessionService } from './sessions';

const dirs: string[] = [];
const dbs: Array<{ open: boolean; close(): unknown }> = [];

function setup() {
	const dir = mkdtempSync(join(tmpdir(), 'kk-group-'));
	dirs.push(dir);
	const db: Db = openDatabase(dir);
	dbs.push(db);
	const sessions = new SessionService(db, { retentionDays: 30, groupCommit: true });
	const { code } = sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
	const live = sessions.get(code)!;
	sessions.execute(live, { role: 'host' }, { type: 'premoderation', on: false });
	return { dir, db, sessions, live };
}

/** Another connection to the same file: it sees only what is committed. */
function reader(dir: string) {
	// The driver build for this Node, as openDatabase loads it (scripts/node24.sh sets another).
	const binding = process.env.BETTER_SQLITE3_BINDING;
	const other = new Database(join(dir, 'klasakkoord.db'), { readonly: true, ...(binding ? { nativeBinding: binding } : {}) });
	dbs.push(other);
	return (sessionId: number) => (other.prepare('SELECT count(*) AS n FROM events WHERE session_id = ?').get(sessionId) as { n: number }).n;
}

function recorder(role: Stream['role'], device: number | null = null) {
	const chunks: string[] = [];
	const decoder = new TextDecoder();
	const stream: Stream = { role, device, write: (chunk) => (chunks.push(decoder.decode(chunk)), true), close: () => {} };
	return { stream, chunks };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 30));

afterEach(() => {
	for (const db of dbs.splice(0)) if (db.open) db.close();
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('group commit', () => {
	it('commits the writes of one turn in one transaction, and none of them before the turn ends', async () => {
		const { dir, sessions, live } = setup();
		await sessions.committed();
		const count = reader(dir);
		const before = count(live.id);
		const groups = sessions.store.group!.stats.groups;
		const devices = [1, 2, 3].map(() => sessions.join(live, undefined));
		for (const joined of devices) {
			if (!joined.ok) throw new Error('join refused');
			sessions.execute(live, { role: 'device', device: joined.device }, { type: 'propose', text: `Eerst vragen ${joined.device}` });
		}
		expect(sessions.store.group!.open).toBe(true);
		expect(count(live.id)).toBe(before);
		await sessions.committed();
		expect(count(live.id)).toBe(before + 6);
		expect(sessions.store.group!.stats.groups).toBe(groups + 1);
		// The next turn's writes are a group of their own.
		expect(sessions.execute(live, { role: 'host' }, { type: 'phase', phase: 'vote' })).toMatchObject({ ok: true });
		await sessions.committed();
		expect(sessions.store.group!.stats.groups).toBe(groups + 2);
	});

	it('sends nothing on an event stream before its writes commit', async () => {
		const { sessions, live } = setup();
		await sessions.committed();
		const host = recorder('host');
		live.connect(host.stream);
		const joined = sessions.join(live, undefined);
		if (!joined.ok) throw new Error('join refused');
		sessions.execute(live, { role: 'device', device: joined.device }, { type: 'propose', text: 'Vraag eerst of het mag' });
		live.flush();
		expect(host.chunks.join('')).not.toContain('Vraag eerst of het mag');
		await sessions.committed();
		await settle();
		expect(host.chunks.join('')).toContain('Vraag eerst of het mag');
	});

	it('gives a stream that opens mid-group a snapshot of committed writes only, after the commit', async () => {
		const { sessions, live } = setup();
		await sessions.committed();
		const joined = sessions.join(live, undefined);
		if (!joined.ok) throw new Error('join refused');
		const late = recorder('host');
		live.connect(late.stream);
		expect(late.chunks).toEqual([]);
		await turn();
		expect(late.chunks.join('')).toContain('event: snapshot');
		expect(live.streams.has(late.stream)).toBe(true);
	});

	it('keeps the other writes of a group when one write fails, and rejects the whole group when its commit fails', async () => {
		const { db, dir, sessions, live } = setup();
		await sessions.committed();
		const count = reader(dir);
		const before = count(live.id);
		// A write whose sequence number is taken fails alone (its savepoint rolls back).
		sessions.execute(live, { role: 'host' }, { type: 'phase', phase: 'vote' });
		expect(() => sessions.store.append(live.id, 1, [{ type: 'phase.set', phase: 'review' }], Date.now())).toThrow();
		await sessions.committed();
		expect(count(live.id)).toBe(before + 1);

		// A commit that fails (a foreign key checked at COMMIT): every writer of the group is told, and
		// the session is folded again from the log on its next use.
		const host = recorder('host');
		live.connect(host.stream);
		sessions.execute(live, { role: 'host' }, { type: 'phase', phase: 'review' });
		db.pragma('defer_foreign_keys = ON');
		sessions.store.append(999_999, 0, [{ type: 'phase.set', phase: 'review' }], Date.now());
		await expect(sessions.committed()).rejects.toThrow(/FOREIGN KEY/);
		expect(count(live.id)).toBe(before + 1);
		expect(live.streams.size).toBe(0);
		const again = sessions.get(live.code)!;
		expect(again).not.toBe(live);
		expect(again.state.phase).toBe('vote');
	});
});
