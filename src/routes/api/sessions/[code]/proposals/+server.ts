import * as act from '$lib/server/actions';
import { clientAddress, deviceOf, session } from '$lib/server/guards';
import { answer, readJson, refusal } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** A proposal from a joined device: `{ text }`. */
export const POST: RequestHandler = async (event) => {
	const live = session(event);
	const body = await readJson(event.request);
	if (!body.ok) return refusal(event, body.code);
	return answer(event, await act.propose(live, deviceOf(event, live), body.value, clientAddress(event)), 201);
};
