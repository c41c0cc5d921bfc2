// Page weight from the build output: the gzipped JS and CSS a first visit to each route loads (the
// client entry, the route's layouts and page, and everything they import). Reads files only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const SERVER = '.svelte-kit/output/server';
const CLIENT = '.svelte-kit/output/client';

function arrayAfter(text: string, name: string): string[] {
	const match = text.match(new RegExp(`${name}\\s*[:=]\\s*\\[([^\\]]*)\\]`));
	return match ? [...(match[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '') : [];
}

export interface RouteWeight {
	route: string;
	files: number;
	js: number;
	css: number;
	total: number;
}

export function measureRoutes(root = '.'): RouteWeight[] {
	const manifest = readFileSync(join(root, SERVER, 'manifest.js'), 'utf8');
	const client = manifest.slice(manifest.indexOf('client:'), manifest.indexOf('nodes:'));
	const entry = [...arrayAfter(client, 'imports'), ...arrayAfter(client, 'stylesheets')];
	const nodeFiles = (index: number) => {
		const node = readFileSync(join(root, SERVER, 'nodes', `${index}.js`), 'utf8');
		return [...arrayAfter(node, 'imports'), ...arrayAfter(node, 'stylesheets')];
	};
	const sizes = new Map<string, number>();
	const gz = (file: string): number => {
		const size = sizes.get(file) ?? gzipSync(readFileSync(join(root, CLIENT, file)), { level: 9 }).length;
		sizes.set(file, size);
		return size;
	};
	const routes = manifest
		.split(/\bid: "/)
		.slice(1)
		.flatMap((block) => {
			const page = block.match(/page: \{ layouts: \[([^\]]*)\],[^}]*leaf: (\d+) \}/);
			return page ? [{ route: block.slice(0, block.indexOf('"')), layouts: page[1] ?? '', leaf: Number(page[2]) }] : [];
		});
	return routes.map(({ route, layouts, leaf }) => {
		const nodes = [...layouts.split(',').filter(Boolean).map(Number), leaf];
		const files = [...new Set([...entry, ...nodes.flatMap(nodeFiles)])];
		const js = files.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gz(f), 0);
		const css = files.filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gz(f), 0);
		return { route, files: files.length, js, css, total: js + css };
	});
}

if (process.argv[1]?.endsWith('page-weight.ts')) {
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	const table = [
		'| route | files | JS (gzip) | CSS (gzip) | total |',
		'| --- | ---: | ---: | ---: | ---: |',
		...measureRoutes()
			.sort((a, b) => a.route.localeCompare(b.route))
			.map((r) => `| \`${r.route}\` | ${r.files} | ${kb(r.js)} | ${kb(r.css)} | ${kb(r.total)} |`)
	].join('\n');
	console.log(table);
	// `--write` keeps the table in docs/performance.md.
	if (process.argv.includes('--write')) {
		const path = 'docs/performance.md';
		const doc = readFileSync(path, 'utf8');
		writeFileSync(
			path,
			doc.replace(/<!-- weight:start -->[\s\S]*<!-- weight:end -->/, `<!-- weight:start -->\n${table}\n<!-- weight:end -->`)
		);
	}
}
