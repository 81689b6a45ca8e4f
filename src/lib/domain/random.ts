/**
 * Small seeded PRNG so an attempt's draw can be replayed from its recorded seed.
 * Not cryptographic: seeds must come from a secure source when they must be unguessable.
 */

export const TOKEN_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** cyrb128: hashes a string into four 32-bit words to seed sfc32. */
function cyrb128(str: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < str.length; i++) {
		const k = str.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Returns a deterministic generator of floats in [0, 1) for the given seed (sfc32). */
export function createRng(seed: string): () => number {
	let [a, b, c, d] = cyrb128(seed);
	const next = (): number => {
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		d >>>= 0;
		let t = (a + b) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		d = (d + 1) | 0;
		t = (t + d) | 0;
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	// Discard the first outputs: sfc32 mixes poorly right after seeding.
	for (let i = 0; i < 12; i++) next();
	return next;
}

/** Integer in [0, n). */
function randomIndex(rng: () => number, n: number): number {
	return Math.min(n - 1, Math.floor(rng() * n));
}

/** Fisher–Yates shuffle into a new array; the input is left untouched. */
export function shuffle<T>(items: readonly T[], rng: () => number): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomIndex(rng, i + 1);
		const tmp = out[i] as T;
		out[i] = out[j] as T;
		out[j] = tmp;
	}
	return out;
}

/** A string of `length` characters from TOKEN_ALPHABET (no 0/1/l/o to avoid confusion). */
export function randomToken(rng: () => number, length: number): string {
	let out = '';
	for (let i = 0; i < length; i++) {
		out += TOKEN_ALPHABET[randomIndex(rng, TOKEN_ALPHABET.length)];
	}
	return out;
}
