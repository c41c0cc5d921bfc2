import { afterEach, describe, expect, it, vi } from 'vitest';

/** config.ts reads the environment once, on import: each case imports afresh. */
async function withKey(key: string | undefined) {
	vi.resetModules();
	if (key === undefined) delete process.env.ADMIN_KEY;
	else process.env.ADMIN_KEY = key;
	return import('./admin');
}

afterEach(() => {
	delete process.env.ADMIN_KEY;
	vi.resetModules();
});

describe('the coordinator key', () => {
	it('matches only the configured key, whatever its length', async () => {
		const { adminKeyMatches } = await withKey('coordinator-key');
		expect(adminKeyMatches('coordinator-key')).toBe(true);
		expect(adminKeyMatches('coordinator-kez')).toBe(false);
		expect(adminKeyMatches('coordinator-key ')).toBe(false);
		expect(adminKeyMatches('c')).toBe(false);
		expect(adminKeyMatches('')).toBe(false);
		expect(adminKeyMatches(undefined)).toBe(false);
		expect(adminKeyMatches('x'.repeat(513))).toBe(false);
	});

	it('matches nothing when no key is set: the overview is off', async () => {
		const { adminKeyMatches } = await withKey(undefined);
		expect(adminKeyMatches('')).toBe(false);
		expect(adminKeyMatches('anything')).toBe(false);
	});
});
