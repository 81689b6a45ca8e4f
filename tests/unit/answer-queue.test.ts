import { describe, expect, it } from 'vitest';
import {
	createAnswerQueue,
	type PendingAnswer,
	type QueueStorage,
	type SaveState,
	type SendOutcome
} from '../../src/lib/client/answer-queue';

function memoryStorage(): QueueStorage & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return {
		data,
		getItem: (k) => data.get(k) ?? null,
		setItem: (k, v) => void data.set(k, v),
		removeItem: (k) => void data.delete(k)
	};
}

/** A scripted server: answers each send with the next outcome (default ok) and records what it got. */
function scriptedSend(outcomes: SendOutcome['kind'][] = []) {
	const received: PendingAnswer[] = [];
	const send = async (answer: PendingAnswer): Promise<SendOutcome> => {
		received.push(answer);
		const kind = outcomes.shift() ?? 'ok';
		if (kind === 'ok') return { kind, rev: answer.rev };
		if (kind === 'network') return { kind };
		return { kind, message: 'closed' };
	};
	return { send, received };
}

const noWait = async (): Promise<void> => {};

describe('answer queue', () => {
	it('sends a queued answer and forgets it once acknowledged', async () => {
		const storage = memoryStorage();
		const server = scriptedSend();
		const states: SaveState[] = [];
		const queue = createAnswerQueue({
			attemptId: 'a1',
			send: server.send,
			storage,
			onState: (s) => states.push(s),
			wait: noWait
		});
		queue.enqueue({ position: 1, optionIds: ['x'], rev: 1 });
		await queue.drain();
		expect(server.received).toEqual([{ position: 1, optionIds: ['x'], rev: 1 }]);
		expect(queue.size).toBe(0);
		expect(storage.data.size).toBe(0);
		expect(states.at(-1)).toBe('saved');
	});

	it('retries through network failures, reporting offline, until the server acknowledges', async () => {
		const server = scriptedSend(['network', 'network', 'ok']);
		const states: SaveState[] = [];
		const queue = createAnswerQueue({
			attemptId: 'a1',
			send: server.send,
			onState: (s) => states.push(s),
			wait: noWait
		});
		queue.enqueue({ position: 2, optionIds: ['y'], rev: 1 });
		await queue.drain();
		expect(server.received).toHaveLength(3);
		expect(states).toContain('offline');
		expect(states.at(-1)).toBe('saved');
	});

	it('keeps unacknowledged answers on the device, so a new page load restores and resends them', async () => {
		const storage = memoryStorage();
		const down = scriptedSend(['network', 'network', 'network', 'network']);
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const first = createAnswerQueue({ attemptId: 'a1', send: down.send, storage, wait: () => gate });
		first.enqueue({ position: 3, optionIds: ['z'], rev: 4 });
		await Promise.resolve();
		expect(JSON.parse(storage.data.get('cuocthi:attempt:a1:pending')!)).toEqual([
			{ position: 3, optionIds: ['z'], rev: 4 }
		]);

		const up = scriptedSend();
		const second = createAnswerQueue({ attemptId: 'a1', send: up.send, storage, wait: noWait });
		expect(second.restored()).toEqual([{ position: 3, optionIds: ['z'], rev: 4 }]);
		second.retryNow();
		await second.drain();
		expect(up.received).toEqual([{ position: 3, optionIds: ['z'], rev: 4 }]);
		release();
	});

	it('sends only the newest choice for a question changed several times before a save completes', async () => {
		const server = scriptedSend();
		const queue = createAnswerQueue({ attemptId: 'a1', send: server.send, wait: noWait });
		queue.enqueue({ position: 1, optionIds: ['a'], rev: 1 });
		queue.enqueue({ position: 1, optionIds: ['b'], rev: 2 });
		queue.enqueue({ position: 1, optionIds: ['c'], rev: 3 });
		await queue.drain();
		expect(server.received.at(-1)).toEqual({ position: 1, optionIds: ['c'], rev: 3 });
		expect(server.received.length).toBeLessThanOrEqual(2);
	});

	it('stops and reports when the server says the attempt is closed', async () => {
		const server = scriptedSend(['closed']);
		let closedWith = '';
		const queue = createAnswerQueue({
			attemptId: 'a1',
			send: server.send,
			onClosed: (m) => (closedWith = m),
			wait: noWait
		});
		queue.enqueue({ position: 1, optionIds: ['a'], rev: 1 });
		queue.enqueue({ position: 2, optionIds: ['b'], rev: 1 });
		await queue.drain();
		expect(closedWith).toBe('closed');
		expect(server.received).toHaveLength(1);
		queue.enqueue({ position: 3, optionIds: ['c'], rev: 1 });
		expect(queue.size).toBe(0);
	});
});
