import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/lib/server/cluster/redis';
import type { AppEventMap } from '../../src/lib/server/events';

// The domain events shared through a real Redis (REDIS_URL, the PostgreSQL + Redis pass only:
// vite.config.ts selects *.redis.test.ts files when REDIS_URL is set). Three "nodes" in one
// process, each its own Cluster with its own node id and connections, on a prefix of their own.

const url = process.env.REDIS_URL ?? '';
const opened: Cluster[] = [];

afterEach(async () => {
	await Promise.all(opened.splice(0).map((c) => c.close()));
});

function node(prefix: string, name: string): Cluster {
	const cluster = createCluster(url, prefix, `${name}-${randomBytes(3).toString('hex')}`);
	opened.push(cluster);
	return cluster;
}

async function until(check: () => boolean): Promise<void> {
	while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function ready(...nodes: Cluster[]): Promise<void> {
	for (const n of nodes) while (!(await n.ping())) await new Promise((resolve) => setTimeout(resolve, 10));
}

it('brings an event emitted on one node to the listeners of every node exactly once', async () => {
	const prefix = `cluster-test-${randomBytes(4).toString('hex')}`;
	const [a, b, c] = [node(prefix, 'a'), node(prefix, 'b'), node(prefix, 'c')];
	await ready(a, b, c);
	const heard: Record<string, AppEventMap['round:activity'][0][]> = { a: [], b: [], c: [] };
	a.events.on('round:activity', (e) => heard.a.push(e));
	b.events.on('round:activity', (e) => heard.b.push(e));
	c.events.on('round:activity', (e) => heard.c.push(e));

	a.events.emit('round:activity', { roundId: 'r1', startOnly: true });
	// the emitting node's own listeners hear it at once, as with one process
	expect(heard.a).toEqual([{ roundId: 'r1', startOnly: true }]);
	b.events.emit('round:activity', { roundId: 'r2' });

	await until(() => heard.a.length === 2 && heard.b.length === 2 && heard.c.length === 2);
	// and a marker after them: nothing more arrives (no echo of a node's own events, no doubles)
	c.events.emit('round:activity', { roundId: 'marker' });
	await until(() => [heard.a, heard.b, heard.c].every((h) => h.at(-1)?.roundId === 'marker'));
	for (const name of ['a', 'b', 'c']) {
		expect(heard[name].map((e) => e.roundId).sort()).toEqual(['marker', 'r1', 'r2']);
	}
	expect(heard.b.find((e) => e.roundId === 'r1')).toEqual({ roundId: 'r1', startOnly: true });
});

it('keeps deployments with another prefix apart', async () => {
	const ours = `cluster-test-${randomBytes(4).toString('hex')}`;
	const theirs = `cluster-test-${randomBytes(4).toString('hex')}`;
	const [mine, sibling, stranger, strangerMate] = [
		node(ours, 'mine'),
		node(ours, 'sibling'),
		node(theirs, 'stranger'),
		node(theirs, 'stranger-mate')
	];
	await ready(mine, sibling, stranger, strangerMate);
	const toSibling: string[] = [];
	const toStranger: string[] = [];
	sibling.events.on('game:edited', (e) => toSibling.push(e.gameId));
	stranger.events.on('game:edited', (e) => toStranger.push(e.gameId));
	mine.events.emit('game:edited', { gameId: 'ours' });
	await until(() => toSibling.length === 1);
	// published after ours: had the stranger heard our channel, ours would have come first
	strangerMate.events.emit('game:edited', { gameId: 'theirs' });
	await until(() => toStranger.length === 1);
	expect(toStranger).toEqual(['theirs']);
	expect(toSibling).toEqual(['ours']);
});
