// A throwaway PostgreSQL for the tests and the benchmark: a new cluster in a temporary directory, on a
// loopback port of its own, with trust authentication for one user. It uses Debian's `postgresql`
// binaries (scripts/ensure-proxies.js installs them as root on Debian, or says what to run); it never
// touches the system's own cluster. As root the cluster runs as the `postgres` user, as PostgreSQL
// refuses to run as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The directory of Debian's PostgreSQL binaries (the newest major version installed), or null. */
export function findPostgres() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const [newest] = readdirSync(root)
		.filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return newest ? join(root, newest, 'bin') : null;
}

/** A free TCP port on loopback. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/**
 * Starts a new cluster and answers with its URL and a `stop()` that ends it and deletes its files.
 * `settings` are extra server settings (e.g. `{ fsync: 'off' }` for tests that do not cut power).
 * @param {{ port?: number, settings?: Record<string, string> }} [options]
 */
export async function startPostgres(options = {}) {
	const bin = findPostgres();
	if (!bin) {
		throw new Error(
			'PostgreSQL is not installed. Run `node scripts/ensure-proxies.js` as root (npm test does), or `sudo apt-get install -y postgresql`.'
		);
	}
	const port = options.port ?? (await freePort());
	const dir = mkdtempSync(join(tmpdir(), 'klasakkoord-pg-'));
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	/** @param {string} tool @param {string[]} args */
	const run = (tool, args) => {
		const command = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
		const result = spawnSync(/** @type {string} */ (command[0]), /** @type {string[]} */ (command[1]), {
			cwd: dir,
			encoding: 'utf8'
		});
		if (result.status !== 0) throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
	};
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	const data = join(dir, 'data');
	run('initdb', ['-D', data, '-U', 'klasakkoord', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
	const settings = { listen_addresses: "'127.0.0.1'", port: String(port), unix_socket_directories: `'${dir}'`, ...options.settings };
	const flags = Object.entries(settings)
		.map(([key, value]) => `-c ${key}=${value}`)
		.join(' ');
	run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', flags, 'start']);
	let stopped = false;
	return {
		url: `postgres://klasakkoord@127.0.0.1:${port}/postgres`,
		port,
		dir,
		/** Stops the cluster (fast shutdown: open connections are ended) and deletes its files. */
		stop() {
			if (stopped) return;
			stopped = true;
			try {
				run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
