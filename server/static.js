// The built client files (build/client), served without the process ever depending on them staying
// in place. adapter-node's own static layer (sirv) lists the files once at start and later pipes a
// read stream into the response without an 'error' listener: a file deleted or made unreadable after
// start (a build in the live folder) threw an unhandled ENOENT and ended the process. Here every URL
// that was a file at start is answered from the file as it is now: served, 404 when it is gone, 500
// when it cannot be read, a closed connection when reading fails half-way. Never an exit.
import { readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream';

const TYPES = {
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.map': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.gif': 'image/gif',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.txt': 'text/plain; charset=utf-8',
	'.html': 'text/html; charset=utf-8',
	'.htm': 'text/html; charset=utf-8',
	'.xml': 'application/xml',
	'.pdf': 'application/pdf'
};

/** @type {Record<string, string>} */
const ENCODINGS = { '.br': 'br', '.gz': 'gzip' };

/** @param {string} name */
export function contentType(name) {
	const dot = name.lastIndexOf('.');
	return (dot >= 0 && TYPES[/** @type {keyof typeof TYPES} */ (name.slice(dot).toLowerCase())]) || 'application/octet-stream';
}

/**
 * Lists the files under `root` as URL paths (`/_app/immutable/…`), skipping dot files like sirv does.
 * @param {string} root
 */
export function listFiles(root) {
	/** @type {Set<string>} */
	const files = new Set();
	/** @param {string} dir @param {string} prefix */
	const walk = (dir, prefix) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.name.startsWith('.') && entry.name !== '.well-known') continue;
			if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}/${entry.name}`);
			else if (entry.isFile()) files.add(`${prefix}/${entry.name}`);
		}
	};
	walk(root, '');
	return files;
}

/**
 * Which listed file answers a URL path, and in which encoding. The candidates are the ones sirv would
 * try (the path, `.html`/`.htm`, `/index.html`), so no URL that sirv knows is left to it.
 * @param {Set<string>} files
 * @param {string} pathname decoded URL path
 * @param {string} acceptEncoding
 * @returns {{ path: string, encoding?: string, type: string } | undefined}
 */
export function resolveFile(files, pathname, acceptEncoding) {
	const base = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
	const candidates = [base, `${base}.html`, `${base}.htm`, `${base}/index.html`, `${base}/index.htm`];
	const br = /\b(br|brotli)\b/i.test(acceptEncoding);
	const gzip = /\bgzip\b/i.test(acceptEncoding);
	for (const candidate of candidates) {
		if (!candidate) continue;
		if (br && files.has(`${candidate}.br`)) return { path: `${candidate}.br`, encoding: 'br', type: contentType(candidate) };
		if (gzip && files.has(`${candidate}.gz`)) return { path: `${candidate}.gz`, encoding: 'gzip', type: contentType(candidate) };
		if (files.has(candidate)) {
			const encoding = ENCODINGS[candidate.slice(-3)];
			return { path: candidate, encoding, type: contentType(encoding ? candidate.slice(0, -3) : candidate) };
		}
	}
	return undefined;
}

/**
 * A request handler for the files in `root`: returns false for a URL that is not one of them (the app
 * answers it), true once it has answered.
 * @param {string} root
 * @param {{ immutable?: string }} [options] URL prefix of content-hashed files, cached for a year
 */
export function staticFiles(root, { immutable = '/_app/immutable/' } = {}) {
	const files = listFiles(root);

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	return function serve(req, res) {
		let pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
		if (pathname.includes('%')) {
			try {
				pathname = decodeURI(pathname);
			} catch {
				return false;
			}
		}
		const found = resolveFile(files, pathname, String(req.headers['accept-encoding'] ?? ''));
		if (!found) return false;
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
			return true;
		}
		void send(req, res, join(root, found.path), found, pathname.startsWith(immutable));
		return true;
	};
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} file
 * @param {{ encoding?: string, type: string }} found
 * @param {boolean} immutable
 */
async function send(req, res, file, found, immutable) {
	let handle;
	try {
		handle = await open(file, 'r');
		const stats = await handle.stat();
		if (!stats.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
		const etag = `W/"${stats.size}-${stats.mtime.getTime()}"`;
		/** @type {Record<string, string | number>} */
		const headers = {
			'content-type': found.type,
			'last-modified': stats.mtime.toUTCString(),
			etag,
			vary: 'Accept-Encoding',
			'cache-control': immutable ? 'public,max-age=31536000,immutable' : 'no-cache'
		};
		if (found.encoding) headers['content-encoding'] = found.encoding;
		if (req.headers['if-none-match'] === etag) {
			await handle.close();
			res.writeHead(304, headers).end();
			return;
		}
		headers['content-length'] = stats.size;
		if (req.method === 'HEAD') {
			await handle.close();
			res.writeHead(200, headers).end();
			return;
		}
		res.writeHead(200, headers);
		const stream = handle.createReadStream();
		handle = undefined;
		// pipeline destroys both sides on any error: a read failure half-way or a client that left.
		pipeline(stream, res, () => {});
	} catch (error) {
		await handle?.close().catch(() => {});
		if (res.headersSent) {
			res.destroy();
			return;
		}
		const code = /** @type {{ code?: string }} */ (error).code;
		const missing = code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
		res.writeHead(missing ? 404 : 500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
		res.end(missing ? 'Not found' : 'Internal error');
	}
}
