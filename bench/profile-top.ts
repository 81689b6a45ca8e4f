// The top self-time entries of a V8 CPU profile (node --cpu-prof), by function and file, with the
// share of all samples; idle and GC shown as V8 names them. Used to explain bench/http-saves.ts.
// Run: npx tsx bench/profile-top.ts prof/CPU.….cpuprofile [N=25]
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const [file, count = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
	const dt = profile.timeDeltas[i] ?? 0;
	const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
	if (functionName === '(idle)') {
		idle += dt;
		return;
	}
	total += dt;
	const where = url ? `${url.replace(/^.*\/(node_modules\/|build\/|node:)/, '$1')}:${lineNumber + 1}` : '';
	const key = `${functionName || '(anonymous)'} ${where}`;
	self.set(key, (self.get(key) ?? 0) + dt);
});
process.stdout.write(`busy ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms\n`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
	process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}\n`);
}
