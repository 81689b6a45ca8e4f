import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		csrf: { trustedOrigins: [] },
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
