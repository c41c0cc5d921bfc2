import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LessonFile } from '$lib/lessons/catalog';
import { LANGS, type Lang } from '$lib/lessons/types';

/** Reads every `<folder>/<name>.md` below the lessons directory. */
export function readLessonFiles(dir: string): LessonFile[] {
	const files: LessonFile[] = [];
	for (const folder of readdirSync(dir).sort()) {
		const folderPath = join(dir, folder);
		if (folder.startsWith('.') || !statSync(folderPath).isDirectory()) continue;
		for (const entry of readdirSync(folderPath).sort()) {
			if (!entry.endsWith('.md')) continue;
			const path = join(folderPath, entry);
			files.push({
				path: relative(process.cwd(), path) || path,
				folder,
				name: entry.slice(0, -3),
				source: readFileSync(path, 'utf8')
			});
		}
	}
	return files;
}

/** The help card as Markdown per language, from `helpcard.<lang>.md` beside the module folders. */
export function readHelpcards(dir: string): Partial<Record<Lang, string>> {
	const cards: Partial<Record<Lang, string>> = {};
	for (const lang of LANGS) {
		try {
			cards[lang] = readFileSync(join(dir, `helpcard.${lang}.md`), 'utf8');
		} catch {
			// A school may run without a help card file for one language; the other one is shown.
		}
	}
	return cards;
}
