import { redirect } from '@sveltejs/kit';
import { localize } from '$lib/i18n';
import * as act from '$lib/server/actions';
import { deviceTokenOf, setDeviceCookie } from '$lib/server/cookies';
import { clientAddress, lookup } from '$lib/server/guards';
import { failure, readForm } from '$lib/server/respond';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url }) => ({ code: url.searchParams.get('code')?.slice(0, 12) ?? '' })) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		if (!form.ok) return failure(event, form.code, { code: '' });
		const raw = String(form.value.code ?? '').slice(0, 40);
		const found = await lookup(event, raw);
		if (!found.ok) return failure(event, found.code, { code: raw });
		const live = found.live;
		const outcome = await act.join(live, deviceTokenOf(event, live.code), clientAddress(event));
		if (!outcome.ok) return failure(event, outcome.code, { code: raw });
		setDeviceCookie(event, live.code, outcome.token);
		redirect(303, localize(event.locals.lang, `/s/${live.code}`));
	}
} satisfies Actions;
