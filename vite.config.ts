import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'server/**/*.test.ts'],
		environment: 'node',
		// A real PostgreSQL for the store tests that run on both databases (src/lib/server/*.test.ts).
		globalSetup: ['src/test/postgres-setup.ts']
	}
});
