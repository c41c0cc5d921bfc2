import * as act from '$lib/server/actions';
import { deviceOf, session } from '$lib/server/guards';
import { answer, readJson } from '$lib/server/respond';
import type { RequestHandler } from './$types';

/** A vote from a joined device: `{ proposal, choice }`, choice agree, disagree or pass. */
export const POST: RequestHandler = async (event) => {
	const live = session(event);
	return answer(event, act.vote(live, deviceOf(event, live), await readJson(event.request)));
};
