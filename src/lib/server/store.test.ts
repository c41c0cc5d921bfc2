import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '$lib/session/state';
import { freshDatabase } from '../../test/pg';
import { openDatabase } from './db';
import { hashSecret } from './keys';
import type { Stream } from './live';
import { connect, migrate, type Sql } from './pg';
import { SessionService } from './sessions';
import { PgSessionStore } from './store-pg';

/**
 * The session service on each store: the same behaviour on the embedded SQLite and on PostgreSQL.
 * Every factory call is one "instance"; on PostgreSQL two calls share the database.
 */
type Factory = {
	name: string;
	open(): Promise<SessionService>;
	close(): Promise<void>;
};

function sqlite(): Factory {
	const dir = mkdtempSync(join(tmpdir(), 'kk-store-'));
	const services: SessionService[] = [];
	return {
		name: 'SQLite',
		async open() {
			const service = new SessionService(openDatabase(dir), { retentionDays: 30, groupCommit: true });
			services.push(service);
			return service;
		},
		async close() {
			for (const service of services.splice(0)) await service.store.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

function postgres(url: () => string): Factory {
	const clients: Array<{ sql: Sql; store: PgSessionStore }> = [];
	return {
		name: 'PostgreSQL',
		async open() {
			const sql = connect(url(), 4);
			await migrate(sql);
			const store = new PgSessionStore(sql);
			const service = new SessionService(store, { retentionDays: 30 });
			await store.listen(service);
			clients.push({ sql, store });
			return service;
		},
		async close() {
			for (const { store } of clients.splice(0)) await store.close();
		}
	};
}

const bare = { lang: 'nl' as const, moduleId: null, title: 'Klas', theme: '' };

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
	database = await freshDatabase();
});
afterAll(async () => {
	await database.drop();
});

describe.each([() => sqlite(), () => postgres(() => database.url)])('the session store (%#: 0 SQLite, 1 PostgreSQL)', (make) => {
	let factory: Factory;
	afterEach(async () => {
		await factory?.close();
	});

	it('keeps a session, its devices and its events across a restart', async () => {
		factory = make();
		const first = await factory.open();
		const { code, hostKey } = await first.create(bare);
		const live = (await first.get(code))!;
		const joined = await first.join(live, undefined);
		if (!joined.ok) throw new Error('join refused');
		await first.execute(live, { role: 'host' }, { type: 'premoderation', on: false });
		expect(await first.execute(live, { role: 'device', device: joined.device }, { type: 'propose', text: 'Eerst vragen' })).toMatchObject({
			ok: true
		});

		const second = await factory.open();
		const again = (await second.get(code))!;
		expect(again).not.toBe(live);
		expect(again.state).toEqual(live.state);
		expect(await second.isHost(again, hostKey)).toBe(true);
		expect(await second.deviceFor(again, joined.token)).toBe(joined.device);
		expect(fold(await second.store.loadEvents(again.id))).toEqual(live.state);
	});

	it('answers a repeated write with the same idempotency key as the first time, and stores it once', async () => {
		factory = make();
		const service = await factory.open();
		const { code } = await service.create(bare);
		const live = (await service.get(code))!;
		await service.execute(live, { role: 'host' }, { type: 'premoderation', on: false });
		const joinKey = hashSecret('join-key');
		const joined = await service.join(live, undefined, joinKey);
		const rejoined = await service.join(live, undefined, joinKey);
		if (!joined.ok || !rejoined.ok) throw new Error('join refused');
		expect(rejoined.device).toBe(joined.device);
		// The repeat gets a token of its own for the same device.
		expect(rejoined.token).not.toBe(joined.token);
		live.devicesByToken.clear();
		expect(await service.deviceFor(live, rejoined.token)).toBe(joined.device);
		expect(live.state.devices.size).toBe(1);

		const key = hashSecret('propose-key');
		const proposal = { type: 'propose', text: 'Wij vragen het eerst' } as const;
		const once = await service.execute(live, { role: 'device', device: joined.device }, proposal, key);
		const twice = await service.execute(live, { role: 'device', device: joined.device }, proposal, key);
		expect(twice).toEqual({ ...once, replayed: true });
		expect(live.state.proposals.size).toBe(1);
		// Another key is another write.
		await service.execute(live, { role: 'device', device: joined.device }, proposal, hashSecret('other-key'));
		expect(live.state.proposals.size).toBe(2);

		// A refusal is not remembered: the same key may succeed once the write is allowed.
		const voteKey = hashSecret('vote-key');
		const vote = { type: 'vote', proposal: 'p1', choice: 'agree' } as const;
		expect(await service.execute(live, { role: 'device', device: joined.device }, vote, voteKey)).toMatchObject({
			ok: false,
			error: 'voting_closed'
		});
		await service.execute(live, { role: 'host' }, { type: 'phase', phase: 'vote' });
		expect(await service.execute(live, { role: 'device', device: joined.device }, vote, voteKey)).toMatchObject({
			ok: true,
			replayed: false
		});
		expect(await service.execute(live, { role: 'device', device: joined.device }, vote, voteKey)).toMatchObject({
			ok: true,
			replayed: true
		});
		const votes = (await service.store.loadEvents(live.id)).filter((event) => event.type === 'vote.cast');
		expect(votes).toHaveLength(1);
	});

	it('purges a removed device from the log and replays it to the same state', async () => {
		factory = make();
		const service = await factory.open();
		const { code } = await service.create(bare);
		const live = (await service.get(code))!;
		await service.execute(live, { role: 'host' }, { type: 'premoderation', on: false });
		const bot = await service.join(live, undefined);
		if (!bot.ok) throw new Error('join refused');
		await service.execute(live, { role: 'device', device: bot.device }, { type: 'propose', text: 'BOTMARKER spam' });
		const label = live.state.devices.get(bot.device)!.label;
		expect(await service.execute(live, { role: 'host' }, { type: 'removeDevice', device: label })).toMatchObject({ ok: true });
		const events = await service.store.loadEvents(live.id);
		expect(JSON.stringify(events)).not.toContain('BOTMARKER');
		expect(fold(events)).toEqual(live.state);
		live.devicesByToken.clear();
		expect(await service.deviceFor(live, bot.token)).toBeNull();
	});

	it('recovers, adds and revokes remotes, signs out and deletes', async () => {
		factory = make();
		const service = await factory.open();
		const { code, hostKey } = await service.create(bare);
		const live = (await service.get(code))!;
		const phone = (await service.redeemRemote(code, await service.newRemote(live)))!;
		expect(await service.isHost(live, phone)).toBe(true);
		await service.revokeRemotes(live);
		expect(await service.isHost(live, phone)).toBe(false);
		expect(await service.isHost(live, hostKey)).toBe(true);
		const token = await service.newRecovery(live);
		const recovered = (await service.redeemRecovery(code, token))!;
		expect(await service.redeemRecovery(code, token)).toBeNull();
		expect(await service.isHost(live, recovered)).toBe(true);
		expect(await service.isHost(live, hostKey)).toBe(false);
		await service.signOut(live, recovered);
		expect(await service.isHost(live, recovered)).toBe(false);
		await service.delete(live);
		expect(await service.get(code)).toBeNull();
		expect(
			await service.store.createSession(code, hashSecret('k'), Date.now(), { type: 'session.created', ...bare, code, round: 'x' })
		).toBeNull();
	});
});

function recorder(role: Stream['role'], device: number | null = null) {
	const chunks: string[] = [];
	const decoder = new TextDecoder();
	const stream: Stream = { role, device, write: (chunk) => (chunks.push(decoder.decode(chunk)), true), close: () => {} };
	return { stream, chunks, text: () => chunks.join('') };
}

describe('several instances on one PostgreSQL', () => {
	let factory: Factory;
	afterEach(async () => {
		await factory?.close();
	});

	it('lets any instance serve any session: read-your-writes, one order, distinct devices', async () => {
		factory = postgres(() => database.url);
		const [a, b, c] = [await factory.open(), await factory.open(), await factory.open()];
		const { code, hostKey } = await a.create(bare);
		const onA = (await a.get(code))!;
		const onB = (await b.get(code))!;
		const onC = (await c.get(code))!;
		expect(await c.isHost(onC, hostKey)).toBe(true);
		await b.execute(onB, { role: 'host' }, { type: 'premoderation', on: true });

		// Twelve phones join at once, spread over the instances: twelve distinct devices.
		const services = [a, b, c];
		const lives = [onA, onB, onC];
		const joins = await Promise.all(Array.from({ length: 12 }, (_, index) => services[index % 3]!.join(lives[index % 3]!, undefined)));
		const devices = joins.map((joined) => (joined.ok ? joined.device : -1));
		expect(new Set(devices).size).toBe(12);
		expect(devices).not.toContain(-1);

		// A proposal accepted by A is approved through C a moment later.
		const proposed = await a.execute(onA, { role: 'device', device: devices[0]! }, { type: 'propose', text: 'Eerst vragen of het mag' });
		if (!proposed.ok) throw new Error('proposal refused');
		const submitted = proposed.events.find((event) => event.type === 'proposal.submitted');
		if (submitted?.type !== 'proposal.submitted') throw new Error('no proposal stored');
		expect(await c.execute(onC, { role: 'host' }, { type: 'approve', id: submitted.id })).toMatchObject({ ok: true });
		expect(onC.state.proposals.get(submitted.id)?.status).toBe('approved');

		// Every instance folds to the same state, in the log's order.
		await Promise.all([a.get(code), b.get(code), c.get(code)]);
		expect(onA.state).toEqual(onC.state);
		expect(onB.state).toEqual(onC.state);
		expect(fold(await b.store.loadEvents(onB.id))).toEqual(onC.state);
	});

	it('delivers another instance’s changes to this instance’s event streams, and follows key changes and deletes', async () => {
		factory = postgres(() => database.url);
		const a = await factory.open();
		const b = await factory.open();
		const { code, hostKey } = await a.create(bare);
		const onA = (await a.get(code))!;
		const onB = (await b.get(code))!;
		const console_ = recorder('host');
		onB.connect(console_.stream);
		const joined = await a.join(onA, undefined);
		if (!joined.ok) throw new Error('join refused');
		await a.execute(onA, { role: 'device', device: joined.device }, { type: 'propose', text: 'Niet doorsturen zonder vragen' });
		await expect.poll(() => console_.text(), { timeout: 5000 }).toContain('Niet doorsturen zonder vragen');
		const ids = [...console_.text().matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
		expect(ids.at(-1)).toBe(onA.state.seq);

		// A recovery on A signs out B's console too.
		expect(await b.isHost(onB, hostKey)).toBe(true);
		await a.redeemRecovery(code, await a.newRecovery(onA));
		await expect.poll(() => onB.streams.size, { timeout: 5000 }).toBe(0);
		expect(await b.isHost(onB, hostKey)).toBe(false);

		// A delete on A ends B's copy.
		const phone = recorder('student', joined.device);
		onB.connect(phone.stream);
		await a.delete(onA);
		await expect.poll(() => onB.streams.size, { timeout: 5000 }).toBe(0);
		expect(await b.get(code)).toBeNull();
	});

	it('commits the writes that queue up behind a transaction together, and shows them to streams only after the commit', async () => {
		factory = postgres(() => database.url);
		const a = await factory.open();
		const b = await factory.open();
		const store = a.store as PgSessionStore;
		const { code } = await a.create(bare);
		const live = (await a.get(code))!;
		await a.execute(live, { role: 'host' }, { type: 'premoderation', on: false });
		const joins = await Promise.all(Array.from({ length: 30 }, () => a.join(live, undefined)));
		const devices = joins.map((joined) => (joined.ok ? joined.device : -1));
		expect(new Set(devices).size).toBe(30);
		const before = { ...store.stats };
		// Whenever a proposal first reaches the console, how many batches had committed by then.
		const committedAtFirstSight: number[] = [];
		const console_ = recorder('host');
		const write = console_.stream.write;
		console_.stream.write = (chunk) => {
			if (!committedAtFirstSight.length && new TextDecoder().decode(chunk).includes('zegt leerling')) {
				committedAtFirstSight.push(store.stats.batches - before.batches);
			}
			return write(chunk);
		};
		live.connect(console_.stream);
		const proposals = devices.map((device) =>
			a.execute(live, { role: 'device', device }, { type: 'propose', text: `Eerst vragen, zegt leerling ${device}` })
		);
		expect((await Promise.all(proposals)).every((written) => written.ok)).toBe(true);
		expect(store.stats.writes - before.writes).toBe(30);
		expect(store.stats.batches - before.batches).toBeLessThan(30);
		await expect.poll(() => (console_.text().match(/zegt leerling/g) ?? []).length, { timeout: 5000 }).toBe(30);
		expect(committedAtFirstSight[0]).toBeGreaterThanOrEqual(1);
		// In the log's order, the same on another instance.
		const onB = (await b.get(code))!;
		expect(onB.state).toEqual(live.state);
		expect([...onB.state.proposals.keys()]).toEqual(Array.from({ length: 30 }, (_, index) => `p${index + 1}`));
	});

	it('shares the per-session and per-device buckets between instances', async () => {
		factory = postgres(() => database.url);
		await factory.open();
		const sql = connect(database.url, 2);
		const one = new PgSessionStore(sql);
		const other = new PgSessionStore(connect(database.url, 2));
		const now = Date.now();
		const taken = [];
		for (let i = 0; i < 6; i++) taken.push(await (i % 2 ? one : other).take('test:bucket', 4, 1, now));
		expect(taken).toEqual([true, true, true, true, false, false]);
		// Two seconds later two tokens are back, for either instance.
		expect(await one.take('test:bucket', 4, 1, now + 2000)).toBe(true);
		expect(await other.take('test:bucket', 4, 1, now + 2000)).toBe(true);
		expect(await one.take('test:bucket', 4, 1, now + 2000)).toBe(false);
		await one.close();
		await other.close();
	});
});
