/**
 * Live games (DESIGN.md §4.2): the host-paced quiz's state machine, its answer rule and its
 * scoring presets. Pure: the server feeds it the clock and applies what it returns.
 *
 *   lobby ─start→ question ─reveal/timeout→ reveal ─leaderboard→ leaderboard
 *                    ↑  │ pause⇄resume          │ next                 │ next
 *                    └──┴──────────── next question, or podium after the last
 *   skip (in a question) voids it: no points, on to the next question. end: podium from anywhere.
 */
import { foldVietnamese, unsafeCharacter } from './text';

export type GamePhase = 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'podium';
export const GAME_PHASES: readonly GamePhase[] = ['lobby', 'question', 'reveal', 'leaderboard', 'podium'];

export type GameCommand = 'start' | 'next' | 'reveal' | 'leaderboard' | 'pause' | 'resume' | 'skip' | 'end';
export const GAME_COMMANDS: readonly GameCommand[] = [
	'start',
	'next',
	'reveal',
	'leaderboard',
	'pause',
	'resume',
	'skip',
	'end'
];
/** Commands plus the server's own timer. */
export type GameEvent = GameCommand | 'timeout';

export type ScoringPreset = 'accuracy' | 'speed';
export type JoinMode = 'account' | 'nickname' | 'both';

/** Where the game is: what the server persists at every phase change. */
export interface GameClock {
	phase: GamePhase;
	/** the current (or last shown) question, 0-based; -1 in the lobby */
	index: number;
	/** when the current question was sent, ms; moved forward by pauses so elapsed time excludes them */
	questionStartedAt: number | null;
	/** answers must reach the server by this time, ms; null while paused */
	deadline: number | null;
	/** set while a question is paused: the time it had left */
	pausedRemaining: number | null;
	/** time the host added to the current question for everyone, ms (absent: none); a new question drops it */
	extraMs?: number;
}

export const LOBBY: GameClock = {
	phase: 'lobby',
	index: -1,
	questionStartedAt: null,
	deadline: null,
	pausedRemaining: null
};

export interface GameShape {
	/** number of questions */
	count: number;
	/** the time limit of question i, ms */
	limitMs(index: number): number;
}

export type TransitionResult = { ok: true; clock: GameClock } | { ok: false; reason: 'illegal' };

export function isPaused(clock: GameClock): boolean {
	return clock.phase === 'question' && clock.pausedRemaining !== null;
}

/** The events each phase accepts; everything else is refused. */
export function legalEvents(clock: GameClock, now: number): GameEvent[] {
	switch (clock.phase) {
		case 'lobby':
			return ['start', 'end'];
		case 'question':
			if (isPaused(clock)) return ['resume', 'reveal', 'skip', 'end'];
			return clock.deadline !== null && now >= clock.deadline
				? ['pause', 'reveal', 'skip', 'end', 'timeout']
				: ['pause', 'reveal', 'skip', 'end'];
		case 'reveal':
			return ['next', 'leaderboard', 'end'];
		case 'leaderboard':
			return ['next', 'end'];
		case 'podium':
			return [];
	}
}

function askQuestion(index: number, shape: GameShape, now: number): GameClock {
	if (index >= shape.count) return toPodium(index - 1);
	return {
		phase: 'question',
		index,
		questionStartedAt: now,
		deadline: now + shape.limitMs(index),
		pausedRemaining: null
	};
}

function toPodium(lastIndex: number): GameClock {
	return { ...LOBBY, phase: 'podium', index: Math.max(lastIndex, -1) };
}

/** Applies one event at `now`; an event the phase does not accept is refused and changes nothing. */
export function transition(clock: GameClock, event: GameEvent, now: number, shape: GameShape): TransitionResult {
	if (!legalEvents(clock, now).includes(event)) return { ok: false, reason: 'illegal' };
	switch (event) {
		case 'start':
			if (shape.count === 0) return { ok: true, clock: toPodium(-1) };
			return { ok: true, clock: askQuestion(0, shape, now) };
		case 'next':
		case 'skip':
			// a skipped question is voided; the game moves straight to the next question
			return { ok: true, clock: askQuestion(clock.index + 1, shape, now) };
		case 'reveal':
		case 'timeout':
			return {
				ok: true,
				clock: { ...clock, phase: 'reveal', deadline: clock.deadline ?? now, pausedRemaining: null }
			};
		case 'leaderboard':
			return { ok: true, clock: { ...clock, phase: 'leaderboard' } };
		case 'pause':
			return {
				ok: true,
				clock: { ...clock, deadline: null, pausedRemaining: Math.max(0, (clock.deadline ?? now) - now) }
			};
		case 'resume': {
			const remaining = clock.pausedRemaining ?? 0;
			const started = clock.questionStartedAt ?? now;
			const limit = shape.limitMs(clock.index) + (clock.extraMs ?? 0);
			// time spent before the pause stays spent: the question restarts where it stopped
			const spent = limit - remaining;
			return {
				ok: true,
				clock: {
					...clock,
					questionStartedAt: Math.max(started, now - spent),
					deadline: now + remaining,
					pausedRemaining: null
				}
			};
		}
		case 'end':
			return { ok: true, clock: toPodium(clock.index) };
	}
}

/** Time the host may add to a question at once, ms, and in all. */
export const EXTEND_STEPS_MS: readonly number[] = [10_000, 30_000];
export const EXTEND_MAX_MS = 10 * 60_000;

/**
 * The host gives everyone `ms` more on the running question (paused or not): the deadline moves,
 * the server's clock stays the only clock. Null when no question is open at `now`, or the question
 * was already given EXTEND_MAX_MS.
 */
export function extendQuestion(clock: GameClock, ms: number, now: number): GameClock | null {
	if (clock.phase !== 'question' || !(ms > 0)) return null;
	const extra = (clock.extraMs ?? 0) + ms;
	if (extra > EXTEND_MAX_MS) return null;
	if (isPaused(clock)) return { ...clock, pausedRemaining: (clock.pausedRemaining ?? 0) + ms, extraMs: extra };
	if (clock.deadline === null || clock.deadline <= now) return null;
	return { ...clock, deadline: clock.deadline + ms, extraMs: extra };
}

/**
 * The clock of a game found in the database after a restart. A question that was running is
 * treated as paused at the last moment the server wrote anything and resumed now: the players
 * keep the time they had, and elapsed times do not count the outage.
 */
export function resumeAfterRestart(clock: GameClock, lastWrite: number, now: number, shape: GameShape): GameClock {
	if (clock.phase !== 'question' || isPaused(clock) || clock.deadline === null) return clock;
	const at = Math.min(lastWrite, clock.deadline);
	const paused = transition(clock, 'pause', at, shape);
	if (!paused.ok) return clock;
	const resumed = transition(paused.clock, 'resume', Math.max(now, at), shape);
	return resumed.ok ? resumed.clock : clock;
}

// ─── Answers ─────────────────────────────────────────────────────────────────────────────────

/** Latency allowance is half the best round trip measured by the server, never more than this. */
export const MAX_LATENCY_ALLOWANCE_MS = 250;

/**
 * The allowance for a player's network: half the smallest round trip the server measured to them.
 * The smallest, because a client can delay its pong but cannot make it arrive sooner; capped,
 * so even a client that delays every pong gains at most a quarter second.
 */
export function latencyAllowance(roundTripsMs: readonly number[]): number {
	if (roundTripsMs.length === 0) return 0;
	const best = Math.min(...roundTripsMs.filter((r) => Number.isFinite(r) && r >= 0));
	if (!Number.isFinite(best)) return 0;
	return Math.min(MAX_LATENCY_ALLOWANCE_MS, Math.round(best / 2));
}

export type AnswerRefusal = 'not_in_question' | 'paused' | 'wrong_question' | 'late' | 'duplicate' | 'invalid_choice';

export type AnswerCheck = { ok: true; elapsedMs: number } | { ok: false; reason: AnswerRefusal };

/**
 * Whether an answer counts: only in a running question, only for the current one, once, and only
 * if it reached the server by the deadline (plus the player's latency allowance). Its time is the
 * server's: from the question's sending to its arrival, less the allowance, within [0, limit].
 */
export function checkAnswer(input: {
	clock: GameClock;
	position: number;
	choice: readonly number[];
	optionCount: number;
	limitMs: number;
	receivedAt: number;
	allowanceMs: number;
	alreadyAnswered: boolean;
}): AnswerCheck {
	const { clock } = input;
	if (clock.phase !== 'question') {
		return { ok: false, reason: input.position <= clock.index ? 'wrong_question' : 'not_in_question' };
	}
	if (input.position !== clock.index) return { ok: false, reason: 'wrong_question' };
	if (isPaused(clock)) return { ok: false, reason: 'paused' };
	if (clock.deadline === null || input.receivedAt > clock.deadline + input.allowanceMs) {
		return { ok: false, reason: 'late' };
	}
	if (input.alreadyAnswered) return { ok: false, reason: 'duplicate' };
	const choice = input.choice;
	if (
		choice.length === 0 ||
		new Set(choice).size !== choice.length ||
		choice.some((c) => !Number.isInteger(c) || c < 0 || c >= input.optionCount)
	) {
		return { ok: false, reason: 'invalid_choice' };
	}
	const elapsed = input.receivedAt - (clock.questionStartedAt ?? input.receivedAt) - input.allowanceMs;
	return { ok: true, elapsedMs: Math.max(0, Math.min(input.limitMs, Math.round(elapsed))) };
}

/** A choice is correct when it is exactly the set of correct options. */
export function isChoiceCorrect(choice: readonly number[], correct: readonly number[]): boolean {
	if (choice.length !== correct.length) return false;
	const wanted = new Set(correct);
	return choice.every((c) => wanted.has(c));
}

// ─── Scoring ─────────────────────────────────────────────────────────────────────────────────

/** Answers within this time of the question's sending get full points under speed scoring. */
export const FULL_POINTS_WINDOW_MS = 500;
/** Streak bonus per consecutive correct answer after the first, and its cap. */
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;
/** A speed-scored question's full points unless the organizer sets another value. */
export const DEFAULT_SPEED_POINTS = 1000;

export interface ScoringRule {
	preset: ScoringPreset;
	streakBonus: boolean;
}

export interface AnswerScore {
	/** base points plus the streak bonus */
	points: number;
	bonus: number;
	/** the player's streak after this answer */
	streak: number;
}

/**
 * Points for one answer. Accuracy: 1 for a correct answer. Speed: a correct answer is worth
 * between half and all of the question's points, all of them within the first half second, then
 * falling linearly to half at the time limit. With the streak bonus (speed scoring only, where
 * points are in hundreds), the 2nd correct answer in a row adds 100, the 3rd 200, … up to 500.
 * A wrong answer, or none, scores 0 and ends the streak.
 */
export function scoreAnswer(
	rule: ScoringRule,
	input: { correct: boolean; elapsedMs: number; limitMs: number; questionPoints: number; streakBefore: number }
): AnswerScore {
	if (!input.correct) return { points: 0, bonus: 0, streak: 0 };
	const streak = input.streakBefore + 1;
	if (rule.preset === 'accuracy') return { points: 1, bonus: 0, streak };
	const span = Math.max(1, input.limitMs - FULL_POINTS_WINDOW_MS);
	const late = Math.min(1, Math.max(0, input.elapsedMs - FULL_POINTS_WINDOW_MS) / span);
	const base = Math.round(input.questionPoints * (1 - late / 2));
	const bonus = rule.streakBonus ? Math.min(STREAK_CAP, (streak - 1) * STREAK_STEP) : 0;
	return { points: base + bonus, bonus, streak };
}

// ─── Standings ───────────────────────────────────────────────────────────────────────────────

export interface PlayerTotals {
	id: string;
	score: number;
	correctCount: number;
	/** total time of the correct answers, ms: the faster player leads on equal scores */
	correctTimeMs: number;
	joinedAt: number;
}

/** Score, then correct answers, then less time on them, then who joined first, then id. */
export function comparePlayers(a: PlayerTotals, b: PlayerTotals): number {
	return (
		b.score - a.score ||
		b.correctCount - a.correctCount ||
		a.correctTimeMs - b.correctTimeMs ||
		a.joinedAt - b.joinedAt ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

export function rankPlayers<T extends PlayerTotals>(players: readonly T[]): T[] {
	return players.slice().sort(comparePlayers);
}

export interface UnitStanding {
	unitId: string;
	players: number;
	/** mean score per player, rounded to one decimal */
	meanScore: number;
	totalScore: number;
}

/**
 * Units ranked by their players' mean score (a unit of three is not beaten by a unit of thirty
 * just for its size), then by players, then by id. Players without a unit are left out.
 */
export function rankUnits(players: readonly { unitId: string | null; score: number }[]): UnitStanding[] {
	const byUnit = new Map<string, { players: number; total: number }>();
	for (const p of players) {
		if (!p.unitId) continue;
		const u = byUnit.get(p.unitId) ?? { players: 0, total: 0 };
		u.players++;
		u.total += p.score;
		byUnit.set(p.unitId, u);
	}
	return [...byUnit.entries()]
		.map(([unitId, u]) => ({
			unitId,
			players: u.players,
			totalScore: u.total,
			meanScore: Math.round((u.total / u.players) * 10) / 10
		}))
		.sort(
			(a, b) =>
				b.totalScore / b.players - a.totalScore / a.players ||
				b.players - a.players ||
				(a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
		);
}

// ─── Nicknames and PINs ──────────────────────────────────────────────────────────────────────

export const NICKNAME_MAX = 24;

/**
 * Words a nickname may not contain. Short on purpose: the host can still remove a player; this
 * stops the obvious ones before they reach a projector. Most are matched folded (no diacritics,
 * lower case), so "Đ.M" is caught as well as "dm"; a few only with their diacritics, because
 * folded they are everyday words ("lồn" folds to "lon", as "lớn" does).
 */
const BLOCKED_FOLDED = [
	'dit',
	'djt',
	'dcm',
	'dmm',
	'dm',
	'dkm',
	'vcl',
	'vkl',
	'vl',
	'cl',
	'cc',
	'clgt',
	'cho chet',
	'oc cho',
	'fuck',
	'shit',
	'bitch',
	'cunt',
	'dick',
	'pussy',
	'asshole',
	'nigger',
	'porn'
];
const BLOCKED_EXACT = ['lồn', 'buồi', 'cặc', 'đụ', 'đéo', 'dái', 'đĩ'];

/** The folded key that makes nicknames unique: "An  NGUYỄN" and "an nguyen" are the same player. */
export function nicknameKey(nickname: string): string {
	return foldVietnamese(nickname).toLowerCase().replace(/\s+/g, ' ').trim();
}

export type NicknameProblem = 'empty' | 'too_long' | 'unsafe' | 'abusive';

/** Whether a nickname may be shown on the big screen. Uniqueness is the database's job. */
export function nicknameProblem(nickname: string): NicknameProblem | null {
	// before whitespace is collapsed: a tab or line break is a control character in a name too
	if (unsafeCharacter(nickname.trim(), 'name') !== null) return 'unsafe';
	const trimmed = nickname.normalize('NFC').replace(/\s+/g, ' ').trim();
	if (trimmed.length === 0) return 'empty';
	if ([...trimmed].length > NICKNAME_MAX) return 'too_long';
	return hasAbusiveWord(trimmed) ? 'abusive' : null;
}

/**
 * Whether a text holds one of the blocked words (the nickname filter, also what keeps abusive
 * words out of a live game's word cloud): folded words, letters spelt one at a time, the few
 * words blocked only with their diacritics.
 */
export function hasAbusiveWord(text: string): boolean {
	const trimmed = text.normalize('NFC').replace(/\s+/g, ' ').trim();
	const key = nicknameKey(trimmed);
	const words = key.split(/[^a-z0-9]+/).filter(Boolean);
	const squashed = words.join('');
	const spaced = words.join(' ');
	// letters spelt one at a time ("Đ.M", "v c l") read as the word they spell
	const spelt: string[] = [];
	let run = '';
	for (const w of [...words, '']) {
		if (w.length === 1) {
			run += w;
			continue;
		}
		if (run.length > 1) spelt.push(run);
		run = '';
	}
	for (const blocked of BLOCKED_FOLDED) {
		if (blocked.includes(' ')) {
			if (` ${spaced} `.includes(` ${blocked} `)) return true;
		} else if (
			words.includes(blocked) ||
			spelt.includes(blocked) ||
			(blocked.length >= 4 && squashed.includes(blocked))
		) {
			return true;
		}
	}
	const exact = trimmed.toLowerCase().split(/[^\p{L}\p{N}]+/u);
	return exact.some((w) => BLOCKED_EXACT.includes(w));
}

export function cleanNickname(nickname: string): string {
	return nickname.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A six-digit PIN from a random integer source (injected so tests are deterministic). */
export function makePin(randomInt: (maxExclusive: number) => number): string {
	return String(100_000 + randomInt(900_000));
}

/**
 * The unit a player counts for in a game's unit standings, as on the audience screens: with one
 * root (a province), the root's child on the player's path (or the root, for its own staff);
 * with several roots, the player's root.
 */
export function standingUnitOf(
	units: ReadonlyMap<string, { parentId: string | null }>,
	unitId: string | null
): string | null {
	if (!unitId || !units.has(unitId)) return null;
	let roots = 0;
	for (const u of units.values()) if (!u.parentId || !units.has(u.parentId)) roots++;
	const path: string[] = [];
	const seen = new Set<string>();
	let at: string | null = unitId;
	while (at && units.has(at) && !seen.has(at)) {
		seen.add(at);
		path.unshift(at);
		at = units.get(at)!.parentId;
	}
	if (roots === 1) return path[1] ?? path[0];
	return path[0];
}
