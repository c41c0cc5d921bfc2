import { clientAddress, deviceOf, hostSession, refuseWith, session } from '$lib/server/guards';
import type { Role, Stream } from '$lib/server/live';
import { closeStream, openStream, STREAMS_PER_SESSION } from '$lib/server/ratelimit';
import type { RequestHandler } from './$types';

const encoder = new TextEncoder();
/** A stream this far behind is closed; the browser reconnects and gets a fresh snapshot. */
const MAX_BACKLOG = 256 * 1024;

/**
 * Server-Sent Events for one session and role: a snapshot first, then patches. `role` is host,
 * projector or student; host and projector need the host key.
 */
export const GET: RequestHandler = (event) => {
	const live = session(event);
	const role = event.url.searchParams.get('role') as Role | null;
	if (role !== 'host' && role !== 'projector' && role !== 'student') refuseWith(event, 'invalid');
	if (role !== 'student') hostSession(event);
	const device = role === 'student' ? deviceOf(event, live) : null;
	// Open streams are bounded per address (in memory only) and per session.
	if (live.streams.size >= STREAMS_PER_SESSION) refuseWith(event, 'rate_limited');
	const address = clientAddress(event);
	if (!openStream(address)) refuseWith(event, 'rate_limited');
	let counted = true;
	const release = () => {
		if (counted) closeStream(address);
		counted = false;
	};

	let stream: Stream | null = null;
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			stream = {
				role,
				device,
				write(chunk) {
					if (controller.desiredSize !== null && controller.desiredSize < -MAX_BACKLOG) return false;
					try {
						controller.enqueue(chunk);
						return true;
					} catch {
						return false;
					}
				},
				close() {
					release();
					try {
						controller.close();
					} catch {
						// Already closed by the client.
					}
				}
			};
			// Reconnect quickly after a server restart; the snapshot brings the client up to date.
			controller.enqueue(encoder.encode('retry: 1000\n\n'));
			live.connect(stream);
		},
		cancel() {
			if (stream) live.disconnect(stream);
			release();
		}
	});

	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			// A stream's connection is never reused: closing it with the stream lets a shutdown finish at once.
			connection: 'close',
			'x-accel-buffering': 'no'
		}
	});
};
