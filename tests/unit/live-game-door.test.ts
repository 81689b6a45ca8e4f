import { describe, expect, it } from 'vitest';
import { inFontRanges } from '../../scripts/font-subset';
import {
	EXTEND_MAX_MS,
	extendQuestion,
	nicknameKey,
	nicknameProblem,
	transition,
	type GameClock
} from '../../src/lib/domain/live-game';
import {
	doorClosed,
	doorStats,
	emptyDoorLog,
	generateNickname,
	identifierProblem,
	JOIN_RATE_WINDOW_MS,
	NICKNAME_COLOURS,
	NICKNAME_NOUNS,
	noteJoin,
	noteRefusal
} from '../../src/lib/domain/live-game-door';
import { createRng } from '../../src/lib/domain/random';

// The live game's door as pure rules: generated nicknames, the host's door figures, the lock and
// the cap, identifiers, and more time on a running question.

describe('generated nicknames', () => {
	it('are written in the subset font and pass the nickname filter, every combination', () => {
		for (const noun of NICKNAME_NOUNS) {
			for (const colour of NICKNAME_COLOURS) {
				const name = `${noun} ${colour} 99`;
				expect(nicknameProblem(name), name).toBeNull();
				for (const char of name) expect(inFontRanges(char.codePointAt(0)!), `${char} in ${name}`).toBe(true);
			}
		}
	});

	it('never repeat in a game, even once most short names are taken', () => {
		const random = createRng('door');
		const randomInt = (n: number) => Math.floor(random() * n);
		const taken = new Set<string>();
		const count = NICKNAME_NOUNS.length * NICKNAME_COLOURS.length * 99 + 500;
		for (let i = 0; i < count; i++) {
			const name = generateNickname((key) => taken.has(key), randomInt);
			expect(taken.has(nicknameKey(name))).toBe(false);
			taken.add(nicknameKey(name));
		}
		expect(taken.size).toBe(count);
	});
});

describe('the door', () => {
	it('refuses when locked, or when the cap is reached', () => {
		expect(doorClosed({ locked: true, maxPlayers: null }, 0)).toBe('locked');
		expect(doorClosed({ locked: false, maxPlayers: 3 }, 3)).toBe('full');
		expect(doorClosed({ locked: false, maxPlayers: 3 }, 2)).toBeNull();
		expect(doorClosed({ locked: false, maxPlayers: null }, 10_000)).toBeNull();
	});

	it('counts refusals, and the joins of the last minute only', () => {
		const log = emptyDoorLog();
		noteJoin(log, 1_000);
		noteJoin(log, 30_000);
		noteRefusal(log, 'throttled');
		noteRefusal(log, 'throttled');
		noteRefusal(log, 'locked');
		expect(doorStats(log, 31_000)).toEqual({
			refused: { locked: 1, full: 0, throttled: 2 },
			joinsLastMinute: 2
		});
		expect(doorStats(log, 1_000 + JOIN_RATE_WINDOW_MS).joinsLastMinute).toBe(1);
	});

	it('asks for a clean identifier', () => {
		expect(identifierProblem('  ')).toBe('empty');
		expect(identifierProblem('x'.repeat(33))).toBe('too_long');
		expect(identifierProblem('NV\u202e01')).toBe('unsafe');
		expect(identifierProblem(' NV-0042 ')).toBeNull();
	});
});

describe('more time on a question', () => {
	const SHAPE = { count: 2, limitMs: () => 20_000 };
	const running: GameClock = {
		phase: 'question',
		index: 0,
		questionStartedAt: 0,
		deadline: 20_000,
		pausedRemaining: null
	};

	it('moves the deadline of a running question, adds to the time left of a paused one', () => {
		expect(extendQuestion(running, 30_000, 5_000)).toEqual({ ...running, deadline: 50_000, extraMs: 30_000 });
		const paused = transition(running, 'pause', 5_000, SHAPE);
		if (!paused.ok) throw new Error('pause refused');
		const longer = extendQuestion(paused.clock, 10_000, 6_000)!;
		expect(longer.pausedRemaining).toBe(25_000);
		// resumed, the time already spent stays spent: the question does not start in the future
		const resumed = transition(longer, 'resume', 100_000, SHAPE);
		expect(resumed.ok && resumed.clock).toMatchObject({
			questionStartedAt: 95_000,
			deadline: 125_000,
			extraMs: 10_000
		});
	});

	it('is refused outside a running question, past its deadline, or beyond the most in all', () => {
		expect(extendQuestion({ ...running, phase: 'reveal' }, 10_000, 5_000)).toBeNull();
		expect(extendQuestion(running, 10_000, 20_000)).toBeNull();
		expect(extendQuestion({ ...running, extraMs: EXTEND_MAX_MS }, 10_000, 5_000)).toBeNull();
		// the next question starts with its own limit
		const next = transition({ ...running, phase: 'reveal', extraMs: 30_000 }, 'next', 60_000, SHAPE);
		expect(next.ok && next.clock.extraMs).toBeUndefined();
	});
});
