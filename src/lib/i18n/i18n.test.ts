import { describe, expect, it } from 'vitest';
import { localize, messages, switchPath, toLang } from './index';

describe('language paths', () => {
	it('keeps Dutch without a prefix and English under /en', () => {
		expect(localize('nl', '/lessons/x')).toBe('/lessons/x');
		expect(localize('en', '/lessons/x')).toBe('/en/lessons/x');
		expect(localize('en', '/')).toBe('/en');
	});

	it('switches the same page between languages', () => {
		expect(switchPath('/', 'en')).toBe('/en');
		expect(switchPath('/en', 'nl')).toBe('/');
		expect(switchPath('/en/lessons/x/present', 'nl')).toBe('/lessons/x/present');
		expect(switchPath('/lessons/x', 'en')).toBe('/en/lessons/x');
		expect(switchPath('/entree', 'en')).toBe('/en/entree');
	});

	it('falls back to Dutch for anything but en', () => {
		expect(toLang('en')).toBe('en');
		expect(toLang(undefined)).toBe('nl');
		expect(toLang('de')).toBe('nl');
	});
});

describe('messages', () => {
	it('has every string in both languages, none empty', () => {
		const walk = (value: unknown, path: string): string[] =>
			typeof value === 'string'
				? value.trim()
					? []
					: [path]
				: typeof value === 'object' && value
					? Object.entries(value).flatMap(([key, child]) => walk(child, `${path}.${key}`))
					: [];
		expect(walk(messages('nl'), 'nl')).toEqual([]);
		expect(walk(messages('en'), 'en')).toEqual([]);
		const keys = (value: object): string[] =>
			Object.entries(value).flatMap(([key, child]) =>
				typeof child === 'object' && child && !Array.isArray(child) ? keys(child).map((k) => `${key}.${k}`) : [key]
			);
		expect(keys(messages('en')).sort()).toEqual(keys(messages('nl')).sort());
	});
});
