// Replacing many needles in many texts at once (the purge's audit-log scrub: the phones, emails
// and names of 20,000 people in every entry of the log). An Aho–Corasick automaton (Aho &
// Corasick 1975) finds every occurrence of every needle in one pass over a text, so the cost is
// the texts' length, not texts × needles. Occurrences are replaced leftmost first, the longest
// at a place; the text between them is kept as it is.

export interface ManyReplacer {
	/** the text with every occurrence replaced, or the same string when there is none */
	replace(text: string): string;
}

/**
 * `pairs`: needle → its replacement; a needle given twice keeps its first replacement; empty
 * needles are ignored.
 */
export function createManyReplacer(pairs: Iterable<readonly [string, string]>): ManyReplacer {
	// the trie: node 0 is the root; a node's children are a list (first child, next sibling), and
	// the root's also an array by code unit (most steps of a search fall back to the root)
	const firstChild: number[] = [-1];
	const nextSibling: number[] = [-1];
	const unitOf: number[] = [0];
	const fail: number[] = [0];
	const depth: number[] = [0];
	/** the needle ending at the node (its replacement's index), -1 none */
	const output: number[] = [-1];
	/** the nearest node on the fail chain with an output (0: none) */
	const dictionary: number[] = [0];
	const rootChild = new Int32Array(65536);
	const replacements: string[] = [];
	const childOf = (node: number, unit: number): number => {
		if (node === 0) return rootChild[unit] || -1;
		for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) if (unitOf[c] === unit) return c;
		return -1;
	};
	for (const [needle, replacement] of pairs) {
		if (!needle) continue;
		let node = 0;
		for (let i = 0; i < needle.length; i++) {
			const unit = needle.charCodeAt(i);
			let next = childOf(node, unit);
			if (next < 0) {
				next = fail.length;
				firstChild.push(-1);
				nextSibling.push(firstChild[node]);
				firstChild[node] = next;
				if (node === 0) rootChild[unit] = next;
				unitOf.push(unit);
				fail.push(0);
				depth.push(depth[node] + 1);
				output.push(-1);
				dictionary.push(0);
			}
			node = next;
		}
		if (output[node] < 0) {
			output[node] = replacements.length;
			replacements.push(replacement);
		}
	}
	const step = (node: number, unit: number): number => {
		for (;;) {
			const next = childOf(node, unit);
			if (next >= 0) return next;
			if (node === 0) return 0;
			node = fail[node];
		}
	};
	// fail links breadth first: a node's is found from its parent's
	const queue: number[] = [];
	for (let c = firstChild[0]; c >= 0; c = nextSibling[c]) queue.push(c);
	for (let q = 0; q < queue.length; q++) {
		const node = queue[q];
		for (let next = firstChild[node]; next >= 0; next = nextSibling[next]) {
			const f = step(fail[node], unitOf[next]);
			fail[next] = f;
			dictionary[next] = output[f] >= 0 ? f : dictionary[f];
			queue.push(next);
		}
	}
	return {
		replace(text) {
			if (replacements.length === 0) return text;
			// the longest needle starting at each place found: by its end and length
			let starts: Map<number, number> | null = null;
			let node = 0;
			for (let i = 0; i < text.length; i++) {
				node = step(node, text.charCodeAt(i));
				for (let m = output[node] >= 0 ? node : dictionary[node]; m !== 0; m = dictionary[m]) {
					const from = i + 1 - depth[m];
					starts ??= new Map();
					const known = starts.get(from);
					if (known === undefined || depth[known] < depth[m]) starts.set(from, m);
				}
			}
			if (!starts) return text;
			let out = '';
			let at = 0;
			for (const from of [...starts.keys()].sort((a, b) => a - b)) {
				if (from < at) continue;
				const m = starts.get(from)!;
				out += text.slice(at, from) + replacements[output[m]];
				at = from + depth[m];
			}
			return out + text.slice(at);
		}
	};
}
