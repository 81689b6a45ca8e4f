import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		csrf: { trustedOrigins: [] },
		// Content-Security-Policy: SvelteKit adds a nonce (rendered pages) or a hash (prerendered
		// ones) for its own inline bootstrap script, so no inline script runs without one.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Stylesheets and <style> elements: our own files only (SvelteKit gets a nonce for any
				// <style> it inlines). Style *attributes* stay allowed: Svelte writes them for every
				// `style:` directive (bar widths, answer colours, the app shell's display: contents),
				// both in the server's HTML and when it patches the DOM; a nonce or hash cannot cover
				// values computed at run time. An attribute can only restyle, never run code.
				// Transitions and animate:flip run through the Web Animations API, which CSP does
				// not govern.
				'style-src': ['self'],
				'style-src-elem': ['self'],
				'style-src-attr': ['unsafe-inline'],
				// QR codes are inline <svg> elements in the page; data: is for images the browser
				// or a library builds itself (e.g. CSS-inlined icons); blob: is the question editor's preview
				// of a picture chosen but not yet uploaded.
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				// 'self' covers the same origin's ws:/wss: too (CSP level 3), which Socket.IO upgrades to.
				'connect-src': ['self'],
				// The service worker (src/service-worker.ts) and the web app manifest, from our origin only.
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			// Type-check (and lint) the code outside src/ too.
			config: (config) => {
				config.include.push(
					'../bench/**/*.ts',
					'../migrations/**/*.ts',
					'../scripts/**/*.ts',
					'../playwright.config.ts'
				);
			}
		}
	}
};

export default config;
