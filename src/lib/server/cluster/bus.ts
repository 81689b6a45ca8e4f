import type { Redis } from 'ioredis';
import { createAppEvents, type AppEventMap, type AppEvents } from '../events';
import { log } from '../logger';
import type { ClusterConnections } from './redis';

/** Events of the emitter itself, never forwarded to the other nodes. */
const LOCAL_ONLY = new Set(['newListener', 'removeListener', 'error']);

interface Envelope {
	/** the node that emitted */
	n: string;
	/** event name */
	e: string;
	/** its arguments, as JSON */
	a: unknown[];
}

export interface SharedEvents {
	events: AppEvents;
	/** resolves once this node receives the other nodes' events */
	subscribed: Promise<void>;
	/** the subscription is up (readiness) */
	isSubscribed(): boolean;
	/** stops forwarding and closes the subscriber connection */
	close(): Promise<void>;
}

/**
 * Domain events on a bus the nodes share (Redis pub/sub on `<prefix>:events`), behind the same
 * AppEvents interface, so services emit and listen as on one node. An event reaches the listeners
 * of the node that emits it synchronously, as before, and every other node's listeners once, when
 * Redis delivers it; a node skips its own messages by its node id. Pub/sub delivers at most once:
 * a node cut off from Redis misses what was emitted meanwhile, which the listeners tolerate (live
 * rooms rebuild from the database on the next event and on their periodic refresh).
 */
export function createSharedEvents(cluster: ClusterConnections): SharedEvents {
	const events = createAppEvents();
	const channel = `${cluster.prefix}:events`;
	const deliver = events.emit.bind(events) as (event: string, ...args: unknown[]) => boolean;
	const publisher = cluster.redis;

	events.emit = ((event: keyof AppEventMap, ...args: unknown[]): boolean => {
		const heard = deliver(event, ...args);
		if (typeof event === 'string' && !LOCAL_ONLY.has(event)) {
			const envelope: Envelope = { n: cluster.nodeId, e: event, a: args };
			publisher
				.publish(channel, JSON.stringify(envelope))
				.catch((error: unknown) => log.warn(`Event ${event} not shared with the other nodes`, error));
		}
		return heard;
	}) as AppEvents['emit'];

	const subscriber: Redis = cluster.connect('events');
	let closed = false;
	subscriber.on('message', (from: string, message: string) => {
		if (closed || from !== channel) return;
		let envelope: Envelope;
		try {
			envelope = JSON.parse(message) as Envelope;
		} catch {
			return;
		}
		if (envelope.n === cluster.nodeId || LOCAL_ONLY.has(envelope.e) || !Array.isArray(envelope.a)) return;
		try {
			deliver(envelope.e, ...envelope.a);
		} catch (error) {
			log.error(`A listener of ${envelope.e} failed`, error);
		}
	});
	// ioredis subscribes again by itself after a reconnect
	let listening = false;
	const subscribed = subscriber.subscribe(channel).then(() => {
		listening = true;
	});
	subscribed.catch((error: unknown) => log.error('Subscribing to the shared events failed', error));

	return {
		events,
		subscribed,
		isSubscribed: () => listening && !closed && subscriber.status === 'ready',
		async close() {
			closed = true;
			await subscriber.quit().catch(() => subscriber.disconnect());
		}
	};
}
