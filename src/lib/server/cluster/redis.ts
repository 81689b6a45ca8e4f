import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { AppEvents } from '../events';
import { log } from '../logger';
import { createSharedEvents } from './bus';

/**
 * This process among the app's nodes: a name that is new at every start, so a restarted node is
 * never taken for its former self (messages it published before dying, locks it held).
 */
export const nodeId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * What the nodes of one deployment share when REDIS_URL is set: a command connection, a way to open
 * more (a subscriber is in subscribed mode for good), and the prefix every shared channel and key
 * carries, so several deployments or tests can share one Redis.
 */
export interface ClusterConnections {
	readonly nodeId: string;
	readonly prefix: string;
	/** the command connection (PUBLISH, locks, PING) */
	readonly redis: Redis;
	/** another connection to the same Redis, closed with the cluster */
	connect(name: string): Redis;
}

export interface Cluster extends ClusterConnections {
	/** the domain events, shared with every node (bus.ts): the app's `events` */
	readonly events: AppEvents;
	/** Redis answers PING and this node hears the other nodes' events (readiness) */
	ping(): Promise<boolean>;
	/** closes every connection opened through this cluster */
	close(): Promise<void>;
}

export function createCluster(url: string, prefix: string, id = nodeId): Cluster {
	const opened: Redis[] = [];
	const connect = (name: string): Redis => {
		const client = new Redis(url, {
			connectionName: `${prefix}:${id}:${name}`,
			// a command waits for a reconnect instead of failing after 20 tries: the nodes carry on
			// alone while Redis is away and catch up when it is back
			maxRetriesPerRequest: null,
			retryStrategy: (times) => Math.min(times * 200, 2_000)
		});
		let reported = false;
		client.on('error', (error: Error) => {
			// ioredis retries by itself; say it once per outage, not once per retry
			if (!reported) log.warn(`Redis (${name}) unavailable: ${error.message}`);
			reported = true;
		});
		client.on('ready', () => {
			if (reported) log.info(`Redis (${name}) is back`);
			reported = false;
		});
		opened.push(client);
		return client;
	};
	const redis = connect('commands');
	const connections: ClusterConnections = { nodeId: id, prefix, redis, connect };
	const bus = createSharedEvents(connections);
	return {
		...connections,
		events: bus.events,
		async ping() {
			if (redis.status !== 'ready' || !bus.isSubscribed()) return false;
			try {
				return (await withTimeout(redis.ping(), 1_000)) === 'PONG';
			} catch {
				return false;
			}
		},
		async close() {
			await bus.close();
			await Promise.all(
				opened
					.splice(0)
					.map((client) => (client.status === 'end' ? undefined : client.quit().catch(() => client.disconnect())))
			);
		}
	};
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('timeout')), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
