import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/pg';
import type { CharterStore } from './charter-store';
import { PgCharterStore } from './charter-store-pg';
import { SqliteCharterStore } from './charter-store-sqlite';
import { CharterService } from './charters';
import { openDatabase, type Db } from './db';
import { GroupCommit } from './group';
import { hashSecret } from './keys';
import { connect, migrate, type Sql } from './pg';
import { SessionService } from './sessions';

const DAY = 24 * 60 * 60 * 1000;

/** One database per test, reached by one or more instances (each `instance()` its own connection). */
interface Backend {
	reset(): Promise<void>;
	instance(): CharterStore;
	query(text: string): Promise<Array<Record<string, unknown>>>;
	close(): Promise<void>;
}

function sqlite(): Backend {
	let dir = '';
	let dbs: Db[] = [];
	const open = () => {
		const db = openDatabase(dir);
		dbs.push(db);
		return db;
	};
	const close = () => {
		for (const db of dbs.splice(0)) if (db.open) db.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	};
	return {
		async reset() {
			close();
			dir = mkdtempSync(join(tmpdir(), 'kk-charter-'));
			dbs = [];
			open();
		},
		instance: () => new SqliteCharterStore(open()),
		query: async (text) => dbs[0]!.prepare(text).all() as Array<Record<string, unknown>>,
		close: async () => close()
	};
}

async function postgresql(): Promise<Backend> {
	// Dutch collation, so the overview's byte order is tested against a database that sorts otherwise.
	const database = await freshDatabase({ icuLocale: 'nl-NL' });
	const main = connect(database.url, 2);
	await migrate(main);
	const others: Sql[] = [];
	const endOthers = () => Promise.all(others.splice(0).map((sql) => sql.end()));
	return {
		async reset() {
			await endOthers();
			await main`TRUNCATE charters, charter_keys, charter_versions`;
		},
		instance() {
			const sql = connect(database.url, 2);
			others.push(sql);
			return new PgCharterStore(sql);
		},
		query: async (text) => [...(await main.unsafe(text))],
		async close() {
			await endOthers();
			await main.end();
			await database.drop();
		}
	};
}

const VERSION = {
	agreedOn: '2026-10-01',
	reviewOn: '2026-10-29',
	rules: [{ key: 'k1', text: 'Wij vragen eerst', support: 'wide' as const }]
};
const NEW = { className: '3B', schoolYear: '2026-2027', lang: 'nl' as const, version: VERSION };

describe.each([
	{ name: 'SQLite', open: async () => sqlite() },
	{ name: 'PostgreSQL', open: postgresql }
])('CharterService on $name', ({ open }) => {
	let backend: Backend;
	let now = 0;
	const clock = () => now;
	const service = (store = backend.instance()) => new CharterService(store, { retentionDays: 400, recoveryHours: 24, now: clock });
	const advance = (days: number) => (now += days * DAY);

	beforeAll(async () => {
		backend = await open();
	});
	beforeEach(async () => {
		now = Date.UTC(2026, 9, 1);
		await backend.reset();
	});
	afterAll(async () => {
		await backend.close();
	});

	it('stores a charter with its first version; the host key only as a hash', async () => {
		const charters = service();
		const { id, hostKey } = await charters.create(NEW);
		const charter = (await charters.find(id))!;
		expect(charter).toMatchObject({ id, className: '3B', schoolYear: '2026-2027', lang: 'nl', createdAt: now, updatedAt: now });
		expect(charter.versions).toEqual([{ version: 1, savedAt: Date.UTC(2026, 9, 1), ...VERSION }]);
		expect(await charters.isHost(id, hostKey)).toBe(true);
		expect(await charters.isHost(id, 'x'.repeat(43))).toBe(false);
		expect(await charters.isHost(id, undefined)).toBe(false);
		expect(await charters.isHost(id, hostKey + 'x'.repeat(30))).toBe(false);
		const stored = (await backend.query('SELECT key_hash FROM charter_keys')) as Array<{ key_hash: Buffer }>;
		expect(stored.map((row) => Buffer.from(row.key_hash).equals(hashSecret(hostKey)))).toEqual([true]);
		expect(JSON.stringify(await backend.query('SELECT * FROM charters'))).not.toContain(hostKey);
		expect((await charters.findByReadToken(charter.readToken))?.id).toBe(id);
		expect(await charters.findByReadToken('a'.repeat(43))).toBeNull();
		expect(await charters.findByReadToken('not a token')).toBeNull();
		expect(await charters.find('not an id')).toBeNull();
		expect(await charters.find('a'.repeat(16))).toBeNull();
	});

	it('keeps only the fields a rule has', async () => {
		const charters = service();
		const rules = [{ key: 'k1', text: 'Wij vragen eerst', support: 'wide' as const, extra: 'x' }];
		const { id } = await charters.create({ ...NEW, version: { ...VERSION, rules } });
		expect((await charters.find(id))?.versions[0]?.rules).toEqual(VERSION.rules);
	});

	it('adds versions in turn; a save based on an older version is refused and changes nothing', async () => {
		const charters = service();
		const { id } = await charters.create(NEW);
		advance(30);
		expect(await charters.addVersion(id, 1, { ...VERSION, agreedOn: '2026-10-31', reviewOn: '2026-11-28' })).toBe(2);
		expect(await charters.addVersion(id, 1, VERSION)).toBeNull();
		expect(await charters.addVersion(id, 5, VERSION)).toBeNull();
		expect(await charters.addVersion('a'.repeat(16), 0, VERSION)).toBeNull();
		const charter = (await charters.find(id))!;
		expect(charter.versions.map((v) => v.version)).toEqual([1, 2]);
		expect(charter.versions[1]).toMatchObject({ savedAt: Date.UTC(2026, 9, 31), agreedOn: '2026-10-31' });
		expect(charter.updatedAt).toBe(Date.UTC(2026, 9, 31));
	});

	it('two instances saving the same check-in at once: one takes the next number, the other is refused as stale', async () => {
		const first = service();
		const second = service();
		const { id } = await first.create(NEW);
		for (let round = 1; round <= 5; round++) {
			advance(1);
			const saved = await Promise.all([first.addVersion(id, round, VERSION), second.addVersion(id, round, VERSION)]);
			expect(saved.filter((version) => version === round + 1)).toHaveLength(1);
			expect(saved.filter((version) => version === null)).toHaveLength(1);
		}
		expect((await second.find(id))?.versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(await backend.query(`SELECT version FROM charter_versions WHERE version = 6`)).toHaveLength(1);
	});

	it('a recovery link works once and replaces every older key', async () => {
		const charters = service();
		const { id, hostKey } = await charters.create(NEW);
		const token = (await charters.newRecovery(id))!;
		const fresh = (await charters.redeemRecovery(id, token))!;
		expect(await charters.isHost(id, fresh)).toBe(true);
		expect(await charters.isHost(id, hostKey)).toBe(false);
		expect(await charters.redeemRecovery(id, token)).toBeNull();
		const late = (await charters.newRecovery(id))!;
		advance(2);
		expect(await charters.redeemRecovery(id, late)).toBeNull();
		expect(await charters.isHost(id, fresh)).toBe(true);
		await charters.signOut(id, fresh);
		expect(await charters.isHost(id, fresh)).toBe(false);
		expect(await charters.newRecovery('a'.repeat(16))).toBeNull();
		await charters.signOut('a'.repeat(16), fresh);
	});

	it('a newer recovery link replaces the older one', async () => {
		const charters = service();
		const { id } = await charters.create(NEW);
		const older = (await charters.newRecovery(id))!;
		const newer = (await charters.newRecovery(id))!;
		expect(await charters.redeemRecovery(id, older)).toBeNull();
		expect(await charters.redeemRecovery(id, newer)).toEqual(expect.any(String));
	});

	it('two instances spending one recovery link at once: exactly one gets a key, and only that key opens', async () => {
		const first = service();
		const second = service();
		const { id, hostKey } = await first.create(NEW);
		const token = (await first.newRecovery(id))!;
		const keys = await Promise.all([first.redeemRecovery(id, token), second.redeemRecovery(id, token)]);
		const won = keys.filter((key) => key !== null);
		expect(won).toHaveLength(1);
		expect(await second.isHost(id, won[0])).toBe(true);
		expect(await second.isHost(id, hostKey)).toBe(false);
		expect(await backend.query('SELECT key_hash FROM charter_keys')).toHaveLength(1);
	});

	it('a charter not saved again is deleted after its retention; saving restarts the time', async () => {
		const charters = service();
		const { id } = await charters.create(NEW);
		advance(31);
		expect(await charters.sweep()).toEqual([]);
		await charters.addVersion(id, 1, VERSION);
		advance(399);
		expect(await charters.sweep()).toEqual([]);
		advance(2);
		expect(await charters.sweep()).toEqual([id]);
		expect(await charters.find(id)).toBeNull();
		expect(await backend.query('SELECT charter_id FROM charter_versions')).toEqual([]);
		expect(await backend.query('SELECT charter_id FROM charter_keys')).toEqual([]);
	});

	it('the sweep answers every expired charter, the longest unsaved first, and keeps the rest', async () => {
		const charters = service();
		const older = await charters.create(NEW);
		advance(10);
		const newer = await charters.create({ ...NEW, className: '2A' });
		advance(100);
		const kept = await charters.create({ ...NEW, className: '4C' });
		advance(395);
		expect(await charters.sweep()).toEqual([older.id, newer.id]);
		expect((await charters.all()).map((charter) => charter.id)).toEqual([kept.id]);
	});

	it('lists every charter for the overview, and deletes one with all its versions', async () => {
		const charters = service();
		const a = await charters.create(NEW);
		await charters.addVersion(a.id, 1, VERSION);
		await charters.create({ ...NEW, className: '2A', lang: 'en' });
		const all = await charters.all();
		expect(all.map((c) => c.className)).toEqual(['2A', '3B']);
		expect(all.map((c) => c.versions.length)).toEqual([1, 2]);
		expect(await charters.delete(a.id)).toBe(true);
		expect(await charters.delete(a.id)).toBe(false);
		expect((await charters.all()).map((c) => c.className)).toEqual(['2A']);
		expect(await backend.query('SELECT charter_id FROM charter_versions')).toHaveLength(1);
	});

	it('orders the overview by school year (newest first), then class name in byte order, whatever the locale', async () => {
		const charters = service();
		for (const [className, schoolYear] of [
			['a', '2026-2027'],
			['Ab', '2026-2027'],
			['3b', '2026-2027'],
			['3B', '2026-2027'],
			['Émile', '2026-2027'],
			['z', '2025-2026']
		] as const) {
			await charters.create({ ...NEW, className, schoolYear });
		}
		expect((await charters.all()).map((c) => c.className)).toEqual(['3B', '3b', 'Ab', 'a', 'Émile', 'z']);
	});

	it('does not store a charter whose id or read token is taken', async () => {
		const store = backend.instance();
		const charter = {
			slug: 'a'.repeat(16),
			read_token: 'b'.repeat(43),
			class_name: '3B',
			school_year: '2026-2027',
			lang: 'nl',
			created_at: 1
		} as const;
		const first = { version: 1, saved_at: 1, agreed_on: '2026-10-01', review_on: '2026-10-29', rules: '[]' };
		expect(await store.insert(charter, hashSecret('one'), first)).toBe(true);
		expect(await store.insert({ ...charter, read_token: 'c'.repeat(43) }, hashSecret('two'), first)).toBe(false);
		expect(await store.insert({ ...charter, slug: 'd'.repeat(16) }, hashSecret('three'), first)).toBe(false);
		expect(await backend.query('SELECT slug FROM charters')).toEqual([{ slug: 'a'.repeat(16) }]);
		expect(await backend.query('SELECT charter_id FROM charter_keys')).toHaveLength(1);
		expect(await backend.query('SELECT charter_id FROM charter_versions')).toHaveLength(1);
	});
});

describe('CharterService beside the sessions on SQLite', () => {
	const dirs: string[] = [];
	const dbs: Db[] = [];
	afterEach(() => {
		for (const db of dbs.splice(0)) if (db.open) db.close();
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});
	function open(dir = mkdtempSync(join(tmpdir(), 'kk-charter-'))) {
		if (!dirs.includes(dir)) dirs.push(dir);
		const db = openDatabase(dir);
		dbs.push(db);
		return { dir, db };
	}

	it('a charter write first commits the sessions’ open group, and is itself committed when it returns', async () => {
		const { dir, db } = open();
		const group = new GroupCommit(db);
		const charters = new CharterService(new SqliteCharterStore(db, group), { retentionDays: 400, recoveryHours: 24 });
		const other = open(dir).db;
		group.begin();
		db.prepare('INSERT INTO sessions (code, created_at) VALUES (?, ?)').run('ACDEFH', 1);
		expect(other.prepare('SELECT code FROM sessions').all()).toEqual([]);
		const { id } = await charters.create(NEW);
		expect(group.open).toBe(false);
		expect(other.prepare('SELECT code FROM sessions').all()).toEqual([{ code: 'ACDEFH' }]);
		expect(other.prepare('SELECT slug FROM charters').all()).toEqual([{ slug: id }]);
	});

	it('the sweep deletes sessions after their 30 days but keeps charters for theirs', async () => {
		const { db } = open();
		let now = Date.UTC(2026, 9, 1);
		const clock = () => now;
		const charters = new CharterService(new SqliteCharterStore(db), { retentionDays: 400, recoveryHours: 24, now: clock });
		const sessions = new SessionService(db, { retentionDays: 30, now: clock });
		const { code } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const { id } = await charters.create(NEW);
		now += 31 * DAY;
		expect(await sessions.sweep()).toEqual([code]);
		expect(await charters.sweep()).toEqual([]);
		expect((await charters.find(id))?.versions).toHaveLength(1);
	});
});
