import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './db';
import type { Stream } from './live';
import { SessionService } from './sessions';
import type { Write } from './store';

const dirs: string[] = [];
const dbs: Array<{ open: boolean; close(): unknown }> = [];

async function setup() {
	const dir = mkdtempSync(join(tmpdir(), 'kk-group-'));
	dirs.push(dir);
	const db: Db = openDatabase(dir);
	dbs.push(db);
	const sessions = new SessionService(db, { retentionDays: 30, groupCommit: true });
	const { code } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
	const live = (await sessions.get(code))!;
	await sessions.execute(live, { role: 'host' }, { type: 'premoderation', on: false });
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

/** A write of one event after `seq`, planned by hand: to break the rules on purpose. */
function raw(sessionId: number, seq: number): Write {
	return {
		sessionId,
		at: Date.now(),
		seq: () => seq,
		catchUp: () => {},
		plan: () => ({ ok: true, events: [{ type: 'phase.set', phase: 'review' }] }),
		applied: () => {}
	};
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 30));

afterEach(() => {
	for (const db of dbs.splice(0)) if (db.open) db.close();
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('group commit', () => {
	it('commits the writes of one turn in one transaction, and none of them before the turn ends', async () => {
		const { dir, sessions, live } = await setup();
		await sessions.committed();
		const count = reader(dir);
		const before = count(live.id);
		const groups = sessions.group!.stats.groups;
		// Three joins and three proposals in one turn: each plans on the state the one before left.
		const first = live.state.nextDevice;
		const writes: Promise<{ ok: boolean }>[] = [1, 2, 3].map(() => sessions.join(live, undefined));
		for (const device of [first, first + 1, first + 2]) {
			writes.push(sessions.execute(live, { role: 'device', device }, { type: 'propose', text: `Eerst vragen ${device}` }));
		}
		expect(sessions.group!.open).toBe(true);
		expect(count(live.id)).toBe(before);
		expect((await Promise.all(writes)).every((written) => written.ok)).toBe(true);
		expect(count(live.id)).toBe(before + 6);
		expect(sessions.group!.stats.groups).toBe(groups + 1);
		// The next turn's writes are a group of their own.
		expect(await sessions.execute(live, { role: 'host' }, { type: 'phase', phase: 'vote' })).toMatchObject({ ok: true });
		await sessions.committed();
		expect(sessions.group!.stats.groups).toBe(groups + 2);
	});

	it('sends nothing on an event stream before its writes commit', async () => {
		const { sessions, live } = await setup();
		await sessions.committed();
		const host = recorder('host');
		live.connect(host.stream);
		const device = live.state.nextDevice;
		const joined = sessions.join(live, undefined);
		const proposed = sessions.execute(live, { role: 'device', device }, { type: 'propose', text: 'Vraag eerst of het mag' });
		live.flush();
		expect(host.chunks.join('')).not.toContain('Vraag eerst of het mag');
		expect(await joined).toMatchObject({ ok: true, device });
		expect(await proposed).toMatchObject({ ok: true });
		await settle();
		expect(host.chunks.join('')).toContain('Vraag eerst of het mag');
	});

	it('gives a stream that opens mid-group a snapshot of committed writes only, after the commit', async () => {
		const { sessions, live } = await setup();
		await sessions.committed();
		const joined = sessions.join(live, undefined);
		const late = recorder('host');
		live.connect(late.stream);
		expect(late.chunks).toEqual([]);
		expect(await joined).toMatchObject({ ok: true });
		await turn();
		expect(late.chunks.join('')).toContain('event: snapshot');
		expect(live.streams.has(late.stream)).toBe(true);
	});

	it('keeps the other writes of a group when one write fails, and rejects the whole group when its commit fails', async () => {
		const { db, dir, sessions, live } = await setup();
		await sessions.committed();
		const count = reader(dir);
		const before = count(live.id);
		// A write whose sequence number is taken fails alone (its savepoint rolls back).
		const vote = sessions.execute(live, { role: 'host' }, { type: 'phase', phase: 'vote' });
		await expect(sessions.store.write(raw(live.id, 1))).rejects.toThrow(/UNIQUE|PRIMARY/);
		expect(await vote).toMatchObject({ ok: true });
		expect(count(live.id)).toBe(before + 1);

		// A commit that fails (a foreign key checked at COMMIT): every writer of the group is told, and
		// the session is folded again from the log on its next use.
		const host = recorder('host');
		live.connect(host.stream);
		const review = sessions.execute(live, { role: 'host' }, { type: 'phase', phase: 'review' });
		db.pragma('defer_foreign_keys = ON');
		const orphan = sessions.store.write(raw(999_999, 0));
		await expect(review).rejects.toThrow(/FOREIGN KEY/);
		await expect(orphan).rejects.toThrow(/FOREIGN KEY/);
		expect(count(live.id)).toBe(before + 1);
		expect(live.streams.size).toBe(0);
		const again = (await sessions.get(live.code))!;
		expect(again).not.toBe(live);
		expect(again.state.phase).toBe('vote');
	});
});
