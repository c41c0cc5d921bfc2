import { resolve } from 'node:path';

/** Settings from the environment, read once. Documented in README.md. */
export const config = {
	dataDir: resolve(process.env.DATA_DIR || 'data'),
	lessonsDir: resolve(process.env.LESSONS_DIR || 'lessons'),
	retentionDays: positiveNumber(process.env.RETENTION_DAYS, 30)
};

function positiveNumber(value: string | undefined, fallback: number): number {
	const number = Number(value);
	return value && Number.isFinite(number) && number > 0 ? number : fallback;
}
