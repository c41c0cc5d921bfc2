import { createSession } from '$lib/server/create';
import { setHostCookie } from '$lib/server/cookies';
import { clientAddress } from '$lib/server/guards';
import { publicOrigin } from '$lib/server/links';
import { readJson, refusal } from '$lib/server/respond';
import { createSchema } from '$lib/server/schemas';
import type { RequestHandler } from './$types';

/** Creates a session: `{ module?, theme?, lang? }`. Answers with the code and the host key. */
export const POST: RequestHandler = async (event) => {
	const body = await readJson(event.request);
	if (!body.ok) return refusal(event, body.code);
	const parsed = createSchema.safeParse(body.value ?? {});
	if (!parsed.success) return refusal(event, 'invalid');
	const created = await createSession(parsed.data, parsed.data.lang ?? event.locals.lang, clientAddress(event));
	if (!created.ok) return refusal(event, created.code);
	setHostCookie(event, created.code, created.hostKey);
	const origin = publicOrigin(event);
	return Response.json(
		{
			ok: true,
			code: created.code,
			hostKey: created.hostKey,
			join: `${origin}/s/${created.code}`,
			console: `${origin}/host/${created.code}`
		},
		{ status: 201 }
	);
};
