import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/pg';
import { connect, migrate, type Sql } from './pg';

describe('PostgreSQL schema', () => {
	let db: Awaited<ReturnType<typeof freshDatabase>>;
	const clients: Sql[] = [];

	beforeAll(async () => {
		db = await freshDatabase();
	});
	afterAll(async () => {
		await Promise.all(clients.map((sql) => sql.end()));
		await db.drop();
	});

	it('migrates once when several instances start at the same moment on an empty database', async () => {
		for (let index = 0; index < 4; index++) clients.push(connect(db.url, 2));
		const versions = await Promise.all(clients.map((sql) => migrate(sql)));
		expect(new Set(versions).size).toBe(1);
		const [row] = await clients[0]!<{ version: number }[]>`SELECT version FROM klasakkoord_schema`;
		expect(row?.version).toBe(versions[0]);
		const tables = await clients[0]!<{ name: string }[]>`
			SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
		expect(tables.map((table) => table.name)).toEqual(
			expect.arrayContaining(['sessions', 'events', 'host_keys', 'devices', 'idempotency', 'limits', 'charters', 'charter_versions'])
		);
		// A later start finds nothing left to do.
		expect(await migrate(clients[1]!)).toBe(versions[0]);
		expect(await clients[0]!`SELECT count(*)::int AS n FROM klasakkoord_schema`).toEqual([{ n: 1 }]);
	});

	it('reads BIGINT columns as numbers', async () => {
		const sql = clients[0]!;
		const [row] = await sql<{ id: number; created_at: number }[]>`
			INSERT INTO sessions (code, created_at) VALUES ('ABC123', ${1_790_000_000_000}) RETURNING id, created_at`;
		expect(row).toEqual({ id: expect.any(Number), created_at: 1_790_000_000_000 });
	});
});
