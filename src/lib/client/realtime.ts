/**
 * The browser's Socket.IO client: Engine.IO protocol 4 and Socket.IO protocol 5 (what the
 * server's `socket.io` 4.x speaks), reduced to what our pages use — the default namespace, JSON
 * events both ways, acknowledgements with a timeout, heartbeats, reconnection with backoff.
 *
 * It replaces `socket.io-client` in the browser, which cost the player's phone 12.7 kB of gzip
 * (binary packets, WebTransport, fetch and XHR polling, upgrades, namespaces, a send buffer: none
 * of them used here); this is under 2 kB. The server is unchanged, and tests and benches keep the
 * official client, so both clients speak to the same server in the test suite.
 *
 * Transports: a WebSocket first. When it cannot open (a hall's proxy that blocks WebSockets
 * refuses it, or lets it hang: WS_OPEN_MS) the same attempt goes on over HTTP long-polling, with
 * no upgrade later; every reconnection tries the WebSocket again. (socket.io-client configured as
 * `transports: ['websocket', 'polling']` never fell back to polling: without `tryAllTransports`
 * it retries the WebSocket only.)
 *
 * Differences from socket.io-client, all harmless for our callers: an emit while disconnected is
 * not buffered (an acknowledged one fails at once, as socket.io-client fails pending ones on
 * disconnect); a connect refused by the server's middleware is retried with backoff rather than
 * given up.
 */

type Fn = (...args: never[]) => void;
type Listener = (...args: unknown[]) => void;
type EventMap<T> = { [K in keyof T]: Fn };
type PayloadOf<F> = F extends (payload: infer P, ...rest: never[]) => void ? P : never;
type ReplyOf<F> = F extends (payload: never, ack: (reply: infer R) => void) => void ? R : never;
type Ack = (error: Error | null, reply?: unknown) => void;

export interface RealtimeOptions {
	/** the server's origin; the page's own by default */
	url?: string;
	path?: string;
	/** the longest wait between reconnection attempts, ms */
	reconnectionDelayMax?: number;
	/** transports to try, in order */
	transports?: ReadonlyArray<'websocket' | 'polling'>;
	/** the WebSocket implementation (the browser's by default; tests in Node pass `ws`) */
	WebSocket?: new (url: string) => WebSocket;
}

/** How long a WebSocket may take to open before the attempt goes on over polling, ms. */
const WS_OPEN_MS = 5_000;
/** How long an attempt may take to connect before it is given up and retried, ms. */
const CONNECT_MS = 20_000;
/** Engine.IO's record separator between packets in a polling body. */
const SEPARATOR = '\x1e';

interface Transport {
	send(packets: string[]): void;
	close(): void;
}

interface TransportEvents {
	/** one Engine.IO packet, as text */
	packet(packet: string): void;
	close(reason: string): void;
}

function openWebSocket(url: string, WS: new (url: string) => WebSocket, on: TransportEvents): Transport {
	const ws = new WS(url);
	let done = false;
	const close = (reason: string): void => {
		if (done) return;
		done = true;
		on.close(reason);
	};
	ws.onmessage = (e: MessageEvent) => {
		if (typeof e.data === 'string') on.packet(e.data);
	};
	ws.onerror = () => close('transport error');
	ws.onclose = () => close('transport close');
	return {
		send: (packets) => {
			for (const p of packets) ws.send(p);
		},
		close: () => {
			done = true;
			ws.onmessage = ws.onerror = ws.onclose = null;
			try {
				ws.close();
			} catch {
				// still connecting: the browser drops it
			}
		}
	};
}

function openPolling(base: string, on: TransportEvents): Transport {
	let sid = '';
	let done = false;
	let posting = false;
	let queue: string[] = [];
	let n = 0;
	const url = (): string => `${base}&t=${Date.now().toString(36)}.${n++}${sid ? `&sid=${sid}` : ''}`;
	const close = (reason: string): void => {
		if (done) return;
		done = true;
		on.close(reason);
	};
	const poll = async (): Promise<void> => {
		while (!done) {
			let body: string;
			try {
				const res = await fetch(url(), { cache: 'no-store', credentials: 'same-origin' });
				if (!res.ok) return close('transport error');
				body = await res.text();
			} catch {
				return close('transport error');
			}
			for (const packet of body.split(SEPARATOR)) {
				if (done) return;
				if (packet[0] === '0') sid = (JSON.parse(packet.slice(1)) as { sid: string }).sid;
				on.packet(packet);
			}
		}
	};
	const flush = async (): Promise<void> => {
		if (posting || done || !sid || queue.length === 0) return;
		posting = true;
		const body = queue.join(SEPARATOR);
		queue = [];
		try {
			const res = await fetch(url(), {
				method: 'POST',
				body,
				headers: { 'content-type': 'text/plain;charset=UTF-8' },
				credentials: 'same-origin'
			});
			if (!res.ok) close('transport error');
		} catch {
			close('transport error');
		}
		posting = false;
		void flush();
	};
	void poll();
	return {
		send: (packets) => {
			queue.push(...packets);
			void flush();
		},
		close: () => {
			if (sid && !done) {
				queue.push('1');
				void flush();
			}
			done = true;
		}
	};
}

/**
 * One connection to the server, kept up until `disconnect()`. `S`: events the server sends;
 * `C`: events this client sends (the same maps the server is typed with).
 */
export class RealtimeSocket<S extends EventMap<S>, C extends EventMap<C>> {
	connected = false;
	#options: Required<Omit<RealtimeOptions, 'WebSocket'>> & Pick<RealtimeOptions, 'WebSocket'>;
	#listeners = new Map<string, Listener[]>();
	#acks = new Map<number, Ack>();
	#nextId = 0;
	#transport: Transport | null = null;
	/** reconnection attempts since the last connect */
	#attempts = 0;
	#stopped = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#heartbeat: ReturnType<typeof setTimeout> | undefined;
	/** when the server's heartbeat is overdue (a phone that slept past it has lost the connection) */
	#pingDeadline = Infinity;

	constructor(options: RealtimeOptions = {}) {
		this.#options = {
			url: options.url ?? location.origin,
			path: options.path ?? '/socket.io',
			reconnectionDelayMax: options.reconnectionDelayMax ?? 5_000,
			transports: options.transports ?? ['websocket', 'polling'],
			WebSocket: options.WebSocket
		};
		this.#open();
	}

	on<E extends keyof S & string>(event: E, listener: S[E]): this;
	on(event: 'connect', listener: () => void): this;
	on(event: 'disconnect', listener: (reason: string) => void): this;
	on(event: 'connect_error', listener: (error: Error) => void): this;
	on(event: string, listener: Fn): this {
		const list = this.#listeners.get(event) ?? [];
		list.push(listener as unknown as Listener);
		this.#listeners.set(event, list);
		return this;
	}

	removeAllListeners(): this {
		this.#listeners.clear();
		return this;
	}

	emit<E extends keyof C & string>(event: E, payload: PayloadOf<C[E]>): void {
		this.#emit(event, payload, null);
	}

	/** Emits with an acknowledgement: `ack(error, reply)`, the error when none came within `ms`. */
	timeout(ms: number): {
		emit<E extends keyof C & string>(
			event: E,
			payload: PayloadOf<C[E]>,
			ack: (error: Error | null, reply: ReplyOf<C[E]>) => void
		): void;
	} {
		return {
			emit: (event, payload, ack) => this.#emit(event, payload, { ms, ack: ack as unknown as Ack })
		};
	}

	/** Closes the connection for good. */
	disconnect(): void {
		this.#stopped = true;
		clearTimeout(this.#timer);
		if (this.connected) this.#send('1');
		this.#closed('io client disconnect');
	}

	#fire(event: string, ...args: unknown[]): void {
		for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
	}

	#emit(event: string, payload: unknown, ack: { ms: number; ack: Ack } | null): void {
		if (!ack) {
			if (this.connected) this.#send(`2${JSON.stringify([event, payload])}`);
			return;
		}
		if (!this.connected) {
			setTimeout(() => ack.ack(new Error('socket is disconnected')));
			return;
		}
		const id = this.#nextId++;
		const timer = setTimeout(() => {
			this.#acks.delete(id);
			ack.ack(new Error('operation has timed out'));
		}, ack.ms);
		this.#acks.set(id, (error, reply) => {
			clearTimeout(timer);
			this.#acks.delete(id);
			ack.ack(error, reply);
		});
		this.#send(`2${id}${JSON.stringify([event, payload])}`);
	}

	/** Sends one Socket.IO packet (an Engine.IO message). */
	#send(packet: string): void {
		if (Date.now() > this.#pingDeadline) return this.#lost('ping timeout');
		this.#transport?.send([`4${packet}`]);
	}

	#open(): void {
		const { url, path, transports } = this.#options;
		const base = `${url.replace(/\/$/, '')}${path.replace(/\/$/, '')}/?EIO=4&transport=`;
		const useWebSocket = transports[0] === 'websocket' && (this.#options.WebSocket ?? globalThis.WebSocket);
		let opened = false;
		const events: TransportEvents = {
			packet: (packet) => {
				if (packet[0] === '0') {
					opened = true;
					const handshake = JSON.parse(packet.slice(1)) as { pingInterval: number; pingTimeout: number };
					this.#expectPing(handshake.pingInterval + handshake.pingTimeout);
					this.#transport?.send(['40']);
				} else if (packet[0] === '2') {
					this.#expectPing();
					this.#transport?.send(['3']);
				} else if (packet[0] === '4') this.#onPacket(packet.slice(1));
				else if (packet[0] === '1') this.#lost('transport close');
			},
			close: (reason) => {
				if (!opened && transport === 'websocket' && transports.includes('polling')) return fallBack();
				this.#lost(reason);
			}
		};
		let transport: 'websocket' | 'polling' = useWebSocket ? 'websocket' : 'polling';
		const fallBack = (): void => {
			this.#transport?.close();
			transport = 'polling';
			this.#transport = openPolling(`${base}polling`, events);
		};
		if (useWebSocket) {
			const ws = openWebSocket(`${base.replace(/^http/, 'ws')}websocket`, useWebSocket, events);
			this.#transport = ws;
			// a WebSocket that neither opens nor fails (a proxy holding it): go on over polling
			setTimeout(() => {
				if (!opened && this.#transport === ws && transports.includes('polling')) fallBack();
			}, WS_OPEN_MS);
		} else {
			this.#transport = openPolling(`${base}polling`, events);
		}
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.#lost('timeout'), CONNECT_MS);
	}

	#expectPing(ms?: number): void {
		if (ms !== undefined) this.#pingMs = ms;
		this.#pingDeadline = Date.now() + this.#pingMs;
		clearTimeout(this.#heartbeat);
		this.#heartbeat = setTimeout(() => this.#lost('ping timeout'), this.#pingMs);
	}

	#pingMs = 45_000;

	/** One Socket.IO packet: type, [namespace,] [ack id,] JSON. Only the default namespace is used. */
	#onPacket(packet: string): void {
		const type = packet[0];
		let i = 1;
		if (packet[i] === '/') i = packet.indexOf(',') + 1 || packet.length;
		let j = i;
		while (j < packet.length && packet[j] >= '0' && packet[j] <= '9') j++;
		const id = j > i ? Number(packet.slice(i, j)) : null;
		const data: unknown = j < packet.length ? JSON.parse(packet.slice(j)) : undefined;
		if (type === '0') {
			clearTimeout(this.#timer);
			this.#attempts = 0;
			this.connected = true;
			this.#fire('connect');
		} else if (type === '2' && Array.isArray(data)) {
			const args: unknown[] = data.slice(1);
			if (id !== null) {
				let answered = false;
				args.push((...reply: unknown[]) => {
					if (answered || !this.connected) return;
					answered = true;
					this.#send(`3${id}${JSON.stringify(reply)}`);
				});
			}
			this.#fire(String(data[0]), ...args);
		} else if (type === '3' && id !== null && Array.isArray(data)) {
			this.#acks.get(id)?.(null, data[0]);
		} else if (type === '4') {
			this.#fire('connect_error', new Error((data as { message?: string } | undefined)?.message ?? 'refused'));
			this.#lost('connect error');
		} else if (type === '1') {
			// the server put this socket out: like socket.io-client, no reconnection
			this.#stopped = true;
			this.#closed('io server disconnect');
		}
	}

	/** The transport is gone: tell the page, then reconnect after a backoff. */
	#lost(reason: string): void {
		const wasConnected = this.connected;
		this.#closed(reason);
		if (!wasConnected && reason !== 'connect error') this.#fire('connect_error', new Error(reason));
		if (this.#stopped) return;
		// socket.io-client's backoff: 1 s doubling up to the maximum, ± 50 %
		const ms = Math.min(1000 * 2 ** this.#attempts++, this.#options.reconnectionDelayMax);
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.#open(), ms * (0.5 + Math.random()));
	}

	#closed(reason: string): void {
		clearTimeout(this.#heartbeat);
		clearTimeout(this.#timer);
		this.#pingDeadline = Infinity;
		this.#transport?.close();
		this.#transport = null;
		const acks = [...this.#acks.values()];
		this.#acks.clear();
		for (const ack of acks) ack(new Error('socket has been disconnected'));
		if (this.connected) {
			this.connected = false;
			this.#fire('disconnect', reason);
		}
	}
}
