// A small least-recently-used cache of drawn share images, per process, keyed by the hash of what
// they draw (share-card.ts): a key never goes stale, only unused. It holds the drawing's promise,
// so the crawlers of a whole Zalo group asking at once for a new image wait for one drawing.
// Several app nodes each keep their own: a node draws an image at most once per content.

export interface Lru<V> {
	get(key: string): V | undefined;
	set(key: string, value: V): void;
	delete(key: string): void;
	clear(): void;
	readonly size: number;
}

export function createLru<V>(capacity: number): Lru<V> {
	const entries = new Map<string, V>();
	return {
		get(key) {
			const value = entries.get(key);
			if (value === undefined) return undefined;
			// Map keeps insertion order: moving the entry to the end marks it most recently used
			entries.delete(key);
			entries.set(key, value);
			return value;
		},
		set(key, value) {
			entries.delete(key);
			entries.set(key, value);
			while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
		},
		delete(key) {
			entries.delete(key);
		},
		clear() {
			entries.clear();
		},
		get size() {
			return entries.size;
		}
	};
}
