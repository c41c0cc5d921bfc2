// Makes sure the end-to-end tests have a Chromium. Installs Debian's package when running as root on
// Debian; otherwise stops with the command to run. Never skips the tests silently.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_ENV, DEBIAN_CHROMIUM, findChromium } from './chromium.js';

const found = findChromium();
if (found) {
	console.log(`Chromium for the end-to-end tests: ${found.path} (${found.source})`);
	process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version');
if (isRoot && isDebian) {
	console.log('No Chromium found: installing Debian package chromium (about a minute)…');
	execSync('apt-get update && apt-get install -y --no-install-recommends chromium', {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	if (existsSync(DEBIAN_CHROMIUM)) process.exit(0);
	console.error(`apt-get finished but ${DEBIAN_CHROMIUM} is missing.`);
	process.exit(1);
}

console.error(
	[
		'The end-to-end tests need Chromium, and none was found.',
		isDebian
			? '  Install it with:  sudo apt-get update && sudo apt-get install -y chromium'
			: '  Install one with: npx playwright install chromium',
		`  or point ${CHROMIUM_ENV} at a Chromium or Chrome executable.`
	].join('\n')
);
process.exit(1);
