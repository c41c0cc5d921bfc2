import * as act from '$lib/server/actions';
import { hostSession } from '$lib/server/guards';
import { answer, readJson } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** A mentor's command, e.g. `{ "type": "approve", "id": "p3" }`; see docs/http.md for all of them. */
export const POST: RequestHandler = async (event) => {
	const live = hostSession(event);
	return answer(event, act.host(live, await readJson(event.request)));
};
