import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true,
		discloseVersion: false
	},
	kit: {
		adapter: adapter({ precompress: true }),
		// The browser asks the server which route a link leads to, instead of loading the whole route
		// manifest up front: less JavaScript on a student's first visit.
		router: { resolution: 'server' },
		// The app checks the origin of unsafe requests itself (src/hooks.server.ts), comparing hosts
		// rather than full origins, so a classroom server reached over plain http on a LAN address works
		// without ORIGIN; adapter-node would otherwise assume https.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
