import { compareVersions } from './compare';
import { parseLesson } from './parse';
import { AUDIENCES, LANGS, type Lang, type Lesson, type LessonIssue } from './types';

export interface LessonFile {
	/** Path as shown in messages, e.g. `lessons/class-agreements/nl.md`. */
	path: string;
	/** The module folder's name. */
	folder: string;
	/** The file name without `.md`. */
	name: string;
	source: string;
}

export interface Module {
	id: string;
	versions: Partial<Record<Lang, Lesson>>;
}

export interface Catalog {
	modules: Module[];
	issues: LessonIssue[];
}

/**
 * Turns the files of a lessons folder into modules. A module with any problem is left out of the
 * catalogue, and every problem is reported; the other modules stay usable.
 */
export function buildCatalog(files: LessonFile[]): Catalog {
	const issues: LessonIssue[] = [];
	const byFolder = new Map<string, LessonFile[]>();
	for (const file of files) byFolder.set(file.folder, [...(byFolder.get(file.folder) ?? []), file]);

	const modules: Module[] = [];
	for (const [folder, group] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
		const before = issues.length;
		const versions: Partial<Record<Lang, Lesson>> = {};
		for (const file of group) {
			if (!isLang(file.name)) {
				issues.push({ file: file.path, line: 1, message: `a lesson file is named after its language: ${LANGS.map((l) => l + '.md').join(' or ')}` });
				continue;
			}
			const result = parseLesson(file.source, file.path, file.name);
			if (!result.ok) {
				issues.push(...result.issues);
				continue;
			}
			if (result.lesson.meta.id !== moduleId(folder)) {
				issues.push({ file: file.path, line: 2, message: `id "${result.lesson.meta.id}" must match the folder name "${folder}" (without its number)` });
				continue;
			}
			versions[file.name] = result.lesson;
		}
		const [first, ...rest] = LANGS.flatMap((lang) => versions[lang] ?? []);
		if (first) for (const other of rest) issues.push(...compareVersions(first, other));
		if (first && issues.length === before) modules.push({ id: first.meta.id, versions });
	}
	return { modules: sortModules(modules), issues };
}

/** A folder may start with a number that sets the order: `05-class-agreements` holds `class-agreements`. */
export function moduleId(folder: string): string {
	return folder.replace(/^\d+-/, '');
}

/** Student modules first, in their folder order, then parents, staff last. */
function sortModules(modules: Module[]): Module[] {
	const audience = (module: Module) => AUDIENCES.indexOf(anyVersion(module).meta.audience);
	return [...modules].sort((a, b) => audience(a) - audience(b));
}

export function anyVersion(module: Module): Lesson {
	const lesson = LANGS.map((lang) => module.versions[lang]).find(Boolean);
	if (!lesson) throw new Error(`module ${module.id} has no language version`);
	return lesson;
}

/** The version in the asked language, or the other one when a school wrote only one. */
export function pickVersion(module: Module, lang: Lang): Lesson {
	return module.versions[lang] ?? anyVersion(module);
}

function isLang(name: string): name is Lang {
	return (LANGS as readonly string[]).includes(name);
}
