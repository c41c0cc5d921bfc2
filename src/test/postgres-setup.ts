import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../scripts/postgres.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A throwaway PostgreSQL for the store tests (scripts/postgres.js); each test file makes its own database. */
		databaseUrl: string;
	}
}

/**
 * Starts one PostgreSQL for the whole unit run. No PostgreSQL installed is a failure with the command
 * to run, never a skip.
 */
export default async function setup(project: TestProject) {
	const pg = await startPostgres({ settings: { fsync: 'off', max_connections: '200' } });
	project.provide('databaseUrl', pg.url);
	return () => pg.stop();
}
