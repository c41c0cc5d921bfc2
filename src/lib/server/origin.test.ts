import { describe, expect, it } from 'vitest';
import { isCrossSite } from './origin';

const post = (headers: Record<string, string>, url = 'http://192.168.1.20:3000/join') => new Request(url, { method: 'POST', headers });

describe('isCrossSite', () => {
	it('lets same-host form posts through whether the page was http or https', () => {
		expect(isCrossSite(post({ origin: 'http://192.168.1.20:3000' }))).toBe(false);
		expect(isCrossSite(post({ origin: 'https://192.168.1.20:3000' }, 'https://192.168.1.20:3000/join'))).toBe(false);
	});

	it('refuses posts from another host, from an opaque origin, or marked cross-site', () => {
		expect(isCrossSite(post({ origin: 'https://evil.example' }))).toBe(true);
		expect(isCrossSite(post({ origin: 'null' }))).toBe(true);
		expect(isCrossSite(post({ 'sec-fetch-site': 'cross-site' }))).toBe(true);
		expect(isCrossSite(post({ origin: 'not a url' }))).toBe(true);
	});

	it('lets reads and requests without browser headers through', () => {
		expect(isCrossSite(new Request('http://x/', { headers: { origin: 'https://evil.example' } }))).toBe(false);
		expect(isCrossSite(post({}))).toBe(false);
	});
});
