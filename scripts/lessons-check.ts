/**
 * `npm run lessons:check`: validates every lesson module (format, timing: the required steps fit the
 * duration), runs the tone check, and prints per module and language the minutes (duration, required
 * and with the optional parts) and the readability of the student text. Exits with 1 on any problem or tone finding.
 */
import { resolve } from 'node:path';
import { buildCatalog } from '../src/lib/lessons/catalog';
import { readability, studentText } from '../src/lib/lessons/readability';
import { timing } from '../src/lib/lessons/timing';
import { checkTone, type ToneFinding } from '../src/lib/lessons/tone';
import { LANGS } from '../src/lib/lessons/types';
import { readLessonFiles } from '../src/lib/server/lesson-files';

const dir = resolve(process.argv[2] ?? process.env.LESSONS_DIR ?? 'lessons');
const files = readLessonFiles(dir);
const sources = new Map(files.map((file) => [file.path, file.source]));
const catalog = buildCatalog(files);
const findings: ToneFinding[] = [];

console.log('module file                                   steps  min (required/all)  act  sentences  words/sentence  readability');
for (const module of catalog.modules) {
	for (const lang of LANGS) {
		const lesson = module.versions[lang];
		if (!lesson) continue;
		findings.push(...checkTone(sources.get(lesson.file) ?? '', lesson));
		const activities = lesson.steps.flatMap((step) => step.activities).length;
		const r = readability(studentText(lesson), lang);
		const target =
			lang === 'nl' && lesson.meta.audience === 'students'
				? r.wordsPerSentence < 12
					? ' (B1 aim < 12: met)'
					: ' (B1 aim < 12: NOT met)'
				: '';
		console.log(
			[
				lesson.file.padEnd(44),
				String(lesson.steps.length).padStart(5),
				`${String(lesson.meta.duration).padStart(4)} (${timing(lesson.steps).required}/${timing(lesson.steps).total})`.padEnd(18),
				String(activities).padStart(4),
				String(r.sentences).padStart(10),
				String(r.wordsPerSentence.toFixed(1)).padStart(15) + target,
				`  ${r.scoreName} ${r.score.toFixed(0)}`
			].join(' ')
		);
	}
}

let failed = false;
if (catalog.issues.length > 0) {
	failed = true;
	console.error(`\n${catalog.issues.length} format problem(s):`);
	for (const issue of catalog.issues) console.error(`${issue.file}:${issue.line}  ${issue.message}`);
}
if (findings.length > 0) {
	failed = true;
	console.error(`\n${findings.length} tone finding(s):`);
	for (const f of findings) {
		console.error(`${f.file}:${f.line}  [${f.rule}]${f.phrase ? ` "${f.phrase}"` : ''}  → ${f.suggestion}`);
	}
}
if (failed) process.exit(1);
console.log(`\n${catalog.modules.length} module(s): no format problems, no tone findings.`);
