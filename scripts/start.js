// `npm start`: builds the app when the build is missing or older than the sources, then serves it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtFile = path.join(root, 'build', 'handler.js');

function newestMtime(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

function needsBuild() {
	if (!existsSync(builtFile)) return true;
	const sources = ['src', 'migrations', 'static'].map((d) => newestMtime(path.join(root, d)));
	const configs = ['package.json', 'svelte.config.js', 'vite.config.ts'].map(
		(f) => statSync(path.join(root, f)).mtimeMs
	);
	return Math.max(...sources, ...configs) > statSync(builtFile).mtimeMs;
}

if (needsBuild()) {
	process.stdout.write('Building the app (first start or sources changed)…\n');
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

await import('./server.js');
