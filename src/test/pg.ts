import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/**
 * A new, empty database on the test PostgreSQL (src/test/postgres-setup.ts), so test files do not see
 * each other's rows. Answers with its URL and a `drop()` for afterAll. `icuLocale` (e.g. `nl-NL`)
 * sorts text as people do rather than by byte (the test cluster's default, `C`), as a school's
 * server may.
 */
export async function freshDatabase(options: { icuLocale?: string } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
	const base = inject('databaseUrl');
	const name = `kk_${randomBytes(6).toString('hex')}`;
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	const locale = options.icuLocale;
	if (locale !== undefined && !/^[A-Za-z-]+$/.test(locale)) throw new Error(`not a locale: ${locale}`);
	await admin.unsafe(`CREATE DATABASE ${name}${locale ? ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${locale}'` : ''}`);
	await admin.end();
	const url = base.replace(/\/[^/]*$/, `/${name}`);
	return {
		url,
		async drop() {
			const again = postgres(base, { max: 1, onnotice: () => {} });
			await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await again.end();
		}
	};
}
