import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CharterService } from './charters';
import { openDatabase, type Db } from './db';
import { hashSecret } from './keys';
import { SessionService } from './sessions';

const DAY = 24 * 60 * 60 * 1000;
const dirs: string[] = [];
const dbs: Db[] = [];

function setup() {
	const dir = mkdtempSync(join(tmpdir(), 'kk-charter-'));
	dirs.push(dir);
	const db = openDatabase(dir);
	dbs.push(db);
	let now = Date.UTC(2026, 9, 1);
	const clock = () => now;
	return {
		db,
		charters: new CharterService(db, { retentionDays: 400, recoveryHours: 24, now: clock }),
		sessions: new SessionService(db, { retentionDays: 30, now: clock }),
		advance: (days: number) => (now += days * DAY)
	};
}

afterEach(() => {
	for (const db of dbs.splice(0)) if (db.open) db.close();
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const VERSION = {
	agreedOn: '2026-10-01',
	reviewOn: '2026-10-29',
	rules: [{ key: 'k1', text: 'Wij vragen eerst', support: 'wide' as const }]
};

describe('CharterService', () => {
	it('stores a charter with its first version; the host key only as a hash', async () => {
		const { charters, db } = setup();
		const { id, hostKey } = charters.create({ className: '3B', schoolYear: '2026-2027', lang: 'nl', version: VERSION });
		const charter = charters.find(id)!;
		expect(charter.versions).toEqual([{ version: 1, savedAt: Date.UTC(2026, 9, 1), ...VERSION }]);
		expect(charters.isHost(id, hostKey)).toBe(true);
		expect(charters.isHost(id, 'x'.repeat(43))).toBe(false);
		expect(charters.isHost(id, undefined)).toBe(false);
		const stored = db.prepare('SELECT key_hash FROM charter_keys').all() as Array<{ key_hash: Buffer }>;
		expect(stored.map((row) => row.key_hash.equals(hashSecret(hostKey)))).toEqual([true]);
		expect(JSON.stringify(db.prepare('SELECT * FROM charters').all())).not.toContain(hostKey);
		expect(charters.findByReadToken(charter.readToken)?.id).toBe(id);
		expect(charters.findByReadToken('a'.repeat(43))).toBeNull();
	});

	it('adds versions in turn; a save based on an older version is refused and changes nothing', async () => {
		const { charters, advance } = setup();
		const { id } = charters.create({ className: '3B', schoolYear: '2026-2027', lang: 'nl', version: VERSION });
		advance(30);
		expect(charters.addVersion(id, 1, { ...VERSION, agreedOn: '2026-10-31', reviewOn: '2026-11-28' })).toBe(2);
		expect(charters.addVersion(id, 1, VERSION)).toBeNull();
		const charter = charters.find(id)!;
		expect(charter.versions.map((v) => v.version)).toEqual([1, 2]);
		expect(charter.updatedAt).toBe(Date.UTC(2026, 9, 31));
	});

	it('a recovery link works once and replaces every older key', async () => {
		const { charters, advance } = setup();
		const { id, hostKey } = charters.create({ className: '3B', schoolYear: '2026-2027', lang: 'nl', version: VERSION });
		const token = charters.newRecovery(id)!;
		const fresh = charters.redeemRecovery(id, token)!;
		expect(charters.isHost(id, fresh)).toBe(true);
		expect(charters.isHost(id, hostKey)).toBe(false);
		expect(charters.redeemRecovery(id, token)).toBeNull();
		const late = charters.newRecovery(id)!;
		advance(2);
		expect(charters.redeemRecovery(id, late)).toBeNull();
		charters.signOut(id, fresh);
		expect(charters.isHost(id, fresh)).toBe(false);
	});

	it('the sweep deletes sessions after their 30 days but keeps charters for theirs', async () => {
		const { charters, sessions, advance } = setup();
		const { code } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const { id } = charters.create({ className: '3B', schoolYear: '2026-2027', lang: 'nl', version: VERSION });
		advance(31);
		expect(await sessions.sweep()).toEqual([code]);
		expect(charters.sweep()).toEqual([]);
		expect(charters.find(id)?.versions).toHaveLength(1);
		// Saving a new version restarts the charter's time; without one it goes after 400 days.
		charters.addVersion(id, 1, VERSION);
		advance(399);
		expect(charters.sweep()).toEqual([]);
		advance(2);
		expect(charters.sweep()).toEqual([id]);
		expect(charters.find(id)).toBeNull();
	});

	it('lists every charter for the overview, and deletes one with all its versions', async () => {
		const { charters, db } = setup();
		const a = charters.create({ className: '3B', schoolYear: '2026-2027', lang: 'nl', version: VERSION });
		charters.create({ className: '2A', schoolYear: '2026-2027', lang: 'en', version: VERSION });
		expect(charters.all().map((c) => c.className)).toEqual(['2A', '3B']);
		expect(charters.delete(a.id)).toBe(true);
		expect(charters.all().map((c) => c.className)).toEqual(['2A']);
		expect((db.prepare('SELECT COUNT(*) AS n FROM charter_versions').get() as { n: number }).n).toBe(1);
	});
});
