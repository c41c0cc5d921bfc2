// Makes sure the tests have Debian's nginx, Caddy, sqlite3 and PostgreSQL: the proxies and the backup
// tool that docs/deploy.md tells a school to install (tests/deploy.e2e.ts), and the PostgreSQL that the
// store tests and the multi-instance tests start in a temporary directory (scripts/postgres.js). Installs the Debian
// packages when running as root on Debian; otherwise stops with the command to run. Never skips the
// tests silently.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findPostgres } from './postgres.js';

export const PROXY_TOOLS = [
	{ bin: '/usr/sbin/nginx', pkg: 'nginx', present: () => existsSync('/usr/sbin/nginx') },
	{ bin: '/usr/bin/caddy', pkg: 'caddy', present: () => existsSync('/usr/bin/caddy') },
	{ bin: '/usr/bin/sqlite3', pkg: 'sqlite3', present: () => existsSync('/usr/bin/sqlite3') },
	{ bin: '/usr/lib/postgresql/<version>/bin/initdb', pkg: 'postgresql', present: () => findPostgres() !== null }
];

const missing = PROXY_TOOLS.filter((tool) => !tool.present());
if (missing.length === 0) {
	console.log(`Proxies and databases for the tests: ${PROXY_TOOLS.map((tool) => tool.bin).join(', ')}`);
	process.exit(0);
}

const packages = missing.map((tool) => tool.pkg).join(' ');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version');
if (isRoot && isDebian) {
	console.log(`Installing Debian packages for the deployment tests: ${packages}…`);
	// policy-rc.d (in containers) or the test's own configs: the tests start each proxy themselves, on
	// loopback ports of their own, and never rely on the system service.
	execSync(`apt-get update && apt-get install -y --no-install-recommends ${packages}`, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	const still = missing.filter((tool) => !tool.present());
	if (still.length === 0) process.exit(0);
	console.error(`apt-get finished but ${still.map((tool) => tool.bin).join(', ')} is missing.`);
	process.exit(1);
}

console.error(
	[
		`The deployment tests run the real proxies, and ${missing.map((tool) => tool.bin).join(', ')} is missing.`,
		isDebian
			? `  Install with:  sudo apt-get update && sudo apt-get install -y ${packages}`
			: `  Install ${packages} with your system's package manager (the tests expect ${missing.map((tool) => tool.bin).join(', ')}).`
	].join('\n')
);
process.exit(1);
