import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// Types already catch undefined names in TypeScript; this rule only misfires on them.
			'no-undef': 'off',
			// Links are built by localize() (i18n) and the app is served at the root, without paths.base.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		// These render HTML the server made and sanitised: lesson Markdown (lessons/markdown.ts, through
		// sanitize-html) and the join QR code (server/qr.ts). Anywhere else `{@html}` stays an error.
		files: [
			'src/lib/components/HelpCard.svelte',
			'src/lib/components/ActivityView.svelte',
			'src/lib/components/LessonBlocks.svelte',
			'src/lib/components/console/LessonControls.svelte',
			'src/routes/**/host/*/+page.svelte',
			'src/routes/**/host/*/projector/+page.svelte',
			'src/routes/**/charter/*/+page.svelte'
		],
		rules: { 'svelte/no-at-html-tags': 'off' }
	},
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'bench/results/', 'static/', '.scratch/', 'test-results/'] }
);
