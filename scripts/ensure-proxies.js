// Makes sure the deployment tests (tests/deploy.e2e.ts) have Debian's nginx, Caddy and sqlite3: the
// proxies and the backup tool that docs/deploy.md tells a school to install. Installs the Debian
// packages when running as root on Debian; otherwise stops with the command to run. Never skips the
// tests silently.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PROXY_TOOLS = [
	{ bin: '/usr/sbin/nginx', pkg: 'nginx' },
	{ bin: '/usr/bin/caddy', pkg: 'caddy' },
	{ bin: '/usr/bin/sqlite3', pkg: 'sqlite3' }
];

const missing = PROXY_TOOLS.filter((tool) => !existsSync(tool.bin));
if (missing.length === 0) {
	console.log(`Proxies for the deployment tests: ${PROXY_TOOLS.map((tool) => tool.bin).join(', ')}`);
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
	const still = missing.filter((tool) => !existsSync(tool.bin));
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
