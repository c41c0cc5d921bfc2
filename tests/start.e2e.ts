import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './server';

test('the README’s start command builds and serves the app, creating ./data on first start', async () => {
	const readme = readFileSync('README.md', 'utf8');
	expect(readme).toContain('npm install && npm start');
	const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
	expect(scripts.start).toBe('npm run build && node server');

	// `node server` (the entry, server/index.js) as `npm start` runs it, from a fresh working directory without a data folder.
	const cwd = mkdtempSync(join(tmpdir(), 'klasakkoord-start-'));
	const port = await freePort();
	const { DATA_DIR: _unset, ...env } = process.env;
	const child = spawn(process.execPath, [resolve('server')], {
		cwd,
		env: { ...env, PORT: String(port), HOST: '127.0.0.1', LESSONS_DIR: resolve('lessons') },
		stdio: 'ignore'
	});
	try {
		let status = 0;
		for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
			status = await fetch(`http://127.0.0.1:${port}/`).then(
				(r) => r.status,
				() => 0
			);
			if (status !== 200) await new Promise((r) => setTimeout(r, 100));
		}
		expect(status).toBe(200);
		expect(existsSync(join(cwd, 'data', 'klasakkoord.db'))).toBe(true);
	} finally {
		child.kill('SIGKILL');
	}
});
