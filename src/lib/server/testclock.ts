/**
 * The server's clock, which end-to-end tests can move forward to see retention at work (a session
 * deleted after 30 days, a charter kept). Off unless the server is started with
 * `KLASAKKOORD_TEST_CLOCK=1` AND listens on loopback only (`HOST=127.0.0.1`): a school's server,
 * reachable from phones, can never have it on by accident. See docs/http.md (`/api/test/clock`).
 */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1)$/i;

const asked = process.env.KLASAKKOORD_TEST_CLOCK === '1';
export const testClockEnabled = asked && LOOPBACK.test(process.env.HOST ?? '');
if (asked && !testClockEnabled) console.error('KLASAKKOORD_TEST_CLOCK is ignored: the server does not listen on loopback only (HOST)');

let offset = 0;

/** Now, in ms since the epoch: the real time, plus what a test moved the clock forward. */
export function clock(): number {
	return Date.now() + offset;
}

/** Moves the clock forward (test servers only); answers the new time. */
export function advanceClock(ms: number): number {
	if (!testClockEnabled) throw new Error('the test clock is off');
	offset += Math.max(0, ms);
	return clock();
}
