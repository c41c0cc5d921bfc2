import type { Lang } from '$lib/lessons/types';
import { en } from './en';
import { nl, type Messages } from './nl';

export type { Messages };
export const DEFAULT_LANG: Lang = 'nl';

const all: Record<Lang, Messages> = { nl, en };

export function messages(lang: Lang): Messages {
	return all[lang];
}

export function toLang(value: string | undefined): Lang {
	return value === 'en' ? 'en' : DEFAULT_LANG;
}

/** A path in the given language: Dutch has no prefix, English lives under `/en`. */
export function localize(lang: Lang, path: string): string {
	if (lang === DEFAULT_LANG) return path;
	return path === '/' ? '/en' : `/en${path}`;
}

/** The same page in the other language. */
export function switchPath(pathname: string, to: Lang): string {
	const bare = pathname === '/en' ? '/' : pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
	return localize(to, bare);
}
