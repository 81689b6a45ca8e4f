// Which catalogue keys a route's pages can show, read from the source: the route's page and
// layouts, their server loads and actions (which return keys as reasons), and every module they
// import from src/lib except the server's and the catalogue's own. A key counts when it appears
// as a string literal ('attempt.next'); a template literal counts for every key that starts with
// its head (`attempt.save.${state}` → attempt.save.*); `tr(variable)` is a key known only at run
// time (a form error, a service's reason).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const routesDir = path.join(repoRoot, 'src', 'routes');
const libDir = path.join(repoRoot, 'src', 'lib');

export interface RouteUsage {
	/** keys written out in full */
	keys: Set<string>;
	/** heads of template literals: every key starting with one may be shown */
	prefixes: Set<string>;
	/** files calling tr() with a value known only at run time */
	dynamic: Set<string>;
}

/** Route ids of every page: '/', '/lam-bai/[id]', … */
export function pageRoutes(dir = routesDir): string[] {
	const found: string[] = [];
	for (const name of readdirSync(dir)) {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) found.push(...pageRoutes(full));
		else if (name === '+page.svelte') found.push('/' + path.relative(routesDir, dir).split(path.sep).join('/'));
	}
	return found.map((id) => (id === '/' ? id : id.replace(/\/$/, ''))).sort();
}

function entryFiles(routeId: string, browserOnly = false): string[] {
	const parts = routeId.split('/').filter(Boolean);
	const files: string[] = [];
	for (let i = 0; i <= parts.length; i++) {
		const dir = path.join(routesDir, ...parts.slice(0, i));
		const names = ['+layout.svelte', '+layout.server.ts', '+layout.ts', '+error.svelte'];
		if (i === parts.length) names.push('+page.svelte', '+page.server.ts', '+page.ts');
		for (const name of names) {
			if (browserOnly && name.endsWith('.server.ts')) continue;
			if (existsSync(path.join(dir, name))) files.push(path.join(dir, name));
		}
	}
	return files;
}

function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = path.join(libDir, spec.slice(5));
	else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
	else return null;
	if (base.startsWith(path.join(libDir, 'server')) || base.startsWith(path.join(libDir, 'i18n'))) return null;
	for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, path.join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

export function routeUsage(routeId: string, catalogue: readonly string[]): RouteUsage {
	const usage: RouteUsage = { keys: new Set(), prefixes: new Set(), dynamic: new Set() };
	const known = new Set(catalogue);
	const seen = new Set<string>();
	const queue = entryFiles(routeId);
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const source = readFileSync(file, 'utf8');
		for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
			const target = resolveImport(file, match[1]);
			if (target) queue.push(target);
		}
		for (const match of source.matchAll(/'([a-z0-9_.]+)'|"([a-z0-9_.]+)"|`([a-z0-9_.]+)`/g)) {
			const text = match[1] ?? match[2] ?? match[3];
			if (known.has(text)) usage.keys.add(text);
		}
		for (const match of source.matchAll(/`([a-z0-9_.]+\.)\$\{/g)) {
			if (catalogue.some((key) => key.startsWith(match[1]))) usage.prefixes.add(match[1]);
		}
		if (/\btr\(\s*[^'"`\s)]/.test(source)) usage.dynamic.add(path.relative(repoRoot, file));
	}
	return usage;
}

/** npm packages a route's browser code imports (from its pages, layouts and universal loads). */
export function browserPackages(routeId: string): Set<string> {
	const packages = new Set<string>();
	const seen = new Set<string>();
	const queue = entryFiles(routeId, true);
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const source = readFileSync(file, 'utf8');
		for (const match of source.matchAll(/^\s*import\s+(?!type\b)(?:[^'"]*?from\s*)?['"]([^'"]+)['"]/gm)) {
			const spec = match[1];
			const target = resolveImport(file, spec);
			if (target) queue.push(target);
			else if (!spec.startsWith('.') && !spec.startsWith('$')) packages.add(spec);
		}
	}
	return packages;
}
