// Finds a Chromium for Playwright: an environment variable naming one, Playwright's own downloaded
// browser, or Debian's /usr/bin/chromium. Shared by scripts/ensure-chromium.js and playwright.config.ts.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ENV = 'CHROMIUM_PATH';
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** @returns {{ path: string, source: string } | null} */
export function findChromium() {
	const fromEnv = process.env[CHROMIUM_ENV] || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`${CHROMIUM_ENV} names ${fromEnv}, which does not exist`);
		return { path: fromEnv, source: `environment (${CHROMIUM_ENV})` };
	}
	try {
		const own = chromium.executablePath();
		if (own && existsSync(own)) return { path: own, source: "Playwright's downloaded browser" };
	} catch {
		// Playwright has no browser of its own on this machine.
	}
	if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'Debian package chromium' };
	return null;
}

/** Flags for a headless Chromium on a machine with a closed network (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];
