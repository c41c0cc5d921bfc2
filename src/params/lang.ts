import type { ParamMatcher } from '@sveltejs/kit';

/** Only English has a URL prefix; Dutch, the default, has none. */
export const match = ((param: string): param is 'en' => param === 'en') satisfies ParamMatcher;
