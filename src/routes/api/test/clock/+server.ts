import { z } from 'zod';
import { charters, sessions } from '$lib/server/app';
import { answer, readJson, refusal } from '$lib/server/respond';
import { advanceClock, testClockEnabled } from '$lib/server/testclock';
import type { RequestHandler } from './$types';

const DAY = 24 * 60 * 60 * 1000;
const schema = z.object({ days: z.number().min(0).max(5000) }).strict();

/**
 * Test servers only (see testclock.ts; 404 everywhere else): moves the clock forward by `days` and
 * runs the retention sweep at once, answering what it deleted.
 */
export const POST: RequestHandler = async (event) => {
	if (!testClockEnabled) return refusal(event, 'not_found');
	const body = await readJson(event.request);
	if (!body.ok) return refusal(event, body.code);
	const parsed = schema.safeParse(body.value);
	if (!parsed.success) return refusal(event, 'invalid');
	const now = advanceClock(parsed.data.days * DAY);
	const swept = { now, sessions: await sessions().sweep(), charters: await charters().sweep() };
	return answer(event, { ok: true, ...swept });
};
