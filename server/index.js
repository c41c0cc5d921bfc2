// Klasakkoord's production entry: `node server` (npm start, the systemd unit, the tests). It is
// adapter-node's documented custom server: the built `handler` mounted on node:http, with
//   - the built client files served by ./static.js, which answers a missing file with 404 instead of
//     ending the process (see there);
//   - GET /healthz (the process is up) and GET /readyz (the database answers: the SQLite file, or
//     PostgreSQL with DATABASE_URL), without the framework;
//   - the live session's hot paths (event streams and the small JSON writes), which the app serves on
//     Node's request and response itself (src/lib/server/hot.ts), with the same rules as its routes;
//   - adapter-node's own settings, read by the build's env.js as `node build` would: PORT, HOST,
//     SHUTDOWN_TIMEOUT, KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT here; ORIGIN, PROTOCOL_HEADER, HOST_HEADER,
//     PORT_HEADER, ADDRESS_HEADER, XFF_DEPTH and BODY_SIZE_LIMIT inside the handler (not used here:
//     SOCKET_PATH, systemd socket activation and IDLE_TIMEOUT);
//   - the same graceful stop on SIGTERM/SIGINT: stop listening, let requests finish (the app ends its
//     event streams itself on the signal), then emit 'sveltekit:shutdown' so the app closes its
//     database, and close what is left after SHUTDOWN_TIMEOUT seconds.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { probes } from './health.js';
import { staticFiles } from './static.js';

const build = fileURLToPath(new URL('../build/', import.meta.url));
if (!existsSync(`${build}handler.js`)) {
	console.error(`Klasakkoord: no build in ${build}. Run \`npm run build\` first.`);
	process.exit(1);
}

// The handler's import opens the database (the app's init hook) before anything listens. The paths are
// built at run time, so the type checker leaves the build output alone.
/** @type {{ env: (name: string, fallback?: string) => string, timeout_env: (name: string) => number | undefined }} */
const { env, timeout_env } = await import(`${build}env.js`);
/** @type {{ handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void }} */
const { handler } = await import(`${build}handler.js`);

// The live session's event streams and small writes, served by the app without the framework's
// per-request pipeline (src/lib/server/hot.ts); the app's init hook put it here during the import above.
/** @type {((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean) | undefined} */
const hot = /** @type {any} */ (globalThis)[Symbol.for('klasakkoord.hot')];

const host = env('HOST', '0.0.0.0');
const port = Number(env('PORT', '3000'));
const shutdownTimeout = Number.parseInt(env('SHUTDOWN_TIMEOUT', '30'), 10);

const assets = staticFiles(`${build}client`);
const health = probes(process.env.DATA_DIR || 'data');
// With DATABASE_URL the app checks PostgreSQL itself (src/lib/server/app.ts); its init hook put that here.
/** @type {(() => Promise<boolean>) | undefined} */
const databaseReady = process.env.DATABASE_URL ? /** @type {any} */ (globalThis)[Symbol.for('klasakkoord.ready')] : undefined;

/** @param {string} path /healthz: the process is up; /readyz: it is not stopping and its database answers. */
async function probe(path) {
	if (path === '/healthz') return true;
	if (stopping) return false;
	return databaseReady ? databaseReady() : health.ready();
}
let stopping = false;

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
function notFound(req, res) {
	res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
}

const server = http.createServer((req, res) => {
	if (req.url === '/healthz' || req.url === '/readyz') {
		probe(req.url).then(
			(ready) => {
				res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
				res.end(req.url === '/healthz' ? 'ok' : ready ? 'ready' : stopping ? 'stopping' : 'database unavailable');
			},
			() => res.writeHead(503).end('database unavailable')
		);
		return;
	}
	if (hot?.(req, res)) return;
	if (assets(req, res)) return;
	handler(req, res, () => notFound(req, res));
});

const keepAlive = timeout_env('KEEP_ALIVE_TIMEOUT');
if (keepAlive !== undefined) server.keepAliveTimeout = keepAlive * 1000;
const headersTimeout = timeout_env('HEADERS_TIMEOUT');
if (headersTimeout !== undefined) server.headersTimeout = headersTimeout * 1000;

// While stopping, a keep-alive connection is closed as soon as its request is done.
server.on('request', (/** @type {import('node:http').IncomingMessage} */ req) => {
	req.on('close', () => {
		if (stopping) server.closeIdleConnections();
	});
});

server.listen({ host, port }, () => {
	const address = server.address();
	const where = typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address);
	console.log(`Klasakkoord: listening on ${where}, serving ${fileURLToPath(new URL('..', import.meta.url))}`);
});

/** @param {NodeJS.Signals} signal */
function stop(signal) {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	const force = setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000);
	force.unref();
	server.close(() => {
		clearTimeout(force);
		// @ts-expect-error adapter-node's custom event, which the app listens to (src/hooks.server.ts)
		process.emit('sveltekit:shutdown', signal);
	});
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
