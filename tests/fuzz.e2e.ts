import { expect, test } from '@playwright/test';
import { ApiClient, snapshot } from './server';

/**
 * Bad input: thousands of generated malformed requests against every endpoint and form action. None
 * may answer 5xx, each must answer a 4xx with a message, and the session must not change at all.
 * The generator is seeded, so every run sends the same requests.
 */
test('5,000+ malformed requests: only clear 4xx answers and no change to the session', async ({ baseURL }) => {
	test.setTimeout(180_000);
	const base = baseURL!;
	const { code, hostKey, auth, devCookie, before } =
		await test.step('A session with an approved and a hidden proposal, and its state before', async () => {
			const api = new ApiClient(base);
			const created = await api.post('/api/sessions', {});
			const code = String(created.json.code);
			const hostKey = String(created.json.hostKey);
			const auth = { authorization: `Bearer ${hostKey}` };
			const student = new ApiClient(base);
			await student.post(`/api/sessions/${code}/join`, null);
			await student.post(`/api/sessions/${code}/proposals`, { text: 'Wij vragen toestemming' });
			await student.post(`/api/sessions/${code}/proposals`, { text: 'Een verborgen voorstel' });
			await api.post(`/api/sessions/${code}/host`, { type: 'approve', id: 'p1' }, auth);
			await api.post(`/api/sessions/${code}/host`, { type: 'hide', id: 'p2' }, auth);
			const before = await snapshot(`${base}/api/sessions/${code}/events?role=host`, auth);
			const devCookie = student.cookie;
			return { code, hostKey, auth, devCookie, before };
		});

	let seed = 20261125;
	const random = (n: number) => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed % n;
	};
	const pick = <T>(items: readonly T[]): T => items[random(items.length)]!;

	const strings = [
		'',
		'   ',
		'\u0000',
		'a\u0007b',
		'x'.repeat(281),
		'x'.repeat(5000),
		'<script>alert(1)</script>\u0000',
		'\u202Eevil',
		'\uD800',
		'\u200B\u200B',
		'🙂'.repeat(300)
	];
	const wrongTypes = [null, 42, true, [], {}, ['a'], { text: 'x' }, -1, Infinity];
	const badCodes = ['ZZZZZZ', 'ACDEF0', '../../etc', '%00', 'A'.repeat(200), 'acdef', "'; DROP TABLE events;--"];
	const forgedKeys = ['', 'Bearer', 'Bearer x', `Bearer ${hostKey}x`, `Bearer ${'A'.repeat(43)}`, 'Basic abc'];
	const forgedCookies = ['', `kk_dev_${code}=forged`, `kk_dev_${code}=${'A'.repeat(43)}`, `kk_dev_OTHER1=x`, `kk_host_${code}=forged`];
	const hostCommands = [
		{ type: 'nope' },
		{ type: 'approve' },
		{ type: 'approve', id: 'p999' },
		{ type: 'approve', id: 42 },
		{ type: 'hide', id: 'r1' },
		{ type: 'edit', id: 'p1', text: '' },
		{ type: 'edit', id: 'p1', text: 'x'.repeat(400) },
		{ type: 'edit', id: 'p1', text: 'a\u0001b' },
		{ type: 'merge', id: 'p1', into: 'p1' },
		{ type: 'merge', id: 'p1', into: 'p2' },
		{ type: 'merge', id: 'p1', into: 'p77' },
		{ type: 'phase', phase: 'dance' },
		{ type: 'reveal', on: 'maybe' },
		{ type: 'projector', view: 'tv' },
		{ type: 'adopt', text: '', from: [] },
		{ type: 'adopt', text: 'ok', from: ['p404'] },
		{ type: 'adopt', text: 'ok', from: 'p1' },
		{ type: 'editRule', id: 'r9', text: 'x' },
		{ type: 'removeRule', id: 'r9' },
		{ type: 'moveRule', id: 'r9', to: 0 },
		{ type: 'moveRule', id: 'r1', to: -5 },
		{ type: 'close', extra: true },
		{ type: 'slide', index: 0 },
		{ type: 'slide', index: -1 },
		{ type: 'slide', index: 'next' },
		{ type: 'approve', id: 'p1', extra: 'field' }
	];

	type Attempt = { method: string; path: string; headers: Record<string, string>; body?: BodyInit };
	// What a browser without JavaScript sends with a form.
	const browserForm = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' };
	const json = (value: unknown) => JSON.stringify(value);
	const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]);
	const generators: Array<() => Attempt> = [
		// JSON API: proposals with bad bodies, from a real device.
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/proposals`,
			headers: { cookie: devCookie },
			body: json({ text: pick(strings) })
		}),
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/proposals`,
			headers: { cookie: devCookie },
			body: json({ text: pick(wrongTypes) })
		}),
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/proposals`,
			headers: { cookie: devCookie },
			body: pick(['', '{', 'null', '[]', '"text"', '{"text":1', 'text=hello'])
		}),
		() => ({ method: 'POST', path: `/api/sessions/${code}/proposals`, headers: { cookie: devCookie }, body: invalidUtf8 }),
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/proposals`,
			headers: { cookie: devCookie },
			body: json({ text: 'Goed voorstel', extra: 1 })
		}),
		// Proposals from forged or missing devices, with good text.
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/proposals`,
			headers: { cookie: pick(forgedCookies) },
			body: json({ text: 'Goed voorstel' })
		}),
		// Votes: out of phase (the session is in the proposal phase), on hidden or unknown proposals, bad values.
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/votes`,
			headers: { cookie: devCookie },
			body: json({ proposal: pick(['p1', 'p2', 'p9', 'x', 1]), choice: pick(['agree', 'yes', '', 3]) })
		}),
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/votes`,
			headers: { cookie: pick(forgedCookies) },
			body: json({ proposal: 'p1', choice: 'agree' })
		}),
		// Answers to a statement in a session that has none on screen, and malformed answers.
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/responses`,
			headers: { cookie: pick([devCookie, ...forgedCookies]) },
			body: json({ activity: pick(['step-2-a1', 'x', 3]), choice: pick(['agree', '0', '', 'x'.repeat(50)]) })
		}),
		() => ({
			method: 'POST',
			path: `/s/${code}?/respond`,
			headers: { ...browserForm, cookie: devCookie },
			body: `activity=${pick(['step-2-a1', ''])}&choice=${pick(['agree', 'yes'])}`
		}),
		// Unknown or malformed codes on every session endpoint.
		() => ({
			method: 'POST',
			path: `/api/sessions/${encodeURIComponent(pick(badCodes))}/${pick(['join', 'proposals', 'votes', 'host'])}`,
			headers: {},
			body: json({ text: 'x' })
		}),
		// Mentor commands without a valid key (a valid command), and invalid commands with the key.
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/host`,
			headers: { authorization: pick(forgedKeys), cookie: pick(forgedCookies) },
			body: json({ type: 'close' })
		}),
		() => ({ method: 'POST', path: `/api/sessions/${code}/host`, headers: auth, body: json(pick(hostCommands)) }),
		() => ({ method: 'POST', path: `/api/sessions/${code}/host`, headers: auth, body: pick(['', 'nonsense', json(pick(wrongTypes))]) }),
		() => ({ method: 'DELETE', path: `/api/sessions/${code}`, headers: { authorization: pick(forgedKeys) } }),
		// Creating sessions with invalid bodies.
		() => ({
			method: 'POST',
			path: '/api/sessions',
			headers: {},
			body: json(
				pick([
					{ module: 'no such module' },
					{ module: '../../x' },
					{ lang: 'fr' },
					{ theme: 'x'.repeat(300) },
					{ extra: 1 },
					{ module: 'stappenplan-school' }
				])
			)
		}),
		// Event streams and exports without the right to them.
		() => ({
			method: 'GET',
			path: `/api/sessions/${code}/events?role=${pick(['host', 'projector', 'admin', ''])}`,
			headers: { authorization: pick(forgedKeys) }
		}),
		() => ({
			method: 'GET',
			path: `/api/sessions/${code}/export/${pick(['md', 'json', 'csv', 'exe', '..%2Fsecret'])}`,
			headers: { authorization: pick(forgedKeys) }
		}),
		// Form actions, as a browser without JavaScript would post them.
		() => ({
			method: 'POST',
			path: `/s/${code}?/propose`,
			headers: { ...browserForm, cookie: pick(forgedCookies) },
			body: `text=${encodeURIComponent('Goed voorstel')}`
		}),
		() => ({
			method: 'POST',
			path: `/s/${code}?/propose`,
			headers: { ...browserForm, cookie: devCookie },
			body: new URLSearchParams({ text: pick(strings) }).toString()
		}),
		() => ({
			method: 'POST',
			path: `/s/${code}?/vote`,
			headers: { ...browserForm, cookie: devCookie },
			body: `proposal=${pick(['p1', 'p2', 'zz'])}&choice=${pick(['agree', 'nope'])}`
		}),
		() => ({
			method: 'POST',
			path: `/s/${code}?/${pick(['propose', 'vote'])}`,
			headers: { ...browserForm, 'content-type': 'multipart/form-data; boundary=broken', cookie: devCookie },
			body: '--broken\r\nnonsense'
		}),
		() => ({ method: 'POST', path: `/s/${encodeURIComponent(pick(badCodes))}?/join`, headers: { ...browserForm }, body: '' }),
		() => ({
			method: 'POST',
			path: `/host/${code}?/${pick(['command', 'recovery', 'delete'])}`,
			headers: { ...browserForm, cookie: pick(forgedCookies) },
			body: 'type=close'
		}),
		() => ({
			method: 'POST',
			path: `/host/${code}?/command`,
			headers: { ...browserForm, authorization: `Bearer ${hostKey}` },
			body: pick(['type=nope', 'type=approve&id=p99', 'type=edit&id=p1&text=', 'type=adopt&text=&from=p1', ''])
		}),
		() => ({ method: 'POST', path: '/join', headers: { ...browserForm }, body: `code=${encodeURIComponent(pick(badCodes))}` }),
		() => ({
			method: 'POST',
			path: `/recover/${code}/${pick(['forged', 'A'.repeat(43), 'x'.repeat(300)])}`,
			headers: { ...browserForm },
			body: ''
		}),
		() => ({
			method: 'POST',
			path: '/host?/create',
			headers: { ...browserForm },
			body: pick(['module=nope', 'module=stappenplan-school', 'module=' + 'x'.repeat(500), 'theme=' + 'y'.repeat(300)])
		}),
		// Oversize bodies.
		() => ({
			method: 'POST',
			path: `/api/sessions/${code}/proposals`,
			headers: { cookie: devCookie },
			body: json({ text: 'x'.repeat(600_000) })
		}),
		() => ({
			method: 'POST',
			path: `/s/${code}?/propose`,
			headers: { ...browserForm, cookie: devCookie },
			body: 'text=' + 'x'.repeat(600_000)
		})
	];

	const attempts: Attempt[] = [];
	for (let round = 0; attempts.length < 5_200; round++) for (const generate of generators) attempts.push(generate());

	const failures: string[] = [];
	const statuses = new Map<number, number>();
	await test.step('Sending every attempt, 16 at a time', async () => {
		let next = 0;
		const worker = async () => {
			while (next < attempts.length) {
				const attempt = attempts[next++]!;
				const response = await fetch(`${base}${attempt.path}`, { method: attempt.method, headers: attempt.headers, body: attempt.body });
				const text = await response.text();
				statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
				const where = `${attempt.method} ${attempt.path.slice(0, 80)} → ${response.status}`;
				if (response.status < 400 || response.status >= 500) failures.push(`${where}: ${text.slice(0, 120)}`);
				else if (response.headers.get('content-type')?.includes('json')) {
					const body = JSON.parse(text) as { message?: string };
					if (!body.message) failures.push(`${where}: no message`);
				} else if (text.trim().length === 0) failures.push(`${where}: empty answer`);
			}
		};
		await Promise.all(Array.from({ length: 16 }, worker));
	});

	await test.step('Only clear 4xx answers, and no change to the session', async () => {
		expect(attempts.length).toBeGreaterThanOrEqual(5_000);
		expect(failures.slice(0, 20)).toEqual([]);
		expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
		const after = await snapshot(`${base}/api/sessions/${code}/events?role=host`, auth);
		expect(after).toEqual(before);
	});
});
