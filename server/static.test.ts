import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentType, listFiles, resolveFile } from './static.js';

describe('static files', () => {
	const root = mkdtempSync(join(tmpdir(), 'klasakkoord-static-'));
	mkdirSync(join(root, '_app', 'immutable'), { recursive: true });
	for (const name of ['_app/immutable/a.js', '_app/immutable/a.js.br', '_app/immutable/a.js.gz', 'robots.txt', 'about.html', '.hidden'])
		writeFileSync(join(root, name), 'x');
	const files = listFiles(root);

	it('lists files as URL paths, without dot files', () => {
		expect([...files].sort()).toEqual([
			'/_app/immutable/a.js',
			'/_app/immutable/a.js.br',
			'/_app/immutable/a.js.gz',
			'/about.html',
			'/robots.txt'
		]);
	});

	it('picks brotli, then gzip, then the file itself, as the client accepts', () => {
		expect(resolveFile(files, '/_app/immutable/a.js', 'gzip, deflate, br')).toEqual({
			path: '/_app/immutable/a.js.br',
			encoding: 'br',
			type: 'text/javascript'
		});
		expect(resolveFile(files, '/_app/immutable/a.js', 'gzip')).toEqual({
			path: '/_app/immutable/a.js.gz',
			encoding: 'gzip',
			type: 'text/javascript'
		});
		expect(resolveFile(files, '/_app/immutable/a.js', '')).toEqual({
			path: '/_app/immutable/a.js',
			encoding: undefined,
			type: 'text/javascript'
		});
	});

	it('answers the URLs sirv would (an .html file without its extension) and leaves the rest to the app', () => {
		expect(resolveFile(files, '/about', '')?.path).toBe('/about.html');
		expect(resolveFile(files, '/host', 'br')).toBeUndefined();
		expect(resolveFile(files, '/', '')).toBeUndefined();
		expect(resolveFile(files, '/.hidden', '')).toBeUndefined();
	});

	it('knows the types of the built files', () => {
		expect(contentType('a.css')).toBe('text/css');
		expect(contentType('favicon.svg')).toBe('image/svg+xml');
		expect(contentType('x.unknown')).toBe('application/octet-stream');
	});
});
