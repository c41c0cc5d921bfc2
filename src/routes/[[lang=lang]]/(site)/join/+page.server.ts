import { redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import * as act from '$lib/server/actions';
import { sessions } from '$lib/server/app';
import { deviceCookie, setDeviceCookie } from '$lib/server/cookies';
import { normalizeCode } from '$lib/server/keys';
import { failure, readForm } from '$lib/server/respond';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url }) => ({ code: url.searchParams.get('code')?.slice(0, 12) ?? '' })) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const raw = String((await readForm(event.request)).code ?? '').slice(0, 40);
		const code = normalizeCode(raw);
		const live = code ? sessions().get(code) : null;
		if (!live) return failure(event, 'unknown_session', { code: raw });
		const outcome = act.join(live, event.cookies.get(deviceCookie(live.code)));
		if (!outcome.ok) return failure(event, outcome.code, { code: raw });
		setDeviceCookie(event, live.code, outcome.token);
		redirect(303, localize(event.locals.lang, `/s/${live.code}`));
	}
} satisfies Actions;
