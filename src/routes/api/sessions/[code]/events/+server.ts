import { error } from '@sveltejs/kit';
import { deviceOf, hostSession, session } from '$lib/server/guards';
import type { Role, Stream } from '$lib/server/live';
import { messageOf } from '$lib/server/respond';
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
	if (role !== 'host' && role !== 'projector' && role !== 'student') error(400, messageOf(event.locals.lang, 'invalid'));
	if (role !== 'student') hostSession(event);
	const device = role === 'student' ? deviceOf(event, live) : null;

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
