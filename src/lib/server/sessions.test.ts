import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPatch, type Patch } from '$lib/session/patch';
import { hostView, personalView, projectorView, studentView } from '$lib/session/views';
import type { Command } from '$lib/session/commands';
import { openDatabase, type Db } from './db';
import { CODE_ALPHABET, normalizeCode } from './keys';
import type { Stream } from './live';
import { RateLimiter } from './ratelimit';
import { SessionService } from './sessions';

const DAY = 24 * 60 * 60 * 1000;
const dirs: string[] = [];
const dbs: Db[] = [];

function service(dir = mkdtempSync(join(tmpdir(), 'kk-unit-')), now = () => Date.now()) {
	dirs.push(dir);
	const db = openDatabase(dir);
	dbs.push(db);
	return { dir, db, sessions: new SessionService(db, { retentionDays: 30, now }) };
}

afterEach(() => {
	for (const db of dbs.splice(0)) if (db.open) db.close();
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function recorder(role: Stream['role'], device: number | null = null) {
	const chunks: string[] = [];
	const decoder = new TextDecoder();
	const stream: Stream = { role, device, write: (chunk) => (chunks.push(decoder.decode(chunk)), true), close: () => {} };
	return { stream, chunks };
}

describe('SessionService', () => {
	it('creates sessions with unambiguous codes and a host key stored only as a hash', async () => {
		const { sessions, db } = service();
		const { code, hostKey } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
		expect(hostKey.length).toBeGreaterThanOrEqual(43);
		const live = (await sessions.get(code))!;
		expect(await sessions.isHost(live, hostKey)).toBe(true);
		expect(await sessions.isHost(live, hostKey + 'x')).toBe(false);
		expect(await sessions.isHost(live, undefined)).toBe(false);
		const dump = JSON.stringify(db.prepare('SELECT * FROM host_keys').all()) + JSON.stringify(db.prepare('SELECT * FROM events').all());
		expect(dump).not.toContain(hostKey);
	});

	it('keeps everything acknowledged when the process starts again from the same file', async () => {
		const first = service();
		const { code } = await first.sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await first.sessions.get(code))!;
		const joined = await first.sessions.join(live, undefined);
		if (!joined.ok) throw new Error('join failed');
		await first.sessions.execute(live, { role: 'device', device: joined.device }, { type: 'propose', text: 'Wij vragen toestemming' });
		await first.sessions.execute(live, { role: 'host' }, { type: 'approve', id: 'p1' });
		await first.sessions.execute(live, { role: 'host' }, { type: 'phase', phase: 'vote' });
		await first.sessions.execute(live, { role: 'device', device: joined.device }, { type: 'vote', proposal: 'p1', choice: 'agree' });
		first.db.close();

		const second = service(first.dir);
		const again = (await second.sessions.get(code))!;
		expect(again.state.proposals.get('p1')).toMatchObject({ status: 'approved', text: 'Wij vragen toestemming' });
		expect(again.state.votes.get('p1')?.get(1)).toBe('agree');
		expect(await second.sessions.deviceFor(again, joined.token)).toBe(1);
		expect(again.state.seq).toBe(live.state.seq);
	});

	it('sends a snapshot on connect and one patch per role for a burst of changes', async () => {
		const { sessions } = service();
		const { code } = await sessions.create({ lang: 'en', moduleId: null, title: 'Class', theme: '' });
		const live = (await sessions.get(code))!;
		await sessions.execute(live, { role: 'host' }, { type: 'premoderation', on: false });
		const devices = await Promise.all([1, 2, 3].map(() => sessions.join(live, undefined)));
		const host = recorder('host');
		const student = recorder('student', 1);
		live.connect(host.stream);
		live.connect(student.stream);
		expect(host.chunks[0]).toMatch(/^id: \d+\nevent: snapshot\n/);
		// A burst: every write of the same turn of the event loop.
		await Promise.all(
			devices.map((_, index) =>
				sessions.execute(live, { role: 'device', device: index + 1 }, { type: 'propose', text: `Voorstel ${index}` })
			)
		);
		await new Promise((resolve) => setTimeout(resolve, 60));
		const hostPatches = host.chunks.filter((chunk) => chunk.includes('event: patch'));
		expect(hostPatches).toHaveLength(1);
		expect(hostPatches[0]).toContain('Voorstel 2');
		const studentPatches = student.chunks.filter((chunk) => chunk.includes('event: patch'));
		expect(studentPatches).toHaveLength(1);
		expect(student.chunks.some((chunk) => chunk.includes('event: me'))).toBe(true);
	});

	it('builds the same views from patches as from the state, through any sequence of commands', async () => {
		const { sessions } = service();
		const { code } = await sessions.create({
			lang: 'nl',
			moduleId: null,
			title: 'Klas',
			theme: '',
			steps: [
				{ id: 'step-1', title: 'Een', minutes: 5, activities: [] },
				{
					id: 'step-2',
					title: 'Twee',
					minutes: 5,
					activities: [{ id: 'step-2-a1', kind: 'statement', label: '', text: 'S', options: [] }]
				},
				{ id: 'step-3', title: 'Drie', minutes: 5, activities: [{ id: 'step-3-a1', kind: 'question', label: '', text: 'Q', options: [] }] },
				{
					id: 'step-4',
					title: 'Vier',
					minutes: 5,
					activities: [
						{ id: 'step-4-a1', kind: 'proposals', label: 'T', text: 'P', options: [] },
						{ id: 'step-4-a2', kind: 'vote', label: '', text: 'V', options: [] }
					]
				}
			]
		});
		const live = (await sessions.get(code))!;
		const rooms = { host: recorder('host'), projector: recorder('projector'), student: recorder('student', 2) };
		for (let i = 0; i < 4; i++) await sessions.join(live, undefined);
		for (const room of Object.values(rooms)) live.connect(room.stream);
		let seed = 7;
		const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
		const texts = ['Wij vragen toestemming', 'Niet filmen zonder toestemming', 'We steunen elkaar', 'Geen foto’s in de kleedkamer'];
		const id = () => `p${1 + random(Math.max(1, live.state.nextProposal - 1))}`;
		const propose = (): [Parameters<typeof sessions.execute>[1], Command] => [
			{ role: 'device', device: 1 + random(4) },
			{ type: 'propose', text: `${texts[random(4)]} ${random(3)}` }
		];
		const commands: Array<() => [Parameters<typeof sessions.execute>[1], Command]> = [
			propose,
			propose,
			propose,
			() => [
				{ role: 'device', device: 1 + random(4) },
				{ type: 'vote', proposal: id(), choice: (['agree', 'disagree', 'pass'] as const)[random(3)]! }
			],
			() => [{ role: 'host' }, { type: 'approve', id: id() }],
			() => [{ role: 'host' }, { type: 'hide', id: id() }],
			() => [{ role: 'host' }, { type: 'edit', id: id(), text: `Bewerkt ${random(9)}` }],
			() => [{ role: 'host' }, { type: 'merge', id: id(), into: id() }],
			() => [{ role: 'host' }, { type: 'mute', id: id() }],
			() => [{ role: 'host' }, { type: 'phase', phase: (['propose', 'vote', 'review'] as const)[random(3)]! }],
			() => [{ role: 'host' }, { type: 'reveal', on: random(2) === 1 }],
			() => [{ role: 'host' }, { type: 'projector', view: (['join', 'proposals', 'results', 'rules'] as const)[random(4)]! }],
			() => [{ role: 'host' }, { type: 'adopt', text: `Afspraak ${random(9)}`, from: [] }],
			() => [{ role: 'host' }, { type: 'moveRule', id: `r${1 + random(3)}`, to: random(3) }],
			() => [{ role: 'host' }, { type: 'removeRule', id: `r${1 + random(4)}` }],
			() => [{ role: 'host' }, { type: 'slide', index: random(5) }],
			() => [
				{ role: 'device', device: 1 + random(4) },
				{ type: 'respond', activity: 'step-2-a1', choice: ['agree', 'disagree', 'unsure'][random(3)]! }
			]
		];
		const rebuild = (chunks: string[]) => {
			let view: Record<string, unknown> = {};
			let me: Record<string, unknown> = {};
			for (const chunk of chunks) {
				const event = chunk.match(/event: (\w+)/)?.[1];
				const data = chunk.match(/data: (.*)/)?.[1];
				if (!event || !data) continue;
				const parsed = JSON.parse(data) as { view?: Record<string, unknown>; me?: Record<string, unknown>; p?: Patch };
				if (event === 'snapshot') ({ view = {}, me = {} } = parsed);
				else if (event === 'patch') applyPatch(view, parsed.p!);
				else if (event === 'me') applyPatch(me, parsed.p!);
			}
			return { view, me };
		};
		for (let step = 0; step < 400; step++) {
			const [actor, command] = commands[random(commands.length)]!();
			await sessions.execute(live, actor, command);
			if (step % 3 === 0) live.flush();
		}
		live.flush();
		expect(rebuild(rooms.host.chunks).view).toEqual(
			JSON.parse(JSON.stringify({ ...hostView(live.state), suggestions: live.suggestions() }))
		);
		expect(rebuild(rooms.projector.chunks).view).toEqual(JSON.parse(JSON.stringify(projectorView(live.state))));
		const student = rebuild(rooms.student.chunks);
		expect(student.view).toEqual(JSON.parse(JSON.stringify(studentView(live.state))));
		expect(student.me).toEqual(JSON.parse(JSON.stringify(personalView(live.state, 2))));
		expect(live.state.proposals.size).toBeGreaterThan(15);
		expect(live.state.rules.length + live.state.votes.size).toBeGreaterThan(3);
	});

	it('gives a recovery token that works once and adds a host key', async () => {
		const { sessions } = service();
		const { code } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		const token = await sessions.newRecovery(live);
		const key = await sessions.redeemRecovery(code, token);
		expect(key).not.toBeNull();
		expect(await sessions.isHost(live, key!)).toBe(true);
		expect(await sessions.redeemRecovery(code, token)).toBeNull();
		expect(await sessions.redeemRecovery(code, 'forged')).toBeNull();
	});

	it('gives a remote token that works once, adds a host key and leaves the laptop signed in', async () => {
		const { sessions, db } = service();
		const { code, hostKey } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		const token = await sessions.newRemote(live);
		const phone = await sessions.redeemRemote(code, token);
		expect(phone).not.toBeNull();
		expect(await sessions.isHost(live, phone!)).toBe(true);
		expect(await sessions.isHost(live, hostKey)).toBe(true);
		expect(await sessions.redeemRemote(code, token)).toBeNull();
		expect(await sessions.redeemRemote(code, 'forged')).toBeNull();
		// A recovery token is no remote token, and the other way round.
		expect(await sessions.redeemRecovery(code, await sessions.newRemote(live))).toBeNull();
		const dump = JSON.stringify(db.prepare('SELECT * FROM host_keys').all()) + JSON.stringify(db.prepare('SELECT * FROM sessions').all());
		expect(dump).not.toContain(token);
		expect(dump).not.toContain(phone!);
	});

	it('lets a remote token expire after ten minutes', async () => {
		let now = Date.UTC(2026, 0, 1);
		const { sessions } = service(undefined, () => now);
		const { code } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		const token = await sessions.newRemote(live);
		now += 10 * 60 * 1000 + 1;
		expect(await sessions.redeemRemote(code, token)).toBeNull();
	});

	it('disconnects every remote and nothing else, and takes back an unused token', async () => {
		const { sessions } = service();
		const { code, hostKey } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		const recovered = (await sessions.redeemRecovery(code, await sessions.newRecovery(live)))!;
		const first = (await sessions.redeemRemote(code, await sessions.newRemote(live)))!;
		const second = (await sessions.redeemRemote(code, await sessions.newRemote(live)))!;
		const unused = await sessions.newRemote(live);
		expect(await Promise.all([first, second].map((key) => sessions.isHost(live, key)))).toEqual([true, true]);
		await sessions.revokeRemotes(live);
		expect(await sessions.isHost(live, first)).toBe(false);
		expect(await sessions.isHost(live, second)).toBe(false);
		expect(await sessions.isHost(live, recovered)).toBe(true);
		expect(await sessions.isHost(live, hostKey)).toBe(false);
		expect(await sessions.redeemRemote(code, unused)).toBeNull();
		// A restart reads the keys from the database: still only the recovered one.
		const again = (await sessions.get(code))!;
		again.hostKeys.clear();
		expect(await sessions.isHost(again, first)).toBe(false);
		expect(await sessions.isHost(again, recovered)).toBe(true);
	});

	it('keeps the laptop signed in when a remote signs out, and the phone when the laptop does', async () => {
		const { sessions } = service();
		const { code, hostKey } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		const phone = (await sessions.redeemRemote(code, await sessions.newRemote(live)))!;
		await sessions.signOut(live, hostKey);
		expect(await sessions.isHost(live, hostKey)).toBe(false);
		expect(await sessions.isHost(live, phone)).toBe(true);
	});

	it('sweeps sessions older than the retention period, and nothing else', async () => {
		let now = Date.UTC(2026, 0, 1);
		const { sessions, db } = service(undefined, () => now);
		const old = (await sessions.create({ lang: 'nl', moduleId: null, title: 'Oud', theme: '' })).code;
		now += 20 * DAY;
		const recent = (await sessions.create({ lang: 'nl', moduleId: null, title: 'Recent', theme: '' })).code;
		now += 10 * DAY + 1;
		expect(await sessions.sweep()).toEqual([old]);
		expect(await sessions.get(old)).toBeNull();
		expect(await sessions.get(recent)).not.toBeNull();
		const rows = db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
		expect(rows.n).toBe(1);
		now += 20 * DAY;
		expect(await sessions.sweep()).toEqual([recent]);
	});

	it('deletes a session with its events and devices at once', async () => {
		const { sessions, db } = service();
		const { code } = await sessions.create({ lang: 'nl', moduleId: null, title: 'Klas', theme: '' });
		const live = (await sessions.get(code))!;
		await sessions.join(live, undefined);
		await sessions.delete(live);
		expect(await sessions.get(code)).toBeNull();
		for (const table of ['sessions', 'events', 'devices', 'host_keys']) {
			expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
		}
	});
});

describe('codes and limits', () => {
	it('reads a typed code regardless of case, spaces and dashes, and refuses look-alikes', async () => {
		expect(normalizeCode(' acd-efh ')).toBe('ACDEFH');
		expect(normalizeCode('ACDEF0')).toBeNull();
		expect(normalizeCode('ACDEFI')).toBeNull();
		expect(normalizeCode('ACDEF')).toBeNull();
		for (const lookAlike of '0O1IL2Z5S6G8B') expect(CODE_ALPHABET).not.toContain(lookAlike);
	});

	it('allows a burst, then refills over time', async () => {
		let now = 0;
		const limiter = new RateLimiter(3, 1, () => now);
		expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
		expect(limiter.take('b')).toBe(true);
		now += 1000;
		expect(limiter.take('a')).toBe(true);
		expect(limiter.take('a')).toBe(false);
	});
});
