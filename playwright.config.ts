import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.js';

const chromium = findChromium();
if (!chromium) throw new Error('No Chromium found: run `node scripts/ensure-chromium.js` (npm run test:e2e does).');

export const PORT = Number(process.env.E2E_PORT ?? 4173);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'klasakkoord-e2e-'));

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list']],
	timeout: 60_000,
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		browserName: 'chromium',
		launchOptions: { executablePath: chromium.path, args: CHROMIUM_ARGS },
		trace: 'off'
	},
	webServer: {
		command: 'node server',
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: false,
		timeout: 30_000,
		// Every test client shares 127.0.0.1: per-address limits are raised here, and tests/hostile.e2e.ts
		// checks them at their real values on a server of its own.
		env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_LIMIT_FACTOR: '100' }
	}
});
