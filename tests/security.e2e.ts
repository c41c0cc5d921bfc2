import { expect, test } from '@playwright/test';
import { Marked } from 'marked';
import { ApiClient, startServer, stopServer } from './server';

const PAYLOADS = [
	`<img src=x onerror="window.__xss='img'">`,
	`<script>window.__xss='script'</script>`,
	`"><svg/onload=window.__xss='svg'>`,
	`[klik](javascript:window.__xss='link')`,
	`=HYPERLINK("http://example.test","x")`,
	`{@html '<b>vet</b>'} **vet**`
];

test('markup and script in proposals, edits and rules stay inert on every page and in every export', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const api = new ApiClient(baseURL!);
	const created = await api.post('/api/sessions', {});
	const code = String(created.json.code);
	const hostKey = String(created.json.hostKey);
	const auth = { authorization: `Bearer ${hostKey}` };
	const student = new ApiClient(baseURL!);
	await student.post(`/api/sessions/${code}/join`, null);

	await test.step('The payloads go in as proposals, an edit and rules', async () => {
		await api.post(`/api/sessions/${code}/host`, { type: 'premoderation', on: false }, auth);
		for (const payload of PAYLOADS.slice(0, 4))
			expect((await student.post(`/api/sessions/${code}/proposals`, { text: payload })).status).toBe(201);
		// An edit and a rule carry the rest of the payloads.
		await api.post(`/api/sessions/${code}/host`, { type: 'edit', id: 'p4', text: PAYLOADS[4] }, auth);
		await api.post(`/api/sessions/${code}/host`, { type: 'adopt', text: PAYLOADS[5], from: ['p1'] }, auth);
		await api.post(`/api/sessions/${code}/host`, { type: 'adopt', text: PAYLOADS[0], from: [] }, auth);
		await api.post(`/api/sessions/${code}/host`, { type: 'reveal', on: true }, auth);
		await api.post(`/api/sessions/${code}/host`, { type: 'projector', view: 'results' }, auth);
		await api.post(`/api/sessions/${code}/host`, { type: 'phase', phase: 'review' }, auth);
	});

	const hostContext = await browser.newContext();
	await hostContext.addCookies([{ name: `kk_host_${code}`, value: hostKey, url: baseURL! }]);
	const phoneContext = await browser.newContext();
	await phoneContext.addCookies([{ name: `kk_dev_${code}`, value: student.cookie.split('=')[1]!, url: baseURL! }]);
	const pages = [
		{ context: hostContext, path: `/host/${code}`, shows: [PAYLOADS[2], PAYLOADS[4], PAYLOADS[5]], live: true },
		{ context: hostContext, path: `/host/${code}/projector`, shows: [PAYLOADS[2], PAYLOADS[4]], live: true },
		{ context: phoneContext, path: `/s/${code}`, shows: [PAYLOADS[2], PAYLOADS[4], PAYLOADS[5]], live: true },
		{ context: hostContext, path: `/host/${code}/poster`, shows: [PAYLOADS[5], PAYLOADS[0]], live: false }
	];
	for (const [index, { context, path, shows, live }] of pages.entries()) {
		await test.step(`${path.replace(code, ':code')} shows the payloads as text and runs none`, async () => {
			const page = await context.newPage();
			const dialogs: string[] = [];
			page.on('dialog', (dialog) => {
				dialogs.push(dialog.message());
				void dialog.dismiss();
			});
			await page.goto(path);
			// The board pages a long list: a payload on a later page is in the page as text, not shown yet.
			const shown = (text: string) => page.getByText(text, { exact: true }).first();
			for (const text of shows)
				await (path.endsWith('/projector') ? expect(shown(text!)).toBeAttached() : expect(shown(text!)).toBeVisible());
			if (live) {
				// A live update brings a payload that the browser renders itself, not the server.
				const edited = `${PAYLOADS[1]} ${index}`;
				await api.post(`/api/sessions/${code}/host`, { type: 'edit', id: 'p2', text: edited }, auth);
				await (path.endsWith('/projector') ? expect(shown(edited)).toBeAttached() : expect(shown(edited)).toBeVisible());
			}
			expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
			expect(await page.locator('img[src="x"], svg[onload], a[href^="javascript"], b').count()).toBe(0);
			expect(dialogs).toEqual([]);
			await page.close();
		});
	}

	await test.step('Every export keeps them inert', async () => {
		const exported = async (format: string) => {
			const response = await fetch(`${baseURL}/api/sessions/${code}/export/${format}`, { headers: auth });
			expect(response.status).toBe(200);
			return response.text();
		};
		const markdown = await exported('md');
		const html = new Marked().parse(markdown, { async: false });
		expect(html).not.toMatch(/<img|<script|<svg|<b>|href="javascript/i);
		expect(html).toContain('&lt;img src=x onerror=');
		const csv = await exported('csv');
		expect(csv).toContain(`"'=HYPERLINK(""http://example.test"",""x"")"`);
		expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
		const record = JSON.parse(await exported('json')) as { proposals: Array<{ text: string }>; rules: Array<{ text: string }> };
		expect(record.proposals.map((p) => p.text)).toContain(PAYLOADS[0]);
		expect(record.rules.map((r) => r.text)).toEqual([PAYLOADS[5], PAYLOADS[0]]);
	});
});

test('security headers on every kind of page, and host cookies that scripts and other sites cannot use', async ({ baseURL }) => {
	const api = new ApiClient(baseURL!);
	const created = await api.post('/api/sessions', {});
	const code = String(created.json.code);
	for (const path of ['/', '/lessons/klasafspraken', `/s/${code}`, '/join', `/en/lessons/klasafspraken/present`]) {
		const response = await fetch(`${baseURL}${path}`, { headers: { cookie: api.cookie } });
		const csp = response.headers.get('content-security-policy') ?? '';
		const scriptSrc = csp.split(';').find((directive) => directive.trim().startsWith('script-src')) ?? '';
		expect(scriptSrc, path).toMatch(/script-src 'self'/);
		expect(scriptSrc, path).not.toContain('unsafe-inline');
		expect(csp, path).toContain("frame-ancestors 'none'");
		expect(csp, path).toContain("default-src 'self'");
		expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
		expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
	}
	const response = await fetch(`${baseURL}/api/sessions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
	expect(response.status).toBe(201);
	const cookie = response.headers.get('set-cookie') ?? '';
	expect(cookie).toMatch(/^kk_host_[A-Z0-9]{6}=/);
	expect(cookie).toMatch(/HttpOnly/i);
	expect(cookie).toMatch(/SameSite=Lax/i);
	expect(cookie).not.toMatch(/Secure/i);

	const refused = await fetch(`${baseURL}/api/sessions`, { method: 'POST', body: '{}', headers: { origin: 'https://evil.example' } });
	expect(refused.status).toBe(403);
});

test('behind HTTPS the host and device cookies are Secure and __Host- prefixed', async () => {
	const server = await startServer({ env: { ORIGIN: 'https://klasakkoord.test' } });
	try {
		const created = await fetch(`${server.url}/api/sessions`, {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json' }
		});
		expect(created.status).toBe(201);
		// `__Host-`: the browser keeps it only if Secure, with Path=/ and no Domain, so no subdomain can set or shadow it.
		expect(created.headers.get('set-cookie')).toMatch(/^__Host-kk_host_[A-Z0-9]{6}=/);
		expect(created.headers.get('set-cookie')).toMatch(/; Secure/i);
		expect(created.headers.get('set-cookie')).toMatch(/; Path=\/(;|$)/i);
		expect(created.headers.get('set-cookie')).not.toMatch(/Domain=/i);
		const { code, join } = (await created.json()) as { code: string; join: string };
		expect(join).toBe(`https://klasakkoord.test/s/${code}`);
		const joined = await fetch(`${server.url}/api/sessions/${code}/join`, { method: 'POST' });
		expect(joined.status).toBe(200);
		expect(joined.headers.get('set-cookie')).toMatch(
			/^__Host-kk_dev_[A-Z0-9]{6}=.*HttpOnly.*Secure|^__Host-kk_dev_[A-Z0-9]{6}=.*Secure.*HttpOnly/i
		);
		expect(joined.headers.get('set-cookie')).toMatch(/; Path=\/(;|$)/i);
	} finally {
		await stopServer(server);
	}
});
