import { createSession } from '$lib/server/create';
import { apiLang, messageOf, publicOrigin, readJson, setHostCookie, statusOf } from '$lib/server/http';
import { createSchema } from '$lib/server/schemas';
import type { RequestHandler } from './$types';

/** Creates a session: `{ module?, theme?, lang? }`. Answers with the code and the host key. */
export const POST: RequestHandler = async (event) => {
	const lang = apiLang(event);
	const parsed = createSchema.safeParse(await readJson(event.request));
	if (!parsed.success) return Response.json({ ok: false, error: 'invalid', message: messageOf(lang, 'invalid') }, { status: 400 });
	const created = createSession(parsed.data, parsed.data.lang ?? lang);
	if (!created.ok) return Response.json({ ok: false, error: created.code, message: messageOf(lang, created.code) }, { status: statusOf(created.code) });
	setHostCookie(event, created.code, created.hostKey);
	const origin = publicOrigin(event);
	return Response.json(
		{ ok: true, code: created.code, hostKey: created.hostKey, join: `${origin}/s/${created.code}`, console: `${origin}/host/${created.code}` },
		{ status: 201 }
	);
};
