import { describe, expect, it } from 'vitest';
import { Batcher } from '../../src/lib/server/live-games/batcher';

// The batches live games use for forwarded requests and answer writes (batcher.ts). The schedule is
// the test's: a batch goes when the test says.

function manual() {
	const due: (() => void)[] = [];
	return { schedule: (flush: () => void) => void due.push(flush), fire: () => due.splice(0).forEach((f) => f()) };
}

describe('Batcher', () => {
	it('runs items together and resolves each with its own result, exactly once', async () => {
		const clock = manual();
		const runs: number[][] = [];
		const batcher = new Batcher<number, string>(
			async (items) => {
				runs.push(items);
				return items.map((i) => `r${i}`);
			},
			{ max: 100, schedule: clock.schedule }
		);
		const results = [1, 2, 3].map((i) => batcher.push(i));
		expect(runs).toEqual([]);
		clock.fire();
		expect(await Promise.all(results)).toEqual(['r1', 'r2', 'r3']);
		expect(runs).toEqual([[1, 2, 3]]);
	});

	it('sends a full batch at once and never more than max items in one', async () => {
		const clock = manual();
		const runs: number[][] = [];
		const batcher = new Batcher<number, number>(
			async (items) => {
				runs.push(items);
				return items;
			},
			{ max: 2, schedule: clock.schedule }
		);
		const results = [1, 2, 3, 4, 5].map((i) => batcher.push(i));
		expect(runs).toEqual([
			[1, 2],
			[3, 4]
		]);
		clock.fire();
		expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
		expect(runs.at(-1)).toEqual([5]);
	});

	it('rejects every item of a batch that failed, and only those', async () => {
		const clock = manual();
		let fail = true;
		const batcher = new Batcher<number, number>(
			async (items) => {
				if (fail) throw new Error('database away');
				return items;
			},
			{ max: 10, schedule: clock.schedule }
		);
		const first = [batcher.push(1), batcher.push(2)].map((p) => p.then(String, (e: Error) => e.message));
		clock.fire();
		expect(await Promise.all(first)).toEqual(['database away', 'database away']);
		fail = false;
		const second = batcher.push(3);
		clock.fire();
		expect(await second).toBe(3);
	});

	it('serial: one batch under way at a time, what arrives meanwhile goes together after it', async () => {
		const clock = manual();
		const runs: number[][] = [];
		const release: (() => void)[] = [];
		const batcher = new Batcher<number, number>(
			(items) => {
				runs.push(items);
				return new Promise((resolve) => release.push(() => resolve(items)));
			},
			{ max: 100, serial: true, schedule: clock.schedule }
		);
		const a = batcher.push(1);
		clock.fire();
		expect(runs).toEqual([[1]]);
		const later = [2, 3, 4].map((i) => batcher.push(i));
		clock.fire();
		// the first batch is still being written: nothing else goes
		expect(runs).toEqual([[1]]);
		release.shift()!();
		expect(await a).toBe(1);
		clock.fire();
		expect(runs).toEqual([[1], [2, 3, 4]]);
		release.shift()!();
		expect(await Promise.all(later)).toEqual([2, 3, 4]);
	});
});
