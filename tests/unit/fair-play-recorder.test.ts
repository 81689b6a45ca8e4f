import { describe, expect, it } from 'vitest';
import {
	createFairPlayRecorder,
	type PageEvent,
	type PageEventKind,
	type RecorderEnvironment,
	type ReportOutcome
} from '../../src/lib/client/fair-play-recorder';
import { checkReportedEvents, PAGE_EVENT_KINDS } from '../../src/lib/domain/fair-play-signals';

// The attempt page's fair-play recorder on a scripted environment (focus, visibility, timers
// driven by the test): events are batched, sent at once when the page is hidden, kept and sent
// again after a network failure, and the reporting stops for good when the attempt is closed.

function fakeEnvironment() {
	const listeners = new Map<string, () => void>();
	const timers: { fn: () => void; at: number }[] = [];
	let intervalFn: (() => void) | null = null;
	const state = { focus: true, visibility: 'visible' as DocumentVisibilityState };
	const env: RecorderEnvironment & { focus: boolean; visibility: DocumentVisibilityState } = {
		get focus() {
			return state.focus;
		},
		get visibility() {
			return state.visibility;
		},
		set focus(value: boolean) {
			state.focus = value;
		},
		set visibility(value: DocumentVisibilityState) {
			state.visibility = value;
		},
		hasFocus: () => state.focus,
		visibilityState: () => state.visibility,
		addEventListener(target: 'document' | 'window', type: string, listener: () => void) {
			listeners.set(`${target}:${type}`, listener);
			return () => listeners.delete(`${target}:${type}`);
		},
		setInterval(fn: () => void) {
			intervalFn = fn;
			return () => (intervalFn = null);
		},
		setTimeout(fn: () => void) {
			const timer = { fn, at: 0 };
			timers.push(timer);
			return () => timers.splice(timers.indexOf(timer), 1);
		}
	};
	return {
		env,
		fire: (key: string) => listeners.get(key)?.(),
		poll: () => intervalFn?.(),
		/** runs the pending batch timers */
		elapse: () => {
			for (const timer of timers.splice(0)) timer.fn();
		},
		listening: () => listeners.size,
		polling: () => intervalFn !== null
	};
}

function server(outcomes: ReportOutcome[] = []) {
	const batches: { events: PageEvent[]; keepalive: boolean }[] = [];
	return {
		batches,
		send: async (events: PageEvent[], keepalive: boolean) => {
			batches.push({ events: [...events], keepalive });
			return outcomes.shift() ?? 'ok';
		}
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the fair-play recorder', () => {
	it('reports the page kinds the server takes', () => {
		const kinds: PageEventKind[] = ['shown', 'hidden', 'visible', 'blur', 'focus'];
		expect([...PAGE_EVENT_KINDS].sort()).toEqual([...kinds].sort());
		expect(
			checkReportedEvents([{ kind: 'shown', position: 1 }, ...kinds.slice(1).map((kind) => ({ kind }))], 1)
		).toBeNull();
	});

	it('batches shown questions and focus changes seen by polling', async () => {
		const fake = fakeEnvironment();
		const api = server();
		const recorder = createFairPlayRecorder({ send: api.send, env: fake.env });
		recorder.shown(1);
		recorder.shown(2);
		fake.poll(); // nothing changed
		fake.env.focus = false; // another app in front: still "visible"
		fake.poll();
		fake.poll();
		fake.env.focus = true;
		fake.fire('window:focus');
		expect(api.batches).toEqual([]);
		fake.elapse();
		await settle();
		expect(api.batches).toEqual([
			{
				events: [{ kind: 'shown', position: 1 }, { kind: 'shown', position: 2 }, { kind: 'blur' }, { kind: 'focus' }],
				keepalive: false
			}
		]);
		expect(recorder.pending).toBe(0);
	});

	it('sends at once, with keepalive, when the page is hidden', async () => {
		const fake = fakeEnvironment();
		const api = server();
		createFairPlayRecorder({ send: api.send, env: fake.env });
		fake.env.visibility = 'hidden';
		fake.env.focus = false;
		fake.fire('document:visibilitychange');
		await settle();
		expect(api.batches).toEqual([{ events: [{ kind: 'hidden' }, { kind: 'blur' }], keepalive: true }]);
		fake.env.visibility = 'visible';
		fake.fire('document:visibilitychange');
		fake.elapse();
		await settle();
		expect(api.batches[1]).toEqual({ events: [{ kind: 'visible' }], keepalive: false });
	});

	it('keeps events through a network failure and sends them later, in batches of at most batchMax', async () => {
		const fake = fakeEnvironment();
		const api = server(['retry']);
		const recorder = createFairPlayRecorder({ send: api.send, env: fake.env, batchMax: 2 });
		for (const position of [1, 2, 3]) recorder.shown(position);
		fake.elapse();
		await settle();
		expect(recorder.pending).toBe(3);
		fake.elapse();
		await settle();
		fake.elapse();
		await settle();
		expect(api.batches.map((b) => b.events.map((e) => e.position))).toEqual([[1, 2], [1, 2], [3]]);
		expect(recorder.pending).toBe(0);
	});

	it('stops listening and sending once the attempt is closed', async () => {
		const fake = fakeEnvironment();
		const api = server(['closed']);
		const recorder = createFairPlayRecorder({ send: api.send, env: fake.env });
		recorder.shown(1);
		await recorder.flush();
		expect(fake.listening()).toBe(0);
		expect(fake.polling()).toBe(false);
		recorder.shown(2);
		await recorder.flush();
		expect(api.batches).toHaveLength(1);
	});
});
