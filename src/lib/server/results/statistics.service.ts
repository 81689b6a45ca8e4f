import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import { countKeyPositions, judgeKeys, type KeyBalance } from '../../domain/key-balance';
import type { LiveUnit } from '../../domain/live-board';
import {
	addItemSums,
	alphaLevel,
	countPerDay,
	cronbachAlpha,
	discrimination,
	EMPTY_ITEM_SUMS,
	facility,
	frequentWrongAnswers,
	mostMissed,
	reviewReasons,
	scoreDistribution,
	type AlphaLevel,
	type BucketCount,
	type DayCount,
	type ItemSums,
	type QuestionStatistic,
	type TypedAnswerCount
} from '../../domain/statistics';
import type { Difficulty, QuestionType } from '../../domain/types';
import { meanPercent, topLevelStandings, type UnitTally } from '../../domain/unit-standings';
import { TIME_ZONE } from '../../i18n/format';
import type { AppContext } from '../context';
import { findRound } from '../contests/contest.repository';
import type { Db } from '../db/database';
import type { RoundRow } from '../db/schema';
import { readShownKeys, type ShownKeyRow } from './key-balance.repository';
import {
	counted,
	countBestResults,
	findResultBound,
	findSliceBound,
	listVersionDescriptions,
	readAttemptHourRows,
	readFinishedState,
	readItemSumRows,
	readWrongTypedRows,
	type Slice
} from './statistics.repository';
import { listContestUnits } from '../units/contest-units';

export type { QuestionStatistic };

/**
 * A round's statistics as the "Thống kê" page and the question-statistics export read them.
 *
 * Counted attempts are finished, not previews ("thi thử") and not disqualified. Per-question and
 * per-slot figures are over every counted attempt (a contestant's second attempt is an attempt
 * too, as in Moodle's "all attempts"); the distribution and the units use each contestant's best
 * attempt (`round_result`).
 */
export interface RoundStatistics {
	roundId: string;
	roundName: string;
	/** ms since epoch */
	opensAt: number;
	/** ms since epoch */
	closesAt: number;
	/** when the figures were read, ms since epoch */
	computedAt: number;
	/** counted attempts */
	attempts: number;
	/** contestants with a counted best attempt */
	contestants: number;
	/** every calendar day of the round's window in Asia/Ho_Chi_Minh, by submission time */
	perDay: DayCount[];
	/** best attempts per score band, from zero to perfect */
	distribution: BucketCount[];
	/** participation of the top-level units, rolled up over their subtrees, by name */
	units: UnitStatistic[];
	/** one row per question drawn in the round, hardest first (facility ascending) */
	questions: QuestionStatistic[];
	/** ids of the (up to) 10 most-missed questions, most missed first */
	mostMissed: string[];
	reliability: Reliability;
	/**
	 * Where the right answer was shown in the single-answer and true/false items drawn, per kind,
	 * with a verdict on whether it is lopsided (domain/key-balance.ts)
	 */
	keyBalance: KeyBalance[];
	/** short-text questions drawn: their most frequent wrong answers, folded (issue 16) */
	wrongTyped: WrongTypedStatistic[];
}

/** A short-text question and the wrong answers typed to it most often. */
export interface WrongTypedStatistic {
	questionId: string;
	text: string;
	answers: TypedAnswerCount[];
}

export interface UnitStatistic extends LiveUnit {
	/** participants ÷ headcount in percent (may exceed 100), null without a headcount */
	rate: number | null;
}

export interface Reliability {
	/** Cronbach's alpha over the slots, null when undefined (Moodle's CIC ÷ 100) */
	alpha: number | null;
	level: AlphaLevel | null;
	/** k: items per attempt of the attempts it is computed over (the most common test length) */
	items: number;
	/** attempts with exactly k items, the ones alpha is computed over */
	attempts: number;
}

const HOUR = 3_600_000;
const TEXT_LENGTH = 140;
/**
 * Attempts (or best results) per read. SQLite through better-sqlite3 runs a query on the event
 * loop's thread, so one query over a million attempts would stall every request of the process
 * for many seconds; sums add up, so the round is read in slices of this size with a turn of the
 * event loop between them.
 */
const BATCH = 10_000;

/**
 * The statistics of a round, or null when there is no such round. The pass over the attempts and
 * their items is kept (per database and round) until another attempt finishes or an attempt is
 * disqualified or reinstated, so the page and the export read it once. `fresh` skips that;
 * `batchSize` (attempts or contestants per read) lets tests make several slices of a few attempts.
 */
export async function getRoundStatistics(
	ctx: AppContext,
	roundId: string,
	{ batchSize = BATCH, fresh = false }: { batchSize?: number; fresh?: boolean } = {}
): Promise<RoundStatistics | null> {
	const { db } = ctx;
	const round = await findRound(db, roundId);
	if (!round) return null;
	const computedAt = ctx.clock.now();
	const days = dayStarts(round.opens_at, round.closes_at);
	const { hours, k, items, slots, shownKeys, wrongTyped } = await readAttemptSums(
		db,
		round,
		computedAt,
		days[0],
		batchSize,
		fresh
	);
	const best = await readBestResults(db, round, batchSize);
	const questions = await describeQuestions(db, items);
	const missed = mostMissed(questions.map((q) => ({ ...q, id: q.questionId })));
	const rank = new Map(missed.map((id, i) => [id, i + 1]));
	const full = hours.filter((h) => h.maxScore === k);
	const total = {
		n: full.reduce((sum, h) => sum + h.n, 0),
		sum: full.reduce((sum, h) => sum + h.scoreSum, 0),
		sum2: full.reduce((sum, h) => sum + h.scoreSum2, 0)
	};
	const alpha = cronbachAlpha(
		slots.map((correct) => ({ n: total.n, correct })),
		total
	);
	return {
		roundId,
		roundName: round.name,
		opensAt: round.opens_at,
		closesAt: round.closes_at,
		computedAt,
		attempts: hours.reduce((sum, h) => sum + h.n, 0),
		contestants: best.contestants,
		perDay: countPerDay(
			days,
			hours.map((h) => ({ at: days[0] + h.hour * HOUR, attempts: h.n, newContestants: h.first }))
		),
		distribution: best.distribution,
		units: best.units,
		questions: questions.map((q) => ({ ...q, missedRank: rank.get(q.questionId) ?? null })),
		mostMissed: missed,
		reliability: { alpha, level: alphaLevel(alpha), items: k, attempts: total.n },
		keyBalance: countKeyPositions(shownKeys).map(judgeKeys),
		wrongTyped: await describeWrongTyped(db, wrongTyped)
	};
}

/** The wrong typed answers per short-text question (versions merged), folded and counted. */
async function describeWrongTyped(db: Db, rows: readonly WrongTypedRow[]): Promise<WrongTypedStatistic[]> {
	if (rows.length === 0) return [];
	const versions = await listVersionDescriptions(db, [...new Set(rows.map((r) => r.version_id))]);
	const byVersion = new Map(versions.map((v) => [v.versionId, v]));
	const questions = new Map<string, { text: string; version: number; typed: { text: string; count: number }[] }>();
	for (const row of rows) {
		const version = byVersion.get(row.version_id);
		if (!version) continue;
		const entry = questions.get(version.questionId) ?? { text: version.text, version: version.version, typed: [] };
		if (version.version > entry.version) Object.assign(entry, { text: version.text, version: version.version });
		const typed = JSON.parse(row.answer_json) as string[];
		if (typed.length === 1) entry.typed.push({ text: typed[0], count: Number(row.n) });
		questions.set(version.questionId, entry);
	}
	return [...questions]
		.map(([questionId, q]) => ({ questionId, text: shortText(q.text), answers: frequentWrongAnswers(q.typed) }))
		.filter((q) => q.answers.length > 0)
		.sort((a, b) => b.answers[0].count - a.answers[0].count || a.questionId.localeCompare(b.questionId));
}

/** What the pass over a round's counted attempts and items yields. */
interface AttemptSums {
	hours: HourRow[];
	/** the most common test length */
	k: number;
	/** per question version */
	items: Map<string, ItemSums>;
	/** right answers at slots 1..k over the attempts of length k */
	slots: number[];
	/** where the right answers were shown, per version and shown order */
	shownKeys: ShownKeyRow[];
	/** wrong answers typed to short-text questions, per version and answer */
	wrongTyped: WrongTypedRow[];
}

type WrongTypedRow = Awaited<ReturnType<typeof readWrongTypedRows>>[number];

/** Passes already made, per database and round, under the state of the round they were made at. */
const passes = new WeakMap<Db, Map<string, { state: string; sums: Promise<AttemptSums> }>>();

/**
 * The pass over the round's counted attempts, or the one already made at the same state: the same
 * finished attempts (their number and the last finish, read from attempt_round_status_idx alone)
 * and the same leaderboard version, which every disqualification and reinstatement moves. A
 * request that arrives while the pass runs waits for it instead of starting another.
 */
async function readAttemptSums(
	db: Db,
	round: Pick<RoundRow, 'id' | 'leaderboard_version'>,
	upTo: number,
	origin: number,
	batch: number,
	fresh: boolean
): Promise<AttemptSums> {
	const finished = await readFinishedState(db, round.id, upTo);
	const state = `${round.leaderboard_version}:${finished.n}:${finished.last}:${origin}`;
	const byRound = passes.get(db) ?? new Map<string, { state: string; sums: Promise<AttemptSums> }>();
	passes.set(db, byRound);
	const kept = byRound.get(round.id);
	if (!fresh && kept?.state === state) return kept.sums;
	const sums = (async (): Promise<AttemptSums> => {
		const slices = await attemptSlices(db, round.id, upTo, batch);
		const hours = await readAttemptHours(db, round.id, slices, origin);
		const k = modalLength(hours);
		const shownKeys: ShownKeyRow[] = [];
		const wrongTyped: WrongTypedRow[] = [];
		for (const slice of slices) {
			shownKeys.push(...(await readShownKeys(db, counted(round.id, slice))));
			wrongTyped.push(...(await readWrongTypedRows(db, counted(round.id, slice))));
			await nextTurn();
		}
		return { hours, k, ...(await readItemSums(db, round.id, slices, k)), shownKeys, wrongTyped };
	})();
	byRound.set(round.id, { state, sums });
	// A failed pass is not kept: the next request tries again.
	sums.catch(() => {
		if (byRound.get(round.id)?.sums === sums) byRound.delete(round.id);
	});
	return sums;
}

/** Midnight of every day that overlaps [from, to), in Vietnam's time zone; at least one day. */
function dayStarts(from: number, to: number): number[] {
	const out: number[] = [];
	for (
		let day = startOfDay(new TZDate(from, TIME_ZONE));
		out.length === 0 || day.getTime() < to;
		day = addDays(day, 1)
	) {
		out.push(day.getTime());
	}
	return out;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The round's finished attempts up to `upTo` cut into slices of about `batch`, by finished_at: each
 * bound is found by skipping `batch` entries of attempt_round_status_idx, which costs no table read.
 */
async function attemptSlices(db: Db, roundId: string, upTo: number, batch: number): Promise<Slice[]> {
	const slices: Slice[] = [];
	let after = -1;
	for (;;) {
		const bound = await findSliceBound(db, roundId, after, upTo, batch);
		const end = bound?.finished_at ?? upTo;
		slices.push({ after, upTo: end });
		if (!bound || end >= upTo) return slices;
		after = end;
	}
}

interface HourRow {
	/** hours since the first day's midnight */
	hour: number;
	maxScore: number;
	n: number;
	/** attempts that were the contestant's first in the round (ordinal 1) */
	first: number;
	scoreSum: number;
	scoreSum2: number;
}

/**
 * Counted attempts per hour of submission and test length, with the score sums alpha needs. By
 * submission time, not finish time: a timed-out attempt counts at its deadline, whenever the
 * sweeper finalized it.
 */
async function readAttemptHours(db: Db, roundId: string, slices: readonly Slice[], origin: number) {
	const out = new Map<string, HourRow>();
	for (const slice of slices) {
		const rows = await readAttemptHourRows(db, roundId, slice, origin, HOUR);
		for (const r of rows) {
			const key = `${r.hour}:${r.max_score}`;
			const row = out.get(key) ?? {
				hour: Number(r.hour),
				maxScore: Number(r.max_score),
				n: 0,
				first: 0,
				scoreSum: 0,
				scoreSum2: 0
			};
			row.n += Number(r.n);
			row.first += Number(r.first);
			row.scoreSum += Number(r.score_sum);
			row.scoreSum2 += Number(r.score_sum2);
			out.set(key, row);
		}
		await nextTurn();
	}
	return [...out.values()];
}

/** The most common number of items per counted attempt (the longer on a tie), 0 without attempts. */
function modalLength(hours: readonly HourRow[]): number {
	const counts = new Map<number, number>();
	for (const h of hours) counts.set(h.maxScore, (counts.get(h.maxScore) ?? 0) + h.n);
	let best = 0;
	let bestCount = 0;
	for (const [length, count] of counts) {
		if (count > bestCount || (count === bestCount && length > best)) [best, bestCount] = [length, count];
	}
	return best;
}

/**
 * Sufficient statistics per question version over the counted attempts that drew it, and the
 * number right at each slot 1..k over the attempts of length k, from one pass over the items of
 * each slice, grouped by version, slot and test length (at most that many rows, whatever the
 * number of attempts). The item's score is is_correct (one point, all-or-nothing), so the rest of
 * the test is the attempt's score minus it.
 */
async function readItemSums(db: Db, roundId: string, slices: readonly Slice[], k: number) {
	const items = new Map<string, ItemSums>();
	const slots = new Array<number>(k).fill(0);
	for (const slice of slices) {
		const rows = await readItemSumRows(db, roundId, slice);
		for (const r of rows) {
			const id = String(r.version_id);
			const correct = Number(r.correct ?? 0);
			items.set(
				id,
				addItemSums(items.get(id) ?? EMPTY_ITEM_SUMS, {
					n: Number(r.n),
					correct,
					sumRest: Number(r.sum_rest ?? 0),
					sumRest2: Number(r.sum_rest2 ?? 0),
					sumCorrectRest: Number(r.sum_correct_rest ?? 0)
				})
			);
			const position = Number(r.position);
			if (Number(r.max_score) === k && position >= 1 && position <= k) slots[position - 1] += correct;
		}
		await nextTurn();
	}
	return { items, slots };
}

/** Merges versions into questions and adds what a reader needs to recognize each one. */
async function describeQuestions(
	db: Db,
	items: ReadonlyMap<string, ItemSums>
): Promise<Omit<QuestionStatistic, 'missedRank'>[]> {
	const versionIds = [...items.keys()];
	const described = [];
	// One bound parameter per version: chunks stay well under SQLite's limit on variables.
	for (let i = 0; i < versionIds.length; i += 500) {
		described.push(...(await listVersionDescriptions(db, versionIds.slice(i, i + 500))));
	}
	const questions = new Map<string, { latest: (typeof described)[number]; sums: ItemSums }>();
	for (const version of described) {
		const sums = items.get(version.versionId)!;
		const entry = questions.get(version.questionId);
		if (!entry) questions.set(version.questionId, { latest: version, sums });
		else {
			entry.sums = addItemSums(entry.sums, sums);
			if (version.version > entry.latest.version) entry.latest = version;
		}
	}
	return [...questions.values()]
		.map(({ latest, sums }) => {
			const figures = { n: sums.n, facility: facility(sums), discrimination: discrimination(sums) };
			return {
				questionId: latest.questionId,
				text: shortText(latest.text),
				topic: latest.topic,
				type: latest.type as QuestionType,
				difficulty: latest.difficulty as Difficulty,
				correct: sums.correct,
				...figures,
				review: reviewReasons(figures)
			};
		})
		.sort((a, b) => (a.facility ?? 2) - (b.facility ?? 2) || b.n - a.n || a.questionId.localeCompare(b.questionId));
}

function shortText(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= TEXT_LENGTH) return flat;
	const cut = flat.slice(0, TEXT_LENGTH);
	const space = cut.lastIndexOf(' ');
	return `${space > TEXT_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Best attempts per unit and score, in slices of contestants (keyset on round_result's primary
 * key): the distribution and the unit roll-up both come from them. round_result never holds a
 * preview or a disqualified attempt: finalizing skips them, and a disqualification recomputes the
 * contestant's best (close.service.ts).
 */
async function readBestResults(
	db: Db,
	round: Pick<RoundRow, 'id' | 'contest_id'>,
	batch: number
): Promise<{ contestants: number; distribution: BucketCount[]; units: UnitStatistic[] }> {
	const roundId = round.id;
	const counts = new Map<string, { unitId: string; score: number; maxScore: number; count: number }>();
	let after = '';
	for (let more = true; more;) {
		const bound = await findResultBound(db, roundId, after, batch);
		for (const row of await countBestResults(db, roundId, after, bound?.user_id)) {
			const key = `${row.unit_id}:${row.score}:${row.max_score}`;
			const entry = counts.get(key) ?? { unitId: row.unit_id, score: row.score, maxScore: row.max_score, count: 0 };
			entry.count += Number(row.n);
			counts.set(key, entry);
		}
		more = bound !== undefined;
		if (bound) after = bound.user_id;
		await nextTurn();
	}
	const rows = [...counts.values()];
	const tallies = new Map<string, UnitTally>();
	for (const row of rows) {
		const tally = tallies.get(row.unitId) ?? { participants: 0, scoreFractionSum: 0 };
		tally.participants += row.count;
		if (row.maxScore > 0) tally.scoreFractionSum += (row.count * row.score) / row.maxScore;
		tallies.set(row.unitId, tally);
	}
	// the contest's own units, by name in code-point order (as ORDER BY name gave them)
	const units = (await listContestUnits(db, round.contest_id)).sort((a, b) =>
		a.name < b.name ? -1 : a.name > b.name ? 1 : 0
	);
	const standings = topLevelStandings(units, tallies, { root: 'subtree' });
	return {
		contestants: rows.reduce((sum, r) => sum + r.count, 0),
		distribution: scoreDistribution(rows),
		units: standings.map((u) => ({
			id: u.id,
			name: u.name,
			participants: u.participants,
			headcount: u.headcount,
			meanPercent: meanPercent(u),
			rate: u.headcount > 0 ? (100 * u.participants) / u.headcount : null,
			...(u.total ? { total: true } : {})
		}))
	};
}
