import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'test-results/', 'tests/.tmp/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		rules: {
			// Catches a forgotten await: a save or a submit that silently never happens.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-undef': 'off',
			// The app is served at the root (no paths.base), so plain hrefs are the resolved ones.
			'svelte/no-navigation-without-resolve': 'off',
			curly: ['error', 'multi-line']
		}
	},
	{
		// SvelteKit keeps the service worker out of the project's tsconfig (its types are the
		// worker's, not the page's); svelte-check types it, ESLint lints it without types.
		files: ['src/service-worker.ts'],
		...ts.configs.disableTypeChecked
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
	},
	// The layers (README): routes parse and delegate to services; SQL lives in repositories.
	{
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/*.repository', '**/*.repository.js', '**/*.repository.ts'],
							message: 'Routes call services; repositories are for services only.'
						},
						{
							group: [
								'kysely',
								'kysely/**',
								'better-sqlite3',
								'$lib/server/db',
								'$lib/server/db/**',
								'**/server/db/**'
							],
							message: 'Routes do not reach the database: put the query in a repository, the use case in a service.'
						}
					]
				}
			]
		}
	},
	// The domain is pure: no server, no client, no framework, no database.
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/*', '$lib/**', '!$lib/domain', '!$lib/domain/**'],
							message: 'src/lib/domain imports nothing but domain.'
						},
						{
							group: ['**/server', '**/server/**', '**/client/**', '**/components/**', '**/schemas/**', '**/i18n/**'],
							message: 'src/lib/domain imports nothing but domain.'
						},
						{
							group: [
								'$app/**',
								'@sveltejs/**',
								'kysely',
								'kysely/**',
								'better-sqlite3',
								'socket.io',
								'socket.io-client',
								'socket.io*',
								'svelte',
								'svelte/**',
								'**/*.svelte',
								'**/*.svelte.js',
								'**/*.svelte.ts'
							],
							message: 'src/lib/domain imports no framework, database or realtime module.'
						}
					]
				}
			]
		}
	},
	{
		files: ['scripts/**/*.js', 'eslint.config.js', 'svelte.config.js'],
		...ts.configs.disableTypeChecked
	}
);
