import { afterEach, beforeEach, expect, it } from 'vitest';
import { runExclusive } from '../../src/lib/server/cluster/exclusive';
import { isPostgres } from '../../src/lib/server/db/database';
import { createTestContext, type TestContext } from '../helpers/test-context';

// The sweeper's lock (src/lib/server/app.ts): on PostgreSQL one holder at a time across every
// connection to the database, as two nodes have; on SQLite (one node) the work simply runs.

let ctx: TestContext;

beforeEach(async () => {
	ctx = await createTestContext();
});

afterEach(async () => {
	await ctx.dispose();
});

it('lets one node at a time run the work, and the next one once it is done', async () => {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let entered!: () => void;
	const inside = new Promise<void>((resolve) => (entered = resolve));
	const runs: string[] = [];

	const first = runExclusive(ctx.db, 'test:sweeper', async () => {
		runs.push('first');
		entered();
		await held;
	});
	await inside;
	// another connection of the pool: another session, as another node's would be
	const second = await runExclusive(ctx.db, 'test:sweeper', async () => {
		runs.push('second');
	});
	if (isPostgres(ctx.db)) {
		// held by the first: the second node skips its turn
		expect(second).toBe(false);
		expect(runs).toEqual(['first']);
		// another name is another lock
		expect(await runExclusive(ctx.db, 'test:other', async () => void runs.push('other'))).toBe(true);
	} else {
		expect(second).toBe(true);
		expect(runs).toEqual(['first', 'second']);
	}
	release();
	expect(await first).toBe(true);
	// released, also when the work throws
	await expect(
		runExclusive(ctx.db, 'test:sweeper', async () => {
			throw new Error('boom');
		})
	).rejects.toThrow('boom');
	expect(await runExclusive(ctx.db, 'test:sweeper', async () => void runs.push('third'))).toBe(true);
	expect(runs.at(-1)).toBe('third');
});
