import { createHash } from 'node:crypto';
import { GameState } from '../../domain/live-game-state';
import type { Insertable } from 'kysely';
import type { LiveGameAnswerTable } from '../db/schema';
import type { Batcher } from './batcher';
import type { GameRow } from './game.repository';

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/**
 * A game this process runs: the domain's state plus what running it takes here, its timers, the
 * queue its commands run in and the answer writes under way.
 */
export class RunningGame extends GameState<GameRow> {
	/** the game's row version this node's state was built on (game.repository.ts saveGameClock) */
	version: number;
	timer: ReturnType<typeof setTimeout> | null = null;
	/** when the timer closes the question, on the server's clock (ms since epoch); null: no timer */
	timerDue: number | null = null;
	flushTimer: ReturnType<typeof setTimeout> | null = null;
	lastFlush = 0;
	/** commands, joins and removals run one at a time */
	private chain: Promise<unknown> = Promise.resolve();
	/** answer writes under way: a reveal waits for them, so it never scores an answer that failed */
	readonly pendingWrites = new Set<Promise<unknown>>();
	/** the answers' writes, a transaction for all that arrive while the one before is written */
	answerWriter: Batcher<Insertable<LiveGameAnswerTable>, boolean> | null = null;
	evictTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(...args: ConstructorParameters<typeof GameState<GameRow>>) {
		super(...args);
		this.version = args[0].version;
	}

	serial<T>(task: () => Promise<T>): Promise<T> {
		const run = this.chain.then(task, task);
		this.chain = run.catch(() => undefined);
		return run;
	}
}
