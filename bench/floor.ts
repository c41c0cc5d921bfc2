/**
 * The floor for the benchmark: a bare Node SSE fan-out server that speaks the same HTTP interface and
 * sends the same message pattern as Klasakkoord, with no database, no validation, no rules and no
 * coalescing. Whatever the real server costs above this is the price of its work.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

interface Stream {
	role: string;
	device: number | null;
	res: ServerResponse;
}

interface Room {
	code: string;
	hostKey: string;
	devices: Map<string, number>;
	proposals: Map<string, { id: string; text: string; device: number; status: string; tally: Record<string, number> }>;
	votes: Map<string, string>;
	streams: Set<Stream>;
	seq: number;
	phase: string;
}

const rooms = new Map<string, Room>();

function body(req: IncomingMessage): Promise<Record<string, string>> {
	return new Promise((resolve) => {
		let data = '';
		req.on('data', (chunk) => (data += chunk));
		req.on('end', () => {
			try {
				resolve(data ? JSON.parse(data) : {});
			} catch {
				resolve({});
			}
		});
	});
}

function send(room: Room, to: (stream: Stream) => boolean, event: string, p: unknown) {
	room.seq++;
	const chunk = `id: ${room.seq}\nevent: ${event}\ndata: ${JSON.stringify({ v: room.seq, p })}\n\n`;
	for (const stream of room.streams) if (to(stream)) stream.res.write(chunk);
}

function json(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}) {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(data));
}

export function startFloor(port: number): Promise<() => Promise<void>> {
	const server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		const parts = url.pathname.split('/').filter(Boolean);
		if (req.method === 'POST' && url.pathname === '/api/sessions') {
			const code = randomBytes(4).toString('hex').slice(0, 6).toUpperCase();
			const hostKey = randomBytes(32).toString('base64url');
			rooms.set(code, {
				code,
				hostKey,
				devices: new Map(),
				proposals: new Map(),
				votes: new Map(),
				streams: new Set(),
				seq: 0,
				phase: 'propose'
			});
			return json(res, 201, { ok: true, code, hostKey });
		}
		const room = rooms.get(parts[2] ?? '');
		if (!room) return json(res, 404, { ok: false });
		const cookie = req.headers.cookie?.match(/kk_dev_\w+=([\w-]+)/)?.[1] ?? '';
		const device = room.devices.get(cookie) ?? null;
		const action = parts[3];

		if (req.method === 'GET' && action === 'events') {
			const role = url.searchParams.get('role') ?? 'student';
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
			res.write(
				`retry: 1000\n\nid: ${room.seq}\nevent: snapshot\ndata: ${JSON.stringify({ v: room.seq, view: { phase: room.phase, proposals: {} }, me: { votes: {} } })}\n\n`
			);
			const stream: Stream = { role, device, res };
			room.streams.add(stream);
			req.on('close', () => room.streams.delete(stream));
			return;
		}
		const input = await body(req);
		if (action === 'join') {
			const token = randomBytes(32).toString('base64url');
			const number = room.devices.size + 1;
			room.devices.set(token, number);
			return json(res, 200, { ok: true, device: number }, { 'set-cookie': `kk_dev_${room.code}=${token}; Path=/; HttpOnly` });
		}
		if (action === 'proposals' && device !== null) {
			const id = `p${room.proposals.size + 1}`;
			const proposal = { id, text: String(input.text), device, status: 'pending', tally: { agree: 0, disagree: 0, pass: 0 } };
			room.proposals.set(id, proposal);
			send(room, (s) => s.role === 'host', 'patch', { set: { [`proposals.${id}`]: proposal } });
			send(room, (s) => s.device === device, 'me', { set: { [`mine.${id}`]: { id, text: proposal.text, status: 'pending' } } });
			return json(res, 201, { ok: true, id, status: 'pending' });
		}
		if (action === 'votes' && device !== null) {
			const proposal = room.proposals.get(String(input.proposal));
			if (!proposal) return json(res, 404, { ok: false });
			const key = `${proposal.id}:${device}`;
			const previous = room.votes.get(key);
			if (previous) proposal.tally[previous]!--;
			room.votes.set(key, String(input.choice));
			proposal.tally[String(input.choice)] = (proposal.tally[String(input.choice)] ?? 0) + 1;
			send(room, (s) => s.role === 'host', 'patch', { set: { [`proposals.${proposal.id}`]: proposal } });
			send(room, (s) => s.device === device, 'me', { set: { [`votes.${proposal.id}`]: input.choice } });
			return json(res, 200, { ok: true });
		}
		if (action === 'host') {
			if (input.type === 'approve') {
				const proposal = room.proposals.get(String(input.id));
				if (!proposal) return json(res, 404, { ok: false });
				proposal.status = 'approved';
				send(room, (s) => s.role === 'host', 'patch', { set: { [`proposals.${proposal.id}`]: proposal } });
				send(room, (s) => s.role !== 'host', 'patch', { set: { [`proposals.${proposal.id}`]: { id: proposal.id, text: proposal.text } } });
			} else if (input.type === 'phase') {
				room.phase = String(input.phase);
				send(room, () => true, 'patch', { set: { phase: room.phase } });
			}
			return json(res, 200, { ok: true });
		}
		json(res, 400, { ok: false });
	});
	server.keepAliveTimeout = 65_000;
	return new Promise((resolve) => {
		server.listen(port, '127.0.0.1', () =>
			resolve(
				() =>
					new Promise((done) => {
						for (const room of rooms.values()) for (const stream of room.streams) stream.res.end();
						rooms.clear();
						server.closeAllConnections();
						server.close(() => done());
					})
			)
		);
	});
}

if (process.argv[1]?.endsWith('floor.ts')) {
	const port = Number(process.argv[2] ?? 4300);
	void startFloor(port).then(() => console.log(`floor listening on 127.0.0.1:${port}`));
}
