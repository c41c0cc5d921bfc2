import { expect, test } from '@playwright/test';
import { measureRoutes } from '../scripts/page-weight';

// Reads the build output only; the figures for every route are in docs/performance.md.
test('the student page loads under 40 KB of gzipped JS and CSS on a first visit', () => {
	const routes = measureRoutes();
	expect(routes.length).toBeGreaterThan(5);
	const student = routes.find((route) => route.route === '/[[lang=lang]]/(bare)/s/[code]');
	expect(student, 'the student route is in the build').toBeDefined();
	expect(student!.js).toBeGreaterThan(10_000);
	expect(student!.total).toBeLessThan(40 * 1024);
});
