// The npm registry reachable from our machines serves only the linux-gnu builds of packages
// that ship one build per platform (rollup's @rollup/rollup-<os>-<cpu>). `npm install` then
// writes a package-lock.json without the other platforms' optional packages, and `npm ci`
// refuses that lock as out of sync. This adds the missing optional platform entries, with the
// os/cpu/libc that make npm skip them on every other machine.
// Run after any dependency change: `node scripts/complete-lockfile.js`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const cpus = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x'];
const oses = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'netbsd', 'aix'];

/** os, cpu and libc read off a platform package's name, e.g. rollup-linux-arm64-musl. */
function platformOf(name) {
	const parts = name.split('/').pop().split('-');
	const os = parts.find((p) => oses.includes(p));
	const cpu = parts.find((p) => cpus.includes(p));
	if (!os || !cpu) return null;
	const libc = name.includes('musl') ? ['musl'] : os === 'linux' && name.includes('gnu') ? ['glibc'] : undefined;
	return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
	if (!path) continue;
	for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const hoisted = `node_modules/${dep}`;
		if (lock.packages[`${path}/${hoisted}`] || lock.packages[hoisted]) continue;
		const platform = platformOf(dep);
		if (!platform || !/^\d+\.\d+\.\d+$/.test(version)) continue;
		lock.packages[hoisted] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
		added += 1;
	}
}
const sorted = Object.fromEntries(
	Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1))
);
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, '\t') + '\n');
process.stdout.write(`complete-lockfile: added ${added} optional platform entries\n`);
