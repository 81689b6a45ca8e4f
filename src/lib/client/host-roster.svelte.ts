import type { GameHostPlayer, GameHostView, GameRosterReply } from '$lib/schemas/game-socket';

/** The roster is asked for again at most this often while the game changes it, ms. */
export const ROSTER_REFRESH_MS = 1_000;
/** A search is sent once typing pauses this long, ms. */
export const ROSTER_SEARCH_MS = 300;
/** Names kept in the "just joined" and "just left" lines. */
export const RECENT_NAMES = 6;

/** The newest names of a roster change, across host packets, and how many more there were. */
export interface RecentNames {
	names: string[];
	/** players left out of `names` since the list was last emptied */
	more: number;
}

type FetchPage = (page: number, query: string) => Promise<GameRosterReply>;

/**
 * The page of the roster the host console shows. The host packets carry only counts and a
 * version of the roster; this asks the server for the one page on screen (a search, a page turn)
 * and again when the version moves, at most once a second, one request at a time.
 */
export class HostRoster {
	rows = $state.raw<GameHostPlayer[]>([]);
	/** 0-based */
	page = $state(0);
	pageSize = $state(1);
	/** players the search finds (all players without one) */
	total = $state(0);
	/** what the search box holds */
	query = $state('');
	/** the query the rows answer */
	shown = $state('');
	/** a page has arrived at least once */
	loaded = $state(false);
	/** the last request failed (not the host any more, the connection lost) */
	failed = $state(false);
	joined = $state.raw<RecentNames>({ names: [], more: 0 });
	left = $state.raw<RecentNames>({ names: [], more: 0 });
	#seq: number | null = null;
	#version: number | null = null;
	#wanted: number | null = null;
	#busy = false;
	/** a request wanted while one was under way: its delay */
	#next: number | null = null;
	#last = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stopped = false;

	constructor(private readonly fetchPage: FetchPage) {}

	get pages(): number {
		return Math.max(1, Math.ceil(this.total / this.pageSize));
	}

	/**
	 * A host packet: its changes go to the "just joined / just left" lines, and the page is read
	 * again if the roster version moved.
	 */
	seen(view: Pick<GameHostView, 'seq' | 'host'>): void {
		const { host } = view;
		if (view.seq !== this.#seq) {
			this.#seq = view.seq;
			this.joined = remember(this.joined, host.changes.joined, host.changes.joinedMore);
			this.left = remember(this.left, host.changes.left, host.changes.leftMore);
		}
		this.#wanted = host.roster;
		if (host.roster !== this.#version) this.#schedule(ROSTER_REFRESH_MS);
	}

	search(query: string): void {
		this.query = query;
		this.page = 0;
		this.#schedule(ROSTER_SEARCH_MS, true);
	}

	goto(page: number): void {
		this.page = Math.min(Math.max(0, page), this.pages - 1);
		this.#schedule(0, true);
	}

	/** Reads the page again now (after a removal). */
	reload(): void {
		this.#schedule(0, true);
	}

	stop(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#stopped = true;
	}

	/**
	 * Asks for the page after `delay` ms: counted from now for the host's own actions, from the last
	 * request for the game's changes (`fromNow` false), so those come at most once per delay.
	 */
	#schedule(delay: number, fromNow = false): void {
		if (this.#stopped) return;
		if (this.#busy) {
			this.#next = Math.min(this.#next ?? Infinity, delay);
			return;
		}
		if (this.#timer !== undefined && !fromNow) return;
		const wait = fromNow ? delay : Math.max(0, this.#last + delay - Date.now());
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			void this.#load();
		}, wait);
	}

	async #load(): Promise<void> {
		this.#busy = true;
		this.#last = Date.now();
		const query = this.query.trim();
		const reply = await this.fetchPage(this.page, query);
		this.#busy = false;
		this.failed = !reply.ok;
		if (reply.ok) {
			const r = reply.roster;
			this.rows = r.rows;
			this.page = r.page;
			this.pageSize = r.pageSize;
			this.total = r.total;
			this.shown = r.query;
			this.#version = r.version;
			this.loaded = true;
		}
		const next = this.#next;
		this.#next = null;
		if (next !== null) this.#schedule(next, true);
		else if (this.#wanted !== null && this.#wanted !== this.#version) {
			this.#schedule(reply.ok ? ROSTER_REFRESH_MS : ROSTER_REFRESH_MS * 2);
		}
	}
}

function remember(held: RecentNames, added: readonly { name: string }[], more: number): RecentNames {
	if (added.length === 0 && more === 0) return held;
	const names = [...held.names, ...added.map((p) => p.name)];
	const dropped = Math.max(0, names.length - RECENT_NAMES);
	return { names: names.slice(dropped), more: held.more + more + dropped };
}
