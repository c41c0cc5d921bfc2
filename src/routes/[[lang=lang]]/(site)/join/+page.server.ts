import { fail, redirect } from '@sveltejs/kit';
import { localize, messages } from '$lib/i18n';
import * as act from '$lib/server/actions';
import { sessions } from '$lib/server/app';
import { deviceCookie, setDeviceCookie } from '$lib/server/http';
import { normalizeCode } from '$lib/server/keys';
import { readForm } from '$lib/server/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url }) => ({ code: url.searchParams.get('code')?.slice(0, 12) ?? '' })) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const lang = event.locals.lang;
		const raw = String((await readForm(event.request)).code ?? '').slice(0, 40);
		const code = normalizeCode(raw);
		const live = code ? sessions().get(code) : null;
		if (!live) return fail(404, { code: raw, error: messages(lang).live.errors.unknown_session });
		const outcome = act.join(live, event.cookies.get(deviceCookie(live.code)), lang);
		if (!outcome.ok) return fail(outcome.status, { code: raw, error: outcome.message });
		setDeviceCookie(event, live.code, outcome.token);
		redirect(303, localize(lang, `/s/${live.code}`));
	}
} satisfies Actions;
