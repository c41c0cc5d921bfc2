import { messages } from '$lib/i18n';
import type { Lang } from '$lib/lessons/types';
import { sessions } from './app';
import { findLesson } from './lessons';
import { limits } from './ratelimit';
import type { Outcome } from './respond';

/**
 * Starts a session in the given language from a module (its first proposals round sets the theme)
 * or as a bare round of class agreements with an optional theme.
 */
export async function createSession(
	input: { module?: string; theme?: string },
	lang: Lang,
	address: string
): Promise<Outcome<{ code: string; hostKey: string }>> {
	// Per address first: one client cannot use up what the whole school shares.
	if (!limits.createPerAddress.take(address) || !limits.create.take('server')) return { ok: false, code: 'rate_limited' };
	const theme = (input.theme ?? '').replace(/\s+/g, ' ').trim();
	if (input.module) {
		const lesson = findLesson(input.module, lang);
		if (!lesson || lesson.meta.audience !== 'students') return { ok: false, code: 'invalid' };
		const round = lesson.steps.flatMap((step) => step.activities).find((activity) => activity.kind === 'proposals');
		const created = await sessions().create({
			lang: lesson.lang,
			moduleId: lesson.meta.id,
			title: lesson.meta.title,
			round: round?.id,
			theme: theme || round?.label || '',
			steps: lesson.steps.map((step) => ({
				id: step.id,
				title: step.title,
				minutes: step.minutes,
				activities: step.activities.map(({ id, kind, label, text, options }) => ({ id, kind, label, text, options }))
			}))
		});
		return { ok: true, ...created };
	}
	const created = await sessions().create({ lang, moduleId: null, title: messages(lang).live.defaultTitle, theme });
	return { ok: true, ...created };
}
