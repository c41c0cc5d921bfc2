import { events, MAX_BACKLOG, STREAM_HEADERS } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** Server-Sent Events, see api.ts (the custom server serves this path itself, with the same function). */
export const GET: RequestHandler = async (event) => {
	const attach = await events(event);
	let close = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			close = attach({
				write(chunk) {
					if (controller.desiredSize !== null && controller.desiredSize < -MAX_BACKLOG) return false;
					try {
						controller.enqueue(chunk);
						return true;
					} catch {
						return false;
					}
				},
				end() {
					try {
						controller.close();
					} catch {
						// Already closed by the client.
					}
				}
			});
		},
		cancel: () => close()
	});
	return new Response(body, { headers: STREAM_HEADERS });
};
