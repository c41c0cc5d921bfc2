/**
 * `npm run lessons:check`: validates every lesson module and prints a summary per module and
 * language, or every problem with its file and line. Exits with 1 when anything is wrong.
 */
import { resolve } from 'node:path';
import { buildCatalog } from '../src/lib/lessons/catalog';
import { LANGS } from '../src/lib/lessons/types';
import { readLessonFiles } from '../src/lib/server/lesson-files';

const dir = resolve(process.argv[2] ?? process.env.LESSONS_DIR ?? 'lessons');
const catalog = buildCatalog(readLessonFiles(dir));

for (const module of catalog.modules) {
	for (const lang of LANGS) {
		const lesson = module.versions[lang];
		if (!lesson) continue;
		const activities = lesson.steps.flatMap((step) => step.activities).length;
		console.log(
			`ok  ${lesson.file.padEnd(42)} ${String(lesson.steps.length).padStart(2)} steps  ${String(lesson.meta.duration).padStart(3)} min  ${String(activities).padStart(2)} activities`
		);
	}
}

if (catalog.issues.length > 0) {
	console.error(`\n${catalog.issues.length} problem(s):`);
	for (const issue of catalog.issues) console.error(`${issue.file}:${issue.line}  ${issue.message}`);
	process.exit(1);
}
console.log(`\n${catalog.modules.length} module(s), no problems.`);
