import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A release folder as docs/deploy.md lays one out (`releases/<version>`): the build, the server entry, deploy/,
 * the lessons and package.json, with this checkout's node_modules linked in (a real release runs
 * `npm ci --omit=dev` there). `marker` is written to build/client/release.txt, so a test can ask the
 * running server which release it serves.
 */
export function makeRelease(dir: string, marker?: string): string {
	mkdirSync(dir, { recursive: true });
	for (const name of ['build', 'server', 'deploy', 'lessons', 'package.json']) cpSync(resolve(name), join(dir, name), { recursive: true });
	symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
	if (marker) writeFileSync(join(dir, 'build', 'client', 'release.txt'), marker);
	return dir;
}
