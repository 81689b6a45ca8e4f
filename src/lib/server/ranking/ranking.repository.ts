import { type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { RankCriterion } from '../../domain/types';
import type { Db } from '../db/database';
import { precompiled } from '../db/precompiled';
import type { Database, LeaderboardChangeTable, RoundResultTable } from '../db/schema';

type Eb = ExpressionBuilder<Database, 'round_result'>;
type SortColumn = 'score' | 'duration_ms' | 'submitted_at' | 'attempt_id';
interface SortKey {
	column: SortColumn;
	desc: boolean;
}

/**
 * The live order of the domain comparator as SQL sort keys: the prediction criterion is left
 * out (its actual value is unknown while the round is open) and attempt id closes every tie.
 */
export function liveSortKeys(criteria: readonly RankCriterion[]): SortKey[] {
	const keys: SortKey[] = [];
	for (const c of criteria) {
		if (c === 'score') keys.push({ column: 'score', desc: true });
		if (c === 'duration') keys.push({ column: 'duration_ms', desc: false });
		if (c === 'submittedAt') keys.push({ column: 'submitted_at', desc: false });
	}
	keys.push({ column: 'attempt_id', desc: false });
	return keys;
}

/**
 * The conditions for rows strictly ahead of `entry` in the given order, one per sort key:
 * equal on every earlier key and strictly better on this one. The branches are disjoint, so
 * counting each on its own (an index range each) and adding up gives the rank.
 */
function aheadBranches(
	keys: SortKey[],
	entry: Pick<RoundResultTable, SortColumn>
): ((eb: Eb) => Expression<SqlBool>)[] {
	return keys.map((key, i) => (eb: Eb) => {
		const equalBefore = keys.slice(0, i).map((k) => eb(`round_result.${k.column}`, '=', entry[k.column]));
		const strictly = eb(`round_result.${key.column}`, key.desc ? '>' : '<', entry[key.column]);
		return eb.and([...equalBefore, strictly]);
	});
}

// A submit's reads and writes of the ranking, compiled once (precompiled.ts).
const findRoundResultQuery = precompiled(
	(db, p) =>
		db.selectFrom('round_result').selectAll().where('round_id', '=', p.roundId).where('user_id', '=', p.userId),
	{ roundId: '\u0000round', userId: '\u0000user' }
);

export function findRoundResult(db: Db, roundId: string, userId: string) {
	return findRoundResultQuery.first(db, { roundId, userId });
}

const upsertRoundResultQuery = precompiled(
	(db, p: { [K in keyof RoundResultTable]: RoundResultTable[K] }) => {
		const { round_id: _r, user_id: _u, ...rest } = p;
		return db
			.insertInto('round_result')
			.values(p)
			.onConflict((oc) => oc.columns(['round_id', 'user_id']).doUpdateSet(rest));
	},
	{
		round_id: '\u0000round',
		user_id: '\u0000user',
		group_id: '\u0000group',
		unit_id: '\u0000unit',
		attempt_id: '\u0000attempt',
		score: -1.5,
		max_score: -2.5,
		duration_ms: -3.5,
		submitted_at: -4.5,
		prediction: -5.5
	}
);

export async function upsertRoundResult(db: Db, row: RoundResultTable): Promise<void> {
	await upsertRoundResultQuery.changes(db, row);
}

const insertLeaderboardChangeQuery = precompiled(
	(db, p: { [K in keyof LeaderboardChangeTable]: LeaderboardChangeTable[K] }) =>
		db.insertInto('leaderboard_change').values(p),
	{
		round_id: '\u0000round',
		version: -1.5,
		group_id: '\u0000group',
		unit_id: '\u0000unit',
		prev_attempt_id: '\u0000prev',
		prev_score: -2.5,
		prev_duration_ms: -3.5,
		prev_submitted_at: -4.5,
		attempt_id: '\u0000attempt',
		score: -5.5,
		duration_ms: -6.5,
		submitted_at: -7.5
	}
);

export async function insertLeaderboardChange(db: Db, row: LeaderboardChangeTable): Promise<void> {
	await insertLeaderboardChangeQuery.changes(db, row);
}

/** The changes after version `after` up to `upTo`, oldest first. */
export function listLeaderboardChanges(db: Db, roundId: string, after: number, upTo: number) {
	return db
		.selectFrom('leaderboard_change')
		.selectAll()
		.where('round_id', '=', roundId)
		.where('version', '>', after)
		.where('version', '<=', upTo)
		.orderBy('version')
		.execute();
}

export interface LeaderboardRow {
	userId: string;
	fullName: string;
	unitName: string;
	score: number;
	maxScore: number;
	durationMs: number;
	submittedAt: number;
}

export async function listTopResults(
	db: Db,
	roundId: string,
	groupId: string,
	criteria: readonly RankCriterion[],
	limit: number
): Promise<LeaderboardRow[]> {
	let query = db
		.selectFrom('round_result')
		.innerJoin('app_user', 'app_user.id', 'round_result.user_id')
		.innerJoin('unit', 'unit.id', 'round_result.unit_id')
		.select([
			'round_result.user_id as userId',
			'app_user.full_name as fullName',
			'unit.name as unitName',
			'round_result.score',
			'round_result.max_score as maxScore',
			'round_result.duration_ms as durationMs',
			'round_result.submitted_at as submittedAt'
		])
		.where('round_result.round_id', '=', roundId)
		.where('round_result.group_id', '=', groupId);
	for (const key of liveSortKeys(criteria)) {
		query = query.orderBy(`round_result.${key.column}`, key.desc ? 'desc' : 'asc');
	}
	return query.limit(limit).execute();
}

/** How many results are ahead of `entry` in its group (optionally only within one unit), and how many there are. */
export async function countAhead(
	db: Db,
	entry: RoundResultTable,
	criteria: readonly RankCriterion[],
	unitId: string | null
): Promise<{ ahead: number; total: number }> {
	let base = db
		.selectFrom('round_result')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('round_result.round_id', '=', entry.round_id)
		.where('round_result.group_id', '=', entry.group_id);
	if (unitId) base = base.where('round_result.unit_id', '=', unitId);
	let ahead = 0;
	for (const branch of aheadBranches(liveSortKeys(criteria), entry)) {
		ahead += Number((await base.where(branch).executeTakeFirstOrThrow()).n);
	}
	const total = Number((await base.executeTakeFirstOrThrow()).n);
	return { ahead, total };
}

/** Whether the round has been closed (its final ranking computed). */
export async function isRoundClosed(db: Db, roundId: string): Promise<boolean> {
	const row = await db.selectFrom('round_close').select('round_id').where('round_id', '=', roundId).executeTakeFirst();
	return row !== undefined;
}

/** The top of a group's final ranking, once the round is closed (the prediction counts there). */
export function listTopFinal(db: Db, roundId: string, groupId: string, limit: number): Promise<LeaderboardRow[]> {
	return db
		.selectFrom('final_result')
		.innerJoin('app_user', 'app_user.id', 'final_result.user_id')
		.innerJoin('unit', 'unit.id', 'final_result.unit_id')
		.select([
			'final_result.user_id as userId',
			'app_user.full_name as fullName',
			'unit.name as unitName',
			'final_result.score',
			'final_result.max_score as maxScore',
			'final_result.duration_ms as durationMs',
			'final_result.submitted_at as submittedAt'
		])
		.where('final_result.round_id', '=', roundId)
		.where('final_result.group_id', '=', groupId)
		.orderBy('final_result.rank')
		.limit(limit)
		.execute();
}

/** A contestant's final place in their group and in their unit, once the round is closed. */
export async function findFinalStanding(
	db: Db,
	roundId: string,
	userId: string
): Promise<{ rank: number; total: number; unitRank: number; unitTotal: number } | null> {
	const mine = await db
		.selectFrom('final_result')
		.select(['rank', 'group_id', 'unit_id'])
		.where('round_id', '=', roundId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!mine) return null;
	const count = (unit: boolean, before: boolean) => {
		let q = db
			.selectFrom('final_result')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('round_id', '=', roundId)
			.where('group_id', '=', mine.group_id);
		if (unit) q = q.where('unit_id', '=', mine.unit_id);
		if (before) q = q.where('rank', '<', mine.rank);
		return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
	};
	const [total, unitAhead, unitTotal] = await Promise.all([count(false, false), count(true, true), count(true, false)]);
	return { rank: mine.rank, total, unitRank: unitAhead + 1, unitTotal };
}

/** Every contestant's best attempt in the round, as the live ranking holds it. */
export function listRoundResults(db: Db, roundId: string) {
	return db.selectFrom('round_result').selectAll().where('round_id', '=', roundId).execute();
}

/** Drops the contestant's result in the round (no attempt counts any more). */
export async function deleteRoundResult(db: Db, roundId: string, userId: string): Promise<void> {
	await db.deleteFrom('round_result').where('round_id', '=', roundId).where('user_id', '=', userId).execute();
}

/** The attempt that stands as the contestant's result in the round, if any. */
export async function findBestAttemptId(db: Db, roundId: string, userId: string): Promise<string | undefined> {
	const row = await db
		.selectFrom('round_result')
		.select('attempt_id')
		.where('round_id', '=', roundId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.attempt_id;
}

/** A contestant's name and the name of a unit (their result's), for their own leaderboard row. */
export function findNameAndUnit(db: Db, userId: string, unitId: string) {
	return db
		.selectFrom('app_user')
		.innerJoin('unit', (join) => join.on('unit.id', '=', unitId))
		.select(['app_user.full_name', 'unit.name as unitName'])
		.where('app_user.id', '=', userId)
		.executeTakeFirstOrThrow();
}

/** The round's result tallies (kept by triggers): per group, unit and max score, with any result. */
export function listResultTallies(db: Db, roundId: string) {
	return db
		.selectFrom('round_result_tally')
		.select(['group_id', 'unit_id', 'max_score', 'results', 'perfect', 'score_sum'])
		.where('round_id', '=', roundId)
		.where('results', '>', 0)
		.execute();
}
