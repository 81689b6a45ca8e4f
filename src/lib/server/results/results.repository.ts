import { compareVietnamese } from '../../domain/text';
import { sql } from 'kysely';
import { isPostgres, type Db } from '../db/database';
import type { PrizeTier } from '../../domain/types';
import type { FinalResultTable, RoundCloseTable, UnitResultTable } from '../db/schema';

type FinalResultRow = FinalResultTable;

/** Rows per INSERT statement when writing a closed round's results. */
const INSERT_BATCH = 500;

/** Whether the attempt belongs to the round, itself of the contest. */
export async function attemptInContestRound(
	db: Db,
	attemptId: string,
	roundId: string,
	contestId: string
): Promise<boolean> {
	const row = await db
		.selectFrom('attempt')
		.innerJoin('round', 'round.id', 'attempt.round_id')
		.select('attempt.id')
		.where('attempt.id', '=', attemptId)
		.where('round.id', '=', roundId)
		.where('round.contest_id', '=', contestId)
		.executeTakeFirst();
	return row !== undefined;
}

/** The contest's closed rounds, in order. */
export function listClosedRounds(db: Db, contestId: string) {
	return db
		.selectFrom('round_close')
		.innerJoin('round', 'round.id', 'round_close.round_id')
		.select(['round.name', 'round.ordinal'])
		.where('round.contest_id', '=', contestId)
		.orderBy('round.ordinal')
		.execute();
}

/** Contestants who won an individual prize in a round of the contest before `ordinal`. */
export async function listEarlierWinnerIds(db: Db, contestId: string, ordinal: number): Promise<Set<string>> {
	const rows = await db
		.selectFrom('final_result')
		.innerJoin('round', 'round.id', 'final_result.round_id')
		.select('final_result.user_id')
		.where('round.contest_id', '=', contestId)
		.where('round.ordinal', '<', ordinal)
		.where('final_result.prize', 'is not', null)
		.execute();
	return new Set(rows.map((r) => r.user_id));
}

/** Replaces the round's final ranking and unit standings, in batches. */
export async function replaceClosedResults(
	db: Db,
	roundId: string,
	finals: FinalResultTable[],
	units: UnitResultTable[]
): Promise<void> {
	await db.deleteFrom('final_result').where('round_id', '=', roundId).execute();
	await db.deleteFrom('unit_result').where('round_id', '=', roundId).execute();
	for (let i = 0; i < finals.length; i += INSERT_BATCH) {
		await db
			.insertInto('final_result')
			.values(finals.slice(i, i + INSERT_BATCH))
			.execute();
		// better-sqlite3 is synchronous: give sockets and timers a turn between batches.
		if ((i / INSERT_BATCH) % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
	}
	for (let i = 0; i < units.length; i += INSERT_BATCH) {
		await db
			.insertInto('unit_result')
			.values(units.slice(i, i + INSERT_BATCH))
			.execute();
	}
}

/**
 * Holds the round's close lock until the transaction ends, so two closes of one round (two nodes'
 * sweepers, an organizer's click) write one after the other and count their runs right. On
 * PostgreSQL a transaction-scoped advisory lock: unlike a lock on the round row, it does not hold
 * up the submits (which move the round's leaderboard version) while a big ranking is written.
 * SQLite has one writer at a time: nothing to do.
 */
export async function lockRoundClose(trx: Db, roundId: string): Promise<void> {
	if (!isPostgres(trx)) return;
	await sql`select pg_advisory_xact_lock(hashtext('cuocthi.round_close'), hashtext(${roundId}))`.execute(trx);
}

/** How many times the round was closed before. */
export async function countCloseRuns(db: Db, roundId: string): Promise<number> {
	const previous = await db.selectFrom('round_close').select('runs').where('round_id', '=', roundId).executeTakeFirst();
	return previous?.runs ?? 0;
}

/** Writes the round's close record, replacing an earlier one. */
export async function upsertRoundClose(db: Db, record: RoundCloseTable): Promise<void> {
	await db
		.insertInto('round_close')
		.values(record)
		.onConflict((oc) => oc.column('round_id').doUpdateSet({ ...record, round_id: undefined }))
		.execute();
}

/** Rounds whose window and grace are over at `now` and which were never closed. */
export async function listUnclosedRoundsOver(db: Db, now: number): Promise<string[]> {
	const rows = await db
		.selectFrom('round')
		.leftJoin('round_close', 'round_close.round_id', 'round.id')
		.select('round.id')
		.where('round_close.round_id', 'is', null)
		.where(sql<boolean>`round.closes_at + round.grace_ms <= ${now}`)
		.execute();
	return rows.map((r) => r.id);
}

// Reading a closed round's results: every query goes through final_result / unit_result, which
// closing wrote with the places already computed, so a page or a rank lookup is one index range.

export interface CloseRecord {
	actualValue: number;
	participants: number;
	computedAt: number;
	/** null: closed automatically at the closing time */
	computedBy: string | null;
	runs: number;
}

export async function findCloseRecord(db: Db, roundId: string): Promise<CloseRecord | null> {
	const row = await db
		.selectFrom('round_close')
		.leftJoin('app_user', 'app_user.id', 'round_close.computed_by')
		.select([
			'round_close.actual_value',
			'round_close.participants',
			'round_close.computed_at',
			'round_close.runs',
			'app_user.full_name'
		])
		.where('round_close.round_id', '=', roundId)
		.executeTakeFirst();
	if (!row) return null;
	return {
		actualValue: row.actual_value,
		participants: row.participants,
		computedAt: row.computed_at,
		computedBy: row.full_name,
		runs: row.runs
	};
}

export interface FinalRow {
	userId: string;
	attemptId: string;
	fullName: string;
	unitName: string;
	groupId: string;
	rank: number;
	score: number;
	maxScore: number;
	durationMs: number;
	submittedAt: number;
	prediction: number | null;
	distance: number | null;
	prize: PrizeTier | null;
}

/** One page of a group's final ranking, optionally within a unit and its sub-units. */
export async function listFinalResults(
	db: Db,
	roundId: string,
	options: { groupId: string; unitIds?: string[]; offset: number; limit: number }
): Promise<{ rows: FinalRow[]; total: number }> {
	let base = db
		.selectFrom('final_result')
		.where('final_result.round_id', '=', roundId)
		.where('final_result.group_id', '=', options.groupId);
	if (options.unitIds) base = base.where('final_result.unit_id', 'in', options.unitIds);
	const [rows, total] = await Promise.all([
		base
			.innerJoin('app_user', 'app_user.id', 'final_result.user_id')
			.innerJoin('unit', 'unit.id', 'final_result.unit_id')
			.select([
				'final_result.user_id as userId',
				'final_result.attempt_id as attemptId',
				'app_user.full_name as fullName',
				'unit.name as unitName',
				'final_result.group_id as groupId',
				'final_result.rank',
				'final_result.score',
				'final_result.max_score as maxScore',
				'final_result.duration_ms as durationMs',
				'final_result.submitted_at as submittedAt',
				'final_result.prediction',
				'final_result.distance',
				'final_result.prize'
			])
			.orderBy('final_result.rank')
			.offset(options.offset)
			.limit(options.limit)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(total.n) };
}

/** A contestant's final place in a closed round, or undefined. */
export function findFinalResult(db: Db, roundId: string, userId: string): Promise<FinalResultRow | undefined> {
	return db
		.selectFrom('final_result')
		.selectAll()
		.where('round_id', '=', roundId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

export interface UnitRow {
	unitId: string;
	name: string;
	parentId: string | null;
	topLevel: boolean;
	participants: number;
	headcount: number;
	rate: number | null;
	meanPercent: number | null;
	perfect: number;
	rank: number | null;
	prize: number | null;
}

/** Unit standings of a closed round: the top level in collective order, or every unit. */
export async function listUnitResults(db: Db, roundId: string, topLevelOnly: boolean): Promise<UnitRow[]> {
	let query = db
		.selectFrom('unit_result')
		.innerJoin('unit', 'unit.id', 'unit_result.unit_id')
		.select([
			'unit_result.unit_id as unitId',
			'unit.name',
			'unit.parent_id as parentId',
			'unit_result.top_level as topLevel',
			'unit_result.participants',
			'unit_result.headcount',
			'unit_result.rate',
			'unit_result.mean_percent as meanPercent',
			'unit_result.perfect',
			'unit_result.rank',
			'unit_result.prize'
		])
		.where('unit_result.round_id', '=', roundId);
	if (topLevelOnly) query = query.where('unit_result.top_level', '=', 1);
	// Ranked (top-level) units first in collective order, then the others by name. Names are
	// compared here, in Vietnamese order: SQLite compares bytes and PostgreSQL its server's
	// collation, which would order the same units differently.
	const rows = await query.execute();
	rows.sort(
		(a, b) =>
			b.topLevel - a.topLevel ||
			(a.rank ?? 0) - (b.rank ?? 0) ||
			compareVietnamese(a.name, b.name) ||
			(a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
	);
	return rows.map((r) => ({ ...r, topLevel: r.topLevel === 1 }));
}

export interface Winner {
	groupId: string;
	groupName: string;
	rank: number;
	fullName: string;
	unitName: string;
	prize: PrizeTier;
	score: number;
	maxScore: number;
	durationMs: number;
}

/** The individual prize winners of a closed round, by group then place. Name and unit only. */
export async function listWinners(db: Db, roundId: string): Promise<Winner[]> {
	const rows = await db
		.selectFrom('final_result')
		.innerJoin('app_user', 'app_user.id', 'final_result.user_id')
		.innerJoin('unit', 'unit.id', 'final_result.unit_id')
		.innerJoin('contest_group', 'contest_group.id', 'final_result.group_id')
		.select([
			'final_result.group_id as groupId',
			'contest_group.name as groupName',
			'contest_group.position as groupPosition',
			'final_result.rank',
			'app_user.full_name as fullName',
			'unit.name as unitName',
			'final_result.prize',
			'final_result.score',
			'final_result.max_score as maxScore',
			'final_result.duration_ms as durationMs'
		])
		.where('final_result.round_id', '=', roundId)
		.where('final_result.prize', 'is not', null)
		.orderBy('contest_group.position')
		.orderBy('final_result.rank')
		.execute();
	return rows.map(({ groupPosition: _p, prize, ...r }) => ({ ...r, prize: prize as PrizeTier }));
}

export interface ContestStandingRow {
	userId: string;
	fullName: string;
	unitName: string;
	rounds: number;
	totalScore: number;
	totalMaxScore: number;
	totalDurationMs: number;
	prizes: number;
}

/**
 * The whole contest's standing in a group over its closed rounds: total of best scores, then
 * total duration (less first), then more rounds taken.
 */
export async function listContestStanding(
	db: Db,
	contestId: string,
	groupId: string,
	options: { offset: number; limit: number }
): Promise<{ rows: ContestStandingRow[]; total: number }> {
	const base = db
		.selectFrom('final_result')
		.innerJoin('round', 'round.id', 'final_result.round_id')
		.where('round.contest_id', '=', contestId)
		.where('final_result.group_id', '=', groupId);
	const [rows, total] = await Promise.all([
		base
			.innerJoin('app_user', 'app_user.id', 'final_result.user_id')
			.innerJoin('registration', (join) =>
				join.onRef('registration.user_id', '=', 'final_result.user_id').on('registration.contest_id', '=', contestId)
			)
			.innerJoin('unit', 'unit.id', 'registration.unit_id')
			.select((eb) => [
				'final_result.user_id as userId',
				eb.fn.max('app_user.full_name').as('fullName'),
				eb.fn.max('unit.name').as('unitName'),
				eb.fn.countAll<number>().as('rounds'),
				eb.fn.sum<number>('final_result.score').as('totalScore'),
				eb.fn.sum<number>('final_result.max_score').as('totalMaxScore'),
				eb.fn.sum<number>('final_result.duration_ms').as('totalDurationMs'),
				eb.fn.count<number>('final_result.prize').as('prizes')
			])
			.groupBy('final_result.user_id')
			.orderBy('totalScore', 'desc')
			.orderBy('totalDurationMs', 'asc')
			.orderBy('rounds', 'desc')
			.orderBy('final_result.user_id')
			.offset(options.offset)
			.limit(options.limit)
			.execute(),
		base.select((eb) => eb.fn.count<number>('final_result.user_id').distinct().as('n')).executeTakeFirstOrThrow()
	]);
	return {
		rows: rows.map((r) => ({
			userId: r.userId,
			fullName: String(r.fullName),
			unitName: String(r.unitName),
			rounds: Number(r.rounds),
			totalScore: Number(r.totalScore),
			totalMaxScore: Number(r.totalMaxScore),
			totalDurationMs: Number(r.totalDurationMs),
			prizes: Number(r.prizes)
		})),
		total: Number(total.n)
	};
}

/**
 * The final ranking of one group after `afterRank`, at most `limit` rows, in place order: one
 * range of the (round_id, group_id, rank) index, each row joined to its contestant by key.
 */
export function listResultChunk(db: Db, roundId: string, groupId: string, afterRank: number, limit: number) {
	return db
		.selectFrom('final_result')
		.innerJoin('app_user', 'app_user.id', 'final_result.user_id')
		.select([
			'final_result.rank',
			'final_result.unit_id as unitId',
			'final_result.attempt_id as attemptId',
			'final_result.score',
			'final_result.max_score as maxScore',
			'final_result.duration_ms as durationMs',
			'final_result.submitted_at as submittedAt',
			'final_result.prediction',
			'final_result.distance',
			'final_result.prize',
			'app_user.full_name as fullName',
			'app_user.phone',
			'app_user.email',
			'app_user.birth_date as birthDate'
		])
		.where('final_result.round_id', '=', roundId)
		.where('final_result.group_id', '=', groupId)
		.where('final_result.rank', '>', afterRank)
		.orderBy('final_result.rank')
		.limit(limit)
		.execute();
}

/** How many final rows the round's close wrote. */
export async function countFinalResults(db: Db, roundId: string): Promise<number> {
	const counted = await db
		.selectFrom('final_result')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('round_id', '=', roundId)
		.executeTakeFirstOrThrow();
	return Number(counted.n);
}

/** The contestant's prize row in the closed round with their name, unit and group, if they won one. */
export function findPrizeRow(db: Db, roundId: string, userId: string) {
	return db
		.selectFrom('final_result')
		.innerJoin('app_user', 'app_user.id', 'final_result.user_id')
		.innerJoin('unit', 'unit.id', 'final_result.unit_id')
		.innerJoin('contest_group', 'contest_group.id', 'final_result.group_id')
		.select(['app_user.full_name', 'unit.name as unit_name', 'contest_group.name as group_name', 'final_result.prize'])
		.where('final_result.round_id', '=', roundId)
		.where('final_result.user_id', '=', userId)
		.where('final_result.prize', 'is not', null)
		.executeTakeFirst();
}

/** The ids of a contest's rounds whose results have been computed. */
export async function listClosedRoundIds(db: Db, contestId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('round_close')
		.innerJoin('round', 'round.id', 'round_close.round_id')
		.select('round.id')
		.where('round.contest_id', '=', contestId)
		.execute();
	return rows.map((r) => r.id);
}

/** The round's disqualified attempts, newest first, with who was disqualified and by whom. */
export function listDisqualifiedAttempts(db: Db, roundId: string) {
	return db
		.selectFrom('attempt')
		.innerJoin('app_user', 'app_user.id', 'attempt.user_id')
		.leftJoin('app_user as judge', 'judge.id', 'attempt.disqualified_by')
		.select([
			'attempt.id',
			'app_user.full_name as fullName',
			'attempt.score',
			'attempt.max_score as maxScore',
			'attempt.disqualified_reason as reason',
			'attempt.disqualified_at as at',
			'judge.full_name as by'
		])
		.where('attempt.round_id', '=', roundId)
		.where('attempt.disqualified', '=', 1)
		.orderBy('attempt.disqualified_at', 'desc')
		.execute();
}
