import type { LiveActivity, LiveRoundState, StandingChange, ViewerStanding } from '../../domain/live-board';
import { liveCriteria } from '../../domain/ranking';
import { meanPercent, topLevelStandings, type UnitTally } from '../../domain/unit-standings';
import type { LiveTarget } from '../../schemas/socket';
import type { AppContext } from '../context';
import { findContestById, findRound, listGroups, listRounds } from '../contests/contest.repository';
import { roundCriteria, roundPhase } from '../contests/contest.service';
import { listAttemptTallies, listFinishedPerMinute } from '../attempts/attempt.repository';
import { isPostgres, type Db } from '../db/database';
import type { RoundRow } from '../db/schema';
import { listContestUnits } from '../units/contest-units';
import {
	countAhead,
	findRoundResult,
	isRoundClosed,
	listLeaderboardChanges,
	listResultTallies,
	listTopFinal,
	listTopResults
} from '../ranking/ranking.repository';
import { isLeaderboardVisible } from '../ranking/ranking.service';
import { rowKeyer, type RowKeyer } from '../secrets/row-key';

/** Rows of each group a live state carries: the leaderboard page's 50 (screens show 20). */
export const LIVE_TOP = 50;
/** More changes than this between two packets are not sent; viewers ask for their standing instead. */
export const MAX_CHANGES_PER_PACKET = 200;
const MINUTE = 60_000;
const ACTIVITY_MINUTES = 60;

/**
 * The round a contest's screen follows: the open one, else the one that closed last, else the
 * next to open.
 */
export function screenRound<T extends Pick<RoundRow, 'opens_at' | 'closes_at'>>(
	rounds: readonly T[],
	now: number
): T | null {
	const open = rounds.find((r) => roundPhase(r, now) === 'open');
	if (open) return open;
	const closed = rounds.filter((r) => roundPhase(r, now) === 'closed').sort((a, b) => b.closes_at - a.closes_at);
	if (closed.length) return closed[0];
	return [...rounds].sort((a, b) => a.opens_at - b.opens_at)[0] ?? null;
}

/**
 * The round a target shows now, or null when there is none to show: an unknown id, or a contest
 * that is not published (the dashboard, authorized separately, also shows drafts).
 */
export async function resolveRound(ctx: AppContext, target: LiveTarget): Promise<RoundRow | null> {
	if (target.kind === 'contest') {
		const contest = await findContestById(ctx.db, target.id);
		if (!contest || contest.status !== 'published') return null;
		return screenRound(await listRounds(ctx.db, contest.id), ctx.clock.now());
	}
	const round = await findRound(ctx.db, target.id);
	if (!round) return null;
	if (target.kind === 'dashboard') return round;
	const contest = await findContestById(ctx.db, round.contest_id);
	return contest?.status === 'published' ? round : null;
}

/** A target's live state, read in one transaction so its rows and version agree. */
export async function buildLiveState(
	ctx: AppContext,
	target: LiveTarget,
	epoch: string,
	seq: number
): Promise<LiveRoundState | null> {
	const round = await resolveRound(ctx, target);
	if (!round) return null;
	const now = ctx.clock.now();
	const key = await rowKeyer(ctx.db, now);
	return snapshotTransaction(ctx.db).execute((trx) =>
		readRoundState(trx, round.id, target.kind === 'dashboard', now, epoch, seq, key)
	);
}

/**
 * A transaction whose reads all see one state of the database. SQLite's is (one connection, one
 * writer, a read transaction keeps its snapshot); PostgreSQL's default READ COMMITTED takes a new
 * snapshot for every statement, so a finish committed between two reads would give rows of one
 * version under the number of another: REPEATABLE READ keeps the first statement's snapshot.
 */
function snapshotTransaction(db: Db) {
	const transaction = db.transaction();
	return isPostgres(db) ? transaction.setIsolationLevel('repeatable read').setAccessMode('read only') : transaction;
}

async function readRoundState(
	db: Db,
	roundId: string,
	staff: boolean,
	now: number,
	epoch: string,
	seq: number,
	key: RowKeyer
): Promise<LiveRoundState | null> {
	const round = await findRound(db, roundId);
	if (!round) return null;
	const scoresVisible = staff || isLeaderboardVisible(round, now);
	const criteria = liveCriteria(roundCriteria(round));
	const final = await isRoundClosed(db, round.id);
	// Counters from the tallies triggers keep: a few rows whatever the size of the round.
	const [tallies, attempts] = await Promise.all([listResultTallies(db, round.id), listAttemptTallies(db, round.id)]);
	const groups = [];
	for (const group of await listGroups(db, round.contest_id)) {
		const total = tallies.filter((t) => t.group_id === group.id).reduce((sum, t) => sum + t.results, 0);
		const top = !scoresVisible
			? []
			: final
				? await listTopFinal(db, round.id, group.id, LIVE_TOP)
				: await listTopResults(db, round.id, group.id, criteria, LIVE_TOP);
		groups.push({
			id: group.id,
			name: group.name,
			total,
			rows: top.map((r) => ({
				id: key(round.id, r.userId),
				name: r.fullName,
				unit: r.unitName,
				score: r.score,
				max: r.maxScore,
				ms: r.durationMs
			}))
		});
	}
	const units = await readUnitStandings(db, round, tallies, scoresVisible);
	const byStatus = new Map(attempts.map((a) => [a.status, a.attempts]));
	const contestants = tallies.reduce((sum, t) => sum + t.results, 0);
	const perfect = tallies.reduce((sum, t) => sum + t.perfect, 0);
	return {
		epoch,
		seq,
		roundId: round.id,
		contestId: round.contest_id,
		roundName: round.name,
		ordinal: round.ordinal,
		version: round.leaderboard_version,
		opensAt: round.opens_at,
		closesAt: round.closes_at,
		phase: roundPhase(round, now),
		final,
		scoresVisible,
		criteria,
		counters: {
			contestants,
			attempts: byStatus.get('finished') ?? 0,
			inProgress: byStatus.get('in_progress') ?? 0,
			perfect: scoresVisible ? perfect : null
		},
		groups,
		units,
		activity: staff ? await readActivity(db, round.id, now) : null
	};
}

/** Standings over the contest's own units: a commune contest ranks its villages, not the province. */
async function readUnitStandings(
	db: Db,
	round: Pick<RoundRow, 'id' | 'contest_id'>,
	rows: Awaited<ReturnType<typeof listResultTallies>>,
	scoresVisible: boolean
) {
	const units = await listContestUnits(db, round.contest_id);
	const tallies = new Map<string, UnitTally>();
	for (const r of rows) {
		const tally = tallies.get(r.unit_id) ?? { participants: 0, scoreFractionSum: 0 };
		tally.participants += r.results;
		tally.scoreFractionSum += r.score_sum / r.max_score;
		tallies.set(r.unit_id, tally);
	}
	// by name in code-point order, as the database's ORDER BY name gave them before scoping
	const byName = [...units].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return topLevelStandings(byName, tallies, { root: 'subtree' }).map((u) => ({
		id: u.id,
		name: u.name,
		participants: u.participants,
		headcount: u.headcount,
		meanPercent: scoresVisible ? meanPercent(u) : null,
		...(u.total ? { total: true } : {})
	}));
}

async function readActivity(db: Db, roundId: string, now: number): Promise<LiveActivity> {
	const from = Math.floor(now / MINUTE) * MINUTE - (ACTIVITY_MINUTES - 1) * MINUTE;
	const perMinute = new Array<number>(ACTIVITY_MINUTES).fill(0);
	// `from` is a whole minute: the tally's minutes since the epoch line up with the chart's
	const first = from / MINUTE;
	for (const { minute, finished } of await listFinishedPerMinute(db, roundId, first, first + ACTIVITY_MINUTES)) {
		perMinute[minute - first] += finished;
	}
	return { from, perMinute };
}

/** The leaderboard changes after `after` up to `upTo`, or none when there are too many to send. */
export async function readChanges(db: Db, roundId: string, after: number, upTo: number): Promise<StandingChange[]> {
	if (upTo <= after || upTo - after > MAX_CHANGES_PER_PACKET) return [];
	const rows = await listLeaderboardChanges(db, roundId, after, upTo);
	return rows.map((r) => ({
		version: r.version,
		groupId: r.group_id,
		unitId: r.unit_id,
		before:
			r.prev_attempt_id === null
				? null
				: {
						attemptId: r.prev_attempt_id,
						score: r.prev_score ?? 0,
						durationMs: r.prev_duration_ms ?? 0,
						submittedAt: r.prev_submitted_at ?? 0
					},
		after: { attemptId: r.attempt_id, score: r.score, durationMs: r.duration_ms, submittedAt: r.submitted_at }
	}));
}

/** A contestant's own place with the version it is true at, or null without a result or while scores are hidden. */
export async function readViewerStanding(
	ctx: AppContext,
	roundId: string,
	userId: string
): Promise<ViewerStanding | null> {
	const now = ctx.clock.now();
	return snapshotTransaction(ctx.db).execute(async (trx) => {
		const round = await findRound(trx, roundId);
		if (!round || !isLeaderboardVisible(round, now)) return null;
		const result = await findRoundResult(trx, roundId, userId);
		if (!result) return null;
		const criteria = roundCriteria(round);
		const all = await countAhead(trx, result, criteria, null);
		const unit = await countAhead(trx, result, criteria, result.unit_id);
		return {
			version: round.leaderboard_version,
			groupId: result.group_id,
			unitId: result.unit_id,
			key: {
				attemptId: result.attempt_id,
				score: result.score,
				durationMs: result.duration_ms,
				submittedAt: result.submitted_at
			},
			rank: all.ahead + 1,
			total: all.total,
			unitRank: unit.ahead + 1,
			unitTotal: unit.total
		};
	});
}
