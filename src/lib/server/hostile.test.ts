import { readFileSync, readdirSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fold } from '../session/state';
import { openDatabase, type Db } from './db';
import { hashSecret } from './keys';
import { PUBLISH_MS, type Stream } from './live';
import { RateLimiter } from './ratelimit';
import { BODY_LIMITS, MAX_FIELDS, readForm, readJson } from './respond';
import { SessionService } from './sessions';

const HOUR = 60 * 60 * 1000;
const dirs: string[] = [];
const dbs: Db[] = [];

function service(options: { now?: () => number; joinCap?: number } = {}) {
	const dir = mkdtempSync(join(tmpdir(), 'kk-hostile-'));
	dirs.push(dir);
	const db = openDatabase(join(dir, 'data'));
	dbs.push(db);
	return { dir: join(dir, 'data'), db, sessions: new SessionService(db, { retentionDays: 30, ...options }) };
}

afterEach(() => {
	for (const db of dbs.splice(0)) if (db.open) db.close();
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function onDisk(dir: string, marker: string): string[] {
	return readdirSync(dir).filter((file) => readFileSync(join(dir, file)).includes(Buffer.from(marker)));
}

function recorder(role: Stream['role'], device: number | null = null) {
	const chunks: string[] = [];
	const decoder = new TextDecoder();
	const stream: Stream = { role, device, write: (chunk) => (chunks.push(decoder.decode(chunk)), true), close: () => {} };
	return { stream, chunks };
}

describe('the database on disk', () => {
	it('keeps the data directory 0700 and its files 0600, with secure delete and incremental vacuum on', async () => {
		const { dir, db, sessions } = service();
		await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
		expect(db.pragma('secure_delete', { simple: true })).toBe(1);
		expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
	});

	it('leaves no trace of a deleted session in any database file', async () => {
		const { dir, sessions } = service();
		const { code } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		const { device } = (await sessions.join(live, undefined)) as { device: number };
		await sessions.execute(live, { role: 'device', device }, { type: 'propose', text: 'Bel MARKER-0612345678 maar' });
		expect(onDisk(dir, 'MARKER-0612345678').length).toBeGreaterThan(0);
		await sessions.delete(live);
		expect(onDisk(dir, 'MARKER-0612345678')).toEqual([]);
	});

	it('leaves no trace of a removed device’s proposal, and replays the purged log to the same state', async () => {
		const { dir, sessions } = service();
		const { code } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		const bot = (await sessions.join(live, undefined)) as { device: number; token: string };
		const student = (await sessions.join(live, undefined)) as { device: number };
		await sessions.execute(live, { role: 'device', device: bot.device }, { type: 'propose', text: 'BOTMARKER spam' });
		await sessions.execute(live, { role: 'device', device: student.device }, { type: 'propose', text: 'Eerst vragen' });
		await sessions.execute(live, { role: 'host' }, { type: 'edit', id: 'p1', text: 'BOTMARKER bewerkt' });
		const label = live.state.devices.get(bot.device)!.label;
		expect((await sessions.execute(live, { role: 'host' }, { type: 'removeDevice', device: label })).ok).toBe(true);
		expect(onDisk(dir, 'BOTMARKER')).toEqual([]);
		expect(await sessions.deviceFor(live, bot.token)).toBeNull();
		expect(fold(await sessions.store.loadEvents(live.id))).toEqual(live.state);
		expect([...live.state.proposals.keys()]).toEqual(['p2']);
	});

	it('does not hand out the code of a deleted session again within its retention', async () => {
		const { db, sessions } = service();
		const { code } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		await sessions.delete((await sessions.get(code))!);
		expect(await sessions.get(code)).toBeNull();
		expect(
			await sessions.store.createSession(code, hashSecret('k'), Date.now(), {
				type: 'session.created',
				code,
				lang: 'nl',
				moduleId: null,
				title: '',
				round: 'agreements',
				theme: ''
			})
		).toBeNull();
		// Only a hash of the code is kept.
		const rows = db.prepare('SELECT code_hash FROM used_codes').all() as Array<{ code_hash: Buffer }>;
		expect(rows.map((row) => row.code_hash.equals(hashSecret(code)))).toEqual([true]);
	});
});

describe('joining over time', () => {
	it('stops taking new devices JOIN_HOURS after the start; a device that joined keeps its place', async () => {
		let now = Date.now();
		const { sessions } = service({ now: () => now });
		const created = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(created.code))!;
		const first = (await sessions.join(live, undefined)) as { token: string; device: number };
		now += 12 * HOUR + 1;
		expect(await sessions.join(live, undefined)).toEqual({ ok: false, error: 'joining_locked' });
		expect(await sessions.join(live, first.token)).toMatchObject({ ok: true, device: first.device });
	});

	it('gives devices random labels, not their order', async () => {
		const { sessions } = service();
		const live = (await sessions.get((await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' })).code))!;
		for (let i = 0; i < 40; i++) await sessions.join(live, undefined);
		const labels = [...live.state.devices.values()].map((entry) => entry.label);
		expect(new Set(labels).size).toBe(40);
		expect(labels.every((label) => /^[A-Z0-9]{3,4}$/.test(label))).toBe(true);
		expect(labels).not.toEqual([...labels].sort());
	});
});

describe('host keys', () => {
	it('signs a key out; the other keys keep working', async () => {
		const { sessions } = service();
		const { code, hostKey } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		expect(await sessions.isHost(live, hostKey)).toBe(true);
		await sessions.signOut(live, hostKey);
		expect(await sessions.isHost(live, hostKey)).toBe(false);
	});

	it('recovery links expire after RECOVERY_HOURS, and recovering revokes the older keys', async () => {
		let now = Date.now();
		const { sessions } = service({ now: () => now });
		const { code, hostKey } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		const late = await sessions.newRecovery(live);
		now += 24 * HOUR + 1;
		expect(await sessions.redeemRecovery(code, late)).toBeNull();
		const fresh = await sessions.newRecovery(live);
		now += HOUR;
		const newKey = (await sessions.redeemRecovery(code, fresh))!;
		expect(newKey).toBeTruthy();
		expect(await sessions.isHost(live, newKey)).toBe(true);
		expect(await sessions.isHost(live, hostKey)).toBe(false);
		expect(await sessions.redeemRecovery(code, fresh)).toBeNull();
	});
});

describe('batched tallies', () => {
	it('sends phones and the projector tallies only after 3 votes changed and 2 s passed, or when voting ends; the console stays live', async () => {
		const { sessions } = service();
		const live = (await sessions.get((await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' })).code))!;
		const devices: number[] = [];
		for (let i = 0; i < 5; i++) devices.push(((await sessions.join(live, undefined)) as { device: number }).device);
		await sessions.execute(live, { role: 'host' }, { type: 'premoderation', on: false });
		await sessions.execute(live, { role: 'device', device: devices[0]! }, { type: 'propose', text: 'Eerst vragen' });
		await sessions.execute(live, { role: 'host' }, { type: 'phase', phase: 'vote' });
		await sessions.execute(live, { role: 'host' }, { type: 'reveal', on: true });
		const phone = recorder('student', devices[0]!);
		const projector = recorder('projector');
		const console_ = recorder('host');
		for (const r of [phone, projector, console_]) live.connect(r.stream);
		const agree = () => JSON.stringify(live.projectorView().proposals.p1?.tally);

		await sessions.execute(live, { role: 'device', device: devices[1]! }, { type: 'vote', proposal: 'p1', choice: 'agree' });
		live.flush();
		expect(agree()).toBe(JSON.stringify({ agree: 0, disagree: 0, pass: 0 }));
		expect(live.studentView().proposals.p1?.tally?.agree).toBe(0);
		expect(console_.chunks.join('')).toContain('"agree":1');
		expect(phone.chunks.join('') + projector.chunks.join('')).not.toContain('"agree":1');

		await sessions.execute(live, { role: 'device', device: devices[2]! }, { type: 'vote', proposal: 'p1', choice: 'agree' });
		await sessions.execute(live, { role: 'device', device: devices[3]! }, { type: 'vote', proposal: 'p1', choice: 'disagree' });
		live.flush();
		// Three changes, but within 2 s of the last batch (the reveal): still the old figures.
		expect(agree()).toBe(JSON.stringify({ agree: 0, disagree: 0, pass: 0 }));
		await new Promise((resolve) => setTimeout(resolve, PUBLISH_MS + 100));
		expect(agree()).toBe(JSON.stringify({ agree: 2, disagree: 1, pass: 0 }));
		expect(projector.chunks.join('')).toContain('"agree":2');

		// One more vote waits for two others, or for the end of voting.
		await sessions.execute(live, { role: 'device', device: devices[4]! }, { type: 'vote', proposal: 'p1', choice: 'agree' });
		live.flush();
		expect(agree()).toBe(JSON.stringify({ agree: 2, disagree: 1, pass: 0 }));
		await sessions.execute(live, { role: 'host' }, { type: 'phase', phase: 'review' });
		live.flush();
		expect(agree()).toBe(JSON.stringify({ agree: 3, disagree: 1, pass: 0 }));
		expect(phone.chunks.join('')).toContain('"agree":3');
		live.closeAll();
	});
});

describe('bounded request reading', () => {
	const form = (body: string, type = 'application/x-www-form-urlencoded') =>
		new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body });

	it('refuses 65,388 empty keys in 512 KB at once, by size, and parses a real form', async () => {
		const flood = Array.from({ length: 65_388 }, (_, i) => `k${i % 10}`).join('&');
		const started = performance.now();
		expect(await readForm(form(flood), { limit: BODY_LIMITS.command })).toEqual({ ok: false, code: 'payload_too_large' });
		expect(performance.now() - started).toBeLessThan(1000);
		expect(await readForm(form('text=Eerst+vragen'))).toEqual({ ok: true, value: { text: 'Eerst vragen' } });
	});

	it(`refuses more than ${MAX_FIELDS} fields, even in a small body`, async () => {
		const many = Array.from({ length: MAX_FIELDS + 1 }, () => 'a').join('&');
		expect(await readForm(form(many), { limit: BODY_LIMITS.command })).toEqual({ ok: false, code: 'payload_too_large' });
	});

	it('keeps the first of repeated fields and collects the listed ones, in one pass', async () => {
		expect(await readForm(form('type=adopt&text=x&from=p1&from=p2&text=y'), { arrays: ['from'] })).toEqual({
			ok: true,
			value: { type: 'adopt', text: 'x', from: ['p1', 'p2'] }
		});
		expect(await readForm(form('__proto__=x&constructor=y'))).toEqual({ ok: true, value: { ['__proto__']: 'x', constructor: 'y' } });
	});

	it('reads multipart forms (enhanced forms) and refuses broken ones as empty', async () => {
		const data = new FormData();
		data.set('text', 'Eerst vragen');
		const request = new Request('http://x/', { method: 'POST', body: data });
		expect(await readForm(request)).toEqual({ ok: true, value: { text: 'Eerst vragen' } });
		expect(await readForm(form('--x\r\nnonsense', 'multipart/form-data; boundary=x'))).toEqual({ ok: true, value: {} });
	});

	it('reads JSON only as application/json and within its limit', async () => {
		const json = (body: string, type?: string) =>
			new Request('http://x/', { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
		expect(await readJson(json('{"text":"x"}', 'application/json'))).toEqual({ ok: true, value: { text: 'x' } });
		expect(await readJson(json('{"text":"x"}', 'text/plain'))).toEqual({ ok: false, code: 'unsupported_type' });
		expect(await readJson(json('{"text":"x"}'))).toEqual({ ok: false, code: 'unsupported_type' });
		expect(await readJson(json(JSON.stringify({ text: 'x'.repeat(5000) }), 'application/json'))).toEqual({
			ok: false,
			code: 'payload_too_large'
		});
		expect(await readJson(json('{', 'application/json'))).toEqual({ ok: true, value: undefined });
	});
});

describe('RateLimiter', () => {
	it('tells whether a key has tokens or used any, without taking one', async () => {
		let now = 0;
		const limiter = new RateLimiter(2, 1, () => now);
		expect(limiter.has('a')).toBe(true);
		expect(limiter.used('a')).toBe(false);
		limiter.take('a');
		expect(limiter.used('a')).toBe(true);
		limiter.take('a');
		expect(limiter.has('a')).toBe(false);
		now += 1000;
		expect(limiter.has('a')).toBe(true);
	});
});
