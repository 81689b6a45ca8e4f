/**
 * Likely duplicates in an import, by the question editor's rule (textSimilarity ≥
 * DUPLICATE_THRESHOLD: the Dice coefficient of folded character trigrams), against the bank and
 * against earlier questions of the same file.
 *
 * Comparing every pair would be |file| × (|bank| + |file|) set comparisons; prefix filtering
 * (Xiao et al., "Efficient similarity joins for near duplicate detection", 2008) finds the same
 * pairs while comparing few. Each text's trigrams are ordered rarest first; two sets with Dice ≥ t
 * share at least ⌈t/(2−t)·|x|⌉ trigrams, so they share one among the first |x| − ⌈t/(2−t)·|x|⌉ + 1
 * of each (the "prefix"). Only texts whose prefixes meet are compared, and only when their sizes
 * allow the threshold at all.
 */
import { DUPLICATE_THRESHOLD, trigrams } from '../questions';

export interface DuplicateMatch {
	/** 'bank': an existing question (`id`); 'file': an earlier question of the file (`index`) */
	source: 'bank' | 'file';
	id?: string;
	index?: number;
	text: string;
	similarity: number;
}

export interface RowDuplicates {
	/** the question's position in the file, 0-based */
	index: number;
	/** best match first, at most `maxMatches` */
	matches: DuplicateMatch[];
}

interface Indexed {
	source: 'bank' | 'file';
	id?: string;
	index?: number;
	text: string;
	/** the text's trigrams as ranks, rarest first (ascending) */
	tokens: Int32Array;
}

/** Every question of `file` that looks like a bank question or an earlier one of the file, in file order. */
export function findImportDuplicates(
	file: readonly { text: string }[],
	bank: readonly { id: string; text: string }[],
	threshold: number = DUPLICATE_THRESHOLD,
	maxMatches = 3
): RowDuplicates[] {
	return [...scanImportDuplicates(file, bank, threshold, maxMatches)].filter((row) => row !== null);
}

/**
 * The same, one file question at a time: yields its duplicates, or null when it has none, so that
 * a caller can give the event loop a turn between questions of a large file.
 */
export function* scanImportDuplicates(
	file: readonly { text: string }[],
	bank: readonly { id: string; text: string }[],
	threshold: number = DUPLICATE_THRESHOLD,
	maxMatches = 3
): Generator<RowDuplicates | null> {
	const bankGrams = bank.map((b) => trigrams(b.text));
	const fileGrams = file.map((q) => trigrams(q.text));
	// Trigrams as integers ranked by how rare they are, so a set is a sorted array, its prefix
	// the first entries, and an intersection a merge.
	const frequency = new Map<string, number>();
	for (const grams of [...bankGrams, ...fileGrams]) {
		for (const gram of grams) frequency.set(gram, (frequency.get(gram) ?? 0) + 1);
	}
	const rank = new Map(
		[...frequency]
			.sort(([a, fa], [b, fb]) => fa - fb || (a < b ? -1 : a > b ? 1 : 0))
			.map(([gram], i) => [gram, i] as const)
	);
	const tokens = (grams: Set<string>): Int32Array => Int32Array.from(grams, (g) => rank.get(g)!).sort();
	const bankItems: Indexed[] = bank.map((b, i) => ({
		source: 'bank',
		id: b.id,
		text: b.text,
		tokens: tokens(bankGrams[i])
	}));
	const fileItems: Indexed[] = file.map((q, index) => ({
		source: 'file',
		index,
		text: q.text,
		tokens: tokens(fileGrams[index])
	}));
	const prefixLength = (size: number): number =>
		Math.max(1, size - Math.ceil((threshold / (2 - threshold)) * size - 1e-9) + 1);
	/** token → the items whose prefix holds it, with its position there */
	const postings = new Map<number, { item: Indexed; position: number }[]>();
	const add = (item: Indexed): void => {
		const size = item.tokens.length;
		if (size === 0) return;
		for (let position = 0; position < prefixLength(size); position++) {
			const token = item.tokens[position];
			const list = postings.get(token);
			if (list) list.push({ item, position });
			else postings.set(token, [{ item, position }]);
		}
	};
	bankItems.forEach(add);
	// The least share of the larger set the smaller must have for Dice ≥ t: t/(2−t).
	const sizeRatio = threshold / (2 - threshold);
	for (const item of fileItems) {
		const size = item.tokens.length;
		const seen = new Set<Indexed>();
		const matches: DuplicateMatch[] = [];
		for (let i = 0; size > 0 && i < prefixLength(size); i++) {
			for (const { item: other, position: j } of postings.get(item.tokens[i]) ?? []) {
				if (seen.has(other)) continue;
				seen.add(other);
				const otherSize = other.tokens.length;
				if (Math.min(size, otherSize) < sizeRatio * Math.max(size, otherSize) - 1e-9) continue;
				// The first shared trigram is at i and j: at most what follows the nearer end can be shared too.
				const needed = Math.ceil((threshold * (size + otherSize)) / 2 - 1e-9);
				if (1 + Math.min(size - i - 1, otherSize - j - 1) < needed) continue;
				const similarity = dice(item.tokens, other.tokens);
				if (similarity >= threshold) {
					matches.push({ source: other.source, id: other.id, index: other.index, text: other.text, similarity });
				}
			}
		}
		if (matches.length) {
			matches.sort((a, b) => b.similarity - a.similarity || (a.source === b.source ? 0 : a.source === 'bank' ? -1 : 1));
		}
		add(item);
		yield matches.length ? { index: item.index!, matches: matches.slice(0, maxMatches) } : null;
	}
}

/** Dice's coefficient of two sorted arrays of distinct integers. */
function dice(x: Int32Array, y: Int32Array): number {
	let shared = 0;
	for (let i = 0, j = 0; i < x.length && j < y.length;) {
		if (x[i] === y[j]) {
			shared += 1;
			i += 1;
			j += 1;
		} else if (x[i] < y[j]) i += 1;
		else j += 1;
	}
	return (2 * shared) / (x.length + y.length);
}
