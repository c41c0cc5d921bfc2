import { error } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { buildCatalog, pickVersion, type Catalog, type Module } from '$lib/lessons/catalog';
import { renderMarkdown } from '$lib/lessons/markdown';
import type { Audience, Lang, Lesson } from '$lib/lessons/types';
import type { SessionState } from '$lib/session/types';
import { config } from './config';
import { readHelpcards, readLessonFiles } from './lesson-files';

interface Library {
	catalog: Catalog;
	/** The help card per language: for students as written, and for staff with a staff introduction. */
	helpcards: Partial<Record<Lang, Record<Audience, string>>>;
}

let library: Library | null = null;

/**
 * Lessons are read once, on first use, and kept: they change only when a school edits the files and
 * restarts the app. Problems are logged so the school sees why a module is missing.
 */
function load(): Library {
	if (library) return library;
	const catalog = buildCatalog(readLessonFiles(config.lessonsDir));
	for (const issue of catalog.issues) console.warn(`lesson problem: ${issue.file}:${issue.line} ${issue.message}`);
	const helpcards: Library['helpcards'] = {};
	for (const [lang, markdown] of Object.entries(readHelpcards(config.lessonsDir)) as Array<[Lang, string]>) {
		// The card's first paragraph speaks to students; staff get their own, above the same table.
		const [, ...rest] = markdown.trim().split(/\n\s*\n/);
		helpcards[lang] = {
			students: renderMarkdown(markdown),
			// Parents see the card their child sees in class.
			parents: renderMarkdown(markdown),
			staff: renderMarkdown([messages(lang).helpcardStaffIntro, ...rest].join('\n\n'))
		};
	}
	library = { catalog, helpcards };
	return library;
}

export function listModules(): Module[] {
	return load().catalog.modules;
}

export function findLesson(id: string, lang: Lang): Lesson | null {
	const module = load().catalog.modules.find((candidate) => candidate.id === id);
	return module ? pickVersion(module, lang) : null;
}

export function helpcardHtml(lang: Lang, audience: Audience = 'students'): string {
	const cards = load().helpcards;
	return (cards[lang] ?? cards.nl ?? cards.en)?.[audience] ?? '';
}

/** Student modules run live on phones; the staff module is for a team meeting and has no live mode. */
export function canRunLive(lesson: Lesson): boolean {
	return lesson.meta.audience === 'students';
}

/** The page data every lesson view loads; a 404 in the visitor's language when the lesson is gone. */
export function requireLesson(id: string, lang: Lang): { lesson: Lesson; helpcard: string } {
	const lesson = findLesson(id, lang);
	if (!lesson) error(404, messages(lang).lessonNotFound);
	return { lesson, helpcard: helpcardHtml(lesson.lang, lesson.meta.audience) };
}

/**
 * What the console and projector of a live lesson need beside the session: per step its notes and
 * class text from the lesson file, and per slide its step and kind. The session keeps its own copy of
 * the steps; when the file has changed since, its texts are left out rather than shown misaligned.
 */
export function lessonOutline(state: SessionState) {
	const lesson = state.moduleId ? findLesson(state.moduleId, state.lang) : null;
	const matches = lesson && lesson.steps.length === state.steps.length;
	return {
		steps: state.steps.map((step, index) => {
			const blocks = matches ? (lesson.steps[index]?.blocks ?? []) : [];
			return {
				title: step.title,
				minutes: step.minutes,
				notes: blocks.flatMap((block) => (block.type === 'notes' ? [block.html] : [])),
				blocks: blocks.filter((block) => block.type !== 'notes')
			};
		}),
		slides: state.slides.map((slide) => {
			// Optional steps and activities come from the lesson file, when it still matches the session.
			const step = matches ? lesson.steps[slide.step] : undefined;
			const optional = !!step && (step.optional || (slide.activity !== null && !!step.activities[slide.activity]?.optional));
			return {
				step: slide.step,
				kind: slide.activity === null ? null : (state.steps[slide.step]?.activities[slide.activity]?.kind ?? null),
				optional
			};
		}),
		helpcard: helpcardHtml(state.lang)
	};
}
