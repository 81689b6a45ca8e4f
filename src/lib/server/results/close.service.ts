import { NO_PRIZES, allocatePrizes, participationRate, rankUnits } from '../../domain/prizes';
import { announceRoundResults } from '../announcements/automatic';
import { compareByCriteria, pickBestAttempt, predictionDistance, type RankEntry } from '../../domain/ranking';
import type { CollectivePrizeRule, PredictionKind, PrizeCounts, PrizeTier } from '../../domain/types';
import { meanPercent, rollUpUnits, topLevelStandings, type UnitTally } from '../../domain/unit-standings';
import { recordAudit } from '../audit/audit.repository';
import {
	listCountingAttempts,
	listOpenAttemptsOfRound,
	setAttemptDisqualification,
	findAttempt
} from '../attempts/attempt.repository';
import { finalizeAttempt } from '../attempts/finalize';
import type { AppContext } from '../context';
import { findRound, incrementLeaderboardVersion, listGroups } from '../contests/contest.repository';
import { roundCriteria } from '../contests/contest.service';
import type { Db } from '../db/database';
import type { FinalResultTable, RoundRow, UnitResultTable } from '../db/schema';
import { deleteRoundResult, listRoundResults, upsertRoundResult } from '../ranking/ranking.repository';
import { listContestUnits } from '../units/contest-units';
import {
	countCloseRuns,
	listEarlierWinnerIds,
	lockRoundClose,
	listUnclosedRoundsOver,
	replaceClosedResults,
	upsertRoundClose
} from './results.repository';

/** round_closed_already: only when asked to close unless closed (the sweeper), and another node did first */
export type CloseFailure = 'round_not_found' | 'round_not_over' | 'round_closed_already';

export interface CloseSummary {
	roundId: string;
	actualValue: number;
	participants: number;
	winners: number;
	computedAt: number;
	runs: number;
}

export function prizeCountsOf(round: Pick<RoundRow, 'prize_counts_json'>, groupId: string): PrizeCounts {
	const all = JSON.parse(round.prize_counts_json) as Record<string, Partial<PrizeCounts>>;
	return { ...NO_PRIZES, ...all[groupId] };
}

export function collectiveRuleOf(round: Pick<RoundRow, 'collective_prize_json'>): CollectivePrizeRule {
	return { by: 'participation_rate', count: 3, minRate: 0, ...JSON.parse(round.collective_prize_json) };
}

/** A round can be closed once its window and the grace for the last submits are over. */
export function isRoundOver(round: Pick<RoundRow, 'closes_at' | 'grace_ms'>, now: number): boolean {
	return now >= round.closes_at + round.grace_ms;
}

/**
 * Closes a round: the prediction's actual value, the final ranking per group with the round's
 * criteria, the prizes, the unit standings and the collective prizes, written in one transaction
 * that replaces any earlier close. Running it again on the same data gives the same result.
 * `actorId` null is the automatic close at closing time. `unlessClosed` (the sweeper's, which
 * several nodes run) leaves a round that was closed meanwhile as it is: round_closed_already.
 */
export async function closeRound(
	ctx: AppContext,
	roundId: string,
	actorId: string | null,
	options: { unlessClosed?: boolean } = {}
): Promise<{ ok: true; summary: CloseSummary } | { ok: false; reason: CloseFailure }> {
	const round = await findRound(ctx.db, roundId);
	if (!round) return { ok: false, reason: 'round_not_found' };
	const now = ctx.clock.now();
	if (!isRoundOver(round, now)) return { ok: false, reason: 'round_not_over' };
	await finalizeLeftovers(ctx, roundId);

	// Read and rank outside the write transaction: the database stays free for other requests
	// while the contestants are sorted; only the writes below hold it.
	const results = await listRoundResults(ctx.db, roundId);
	const actualValue = actualPredictionValue(round.prediction_kind as PredictionKind, results);
	const criteria = roundCriteria(round);
	const compare = compareByCriteria(criteria, actualValue);
	const tied = compareByCriteria(criteria, actualValue, false);
	const earlierWinners = round.exclude_previous_winners ? await listEarlierWinners(ctx.db, round) : new Set<string>();

	const finals: FinalResultTable[] = [];
	for (const group of await listGroups(ctx.db, round.contest_id)) {
		const entries = results
			.filter((r) => r.group_id === group.id)
			.map((r) => ({
				row: r,
				attemptId: r.attempt_id,
				score: r.score,
				durationMs: r.duration_ms,
				submittedAt: r.submitted_at,
				prediction: r.prediction
			}));
		entries.sort(compare);
		const prizes = allocatePrizes(
			entries,
			prizeCountsOf(round, group.id),
			(e) => !earlierWinners.has(e.row.user_id),
			(a, b) => tied(a, b) === 0
		);
		entries.forEach((e, i) => {
			finals.push({
				round_id: roundId,
				user_id: e.row.user_id,
				group_id: e.row.group_id,
				unit_id: e.row.unit_id,
				attempt_id: e.row.attempt_id,
				score: e.row.score,
				max_score: e.row.max_score,
				duration_ms: e.row.duration_ms,
				submitted_at: e.row.submitted_at,
				prediction: e.row.prediction,
				distance: predictionDistance(e.row.prediction, actualValue),
				rank: i + 1,
				prize: prizes[i]
			});
		});
	}

	const units = await unitResults(ctx.db, round, results);
	const summary = await ctx.db.transaction().execute(async (trx) => {
		await lockRoundClose(trx, roundId);
		const previousRuns = await countCloseRuns(trx, roundId);
		// the sweeper closes a round once: another node's sweeper may have closed it meanwhile
		if (options.unlessClosed && previousRuns > 0) return null;
		await replaceClosedResults(trx, roundId, finals, units);
		const runs = previousRuns + 1;
		const record = {
			round_id: roundId,
			actual_value: actualValue,
			participants: results.length,
			computed_at: now,
			computed_by: actorId,
			runs
		};
		await upsertRoundClose(trx, record);
		if (runs === 1) await announceRoundResults(trx, round, now);
		const winners = finals.filter((f) => f.prize !== null).length;
		await recordAudit(
			trx,
			{
				actorId,
				action: 'round.close',
				entity: 'round',
				entityId: roundId,
				summary: `${round.name}: ${results.length} người dự thi, ${winners} giải cá nhân, đáp án dự đoán ${actualValue}`,
				detail: { runs, actualValue, participants: results.length, winners }
			},
			now
		);
		return { roundId, actualValue, participants: results.length, winners, computedAt: now, runs };
	});
	if (!summary) return { ok: false, reason: 'round_closed_already' };
	// Screens and leaderboards switch to the final ranking.
	ctx.events.emit('round:activity', { roundId });
	return { ok: true, summary };
}

/** Attempts still open when the round ended are finished with what they saved, before ranking. */
async function finalizeLeftovers(ctx: AppContext, roundId: string): Promise<void> {
	const open = await listOpenAttemptsOfRound(ctx.db, roundId);
	for (const attempt of open) await finalizeAttempt(ctx, attempt.id, 'timeout', attempt.deadline);
}

function actualPredictionValue(kind: PredictionKind, results: { score: number; max_score: number }[]): number {
	if (kind === 'participants') return results.length;
	return results.filter((r) => r.score >= r.max_score).length;
}

/** Contestants who won an individual prize in an earlier round of the same contest. */
function listEarlierWinners(db: Db, round: RoundRow): Promise<Set<string>> {
	return listEarlierWinnerIds(db, round.contest_id, round.ordinal);
}

async function unitResults(
	db: Db,
	round: RoundRow,
	results: { unit_id: string; score: number; max_score: number }[]
): Promise<UnitResultTable[]> {
	// a contest scoped to a subtree ranks that subtree's units for the collective prizes
	const units = await listContestUnits(db, round.contest_id);
	const tallies = new Map<string, UnitTally>();
	const perfect = new Map<string, number>();
	for (const r of results) {
		const tally = tallies.get(r.unit_id) ?? { participants: 0, scoreFractionSum: 0 };
		tally.participants++;
		tally.scoreFractionSum += r.max_score > 0 ? r.score / r.max_score : 0;
		tallies.set(r.unit_id, tally);
		if (r.score >= r.max_score) perfect.set(r.unit_id, (perfect.get(r.unit_id) ?? 0) + 1);
	}
	const nodes = units;
	const rolled = rollUpUnits(nodes, tallies);
	// Perfect scores roll up the tree the same way, counted as participants of a second tally.
	const perfectTallies = new Map([...perfect].map(([id, n]) => [id, { participants: n, scoreFractionSum: 0 }]));
	const rolledPerfect = rollUpUnits(nodes, perfectTallies);
	const top = topLevelStandings(nodes, tallies);
	const topPerfect = new Map(topLevelStandings(nodes, perfectTallies).map((u) => [u.id, u.participants]));
	const ranked = new Map(
		rankUnits(
			top.map((u) => ({
				id: u.id,
				name: u.name,
				participants: u.participants,
				headcount: u.headcount,
				rate: participationRate(u.participants, u.headcount),
				meanPercent: meanPercent(u)
			})),
			collectiveRuleOf(round)
		).map((u) => [u.id, u])
	);
	const out: UnitResultTable[] = [];
	for (const unit of top) {
		const placed = ranked.get(unit.id)!;
		out.push({
			round_id: round.id,
			unit_id: unit.id,
			top_level: 1,
			participants: unit.participants,
			headcount: unit.headcount,
			rate: placed.rate,
			mean_percent: placed.meanPercent,
			perfect: topPerfect.get(unit.id) ?? 0,
			rank: placed.rank,
			prize: placed.prize
		});
	}
	for (const unit of rolled.values()) {
		if (ranked.has(unit.id)) continue;
		out.push({
			round_id: round.id,
			unit_id: unit.id,
			top_level: 0,
			participants: unit.participants,
			headcount: unit.headcount,
			rate: participationRate(unit.participants, unit.headcount),
			mean_percent: meanPercent(unit),
			perfect: rolledPerfect.get(unit.id)?.participants ?? 0,
			rank: null,
			prize: null
		});
	}
	return out;
}

/**
 * Disqualifies an attempt (or lifts it, with `reason` null): the contestant's round result becomes
 * their best remaining attempt, or goes. The round must then be closed again to move the prizes;
 * the live leaderboard moves to a new version without a change entry, so viewers refetch.
 */
export async function setAttemptDisqualified(
	ctx: AppContext,
	attemptId: string,
	actorId: string,
	reason: string | null
): Promise<{ ok: true; roundId: string } | { ok: false; reason: 'attempt_not_found' }> {
	const now = ctx.clock.now();
	const outcome = await ctx.db.transaction().execute(async (trx) => {
		const attempt = await findAttempt(trx, attemptId);
		if (!attempt || attempt.status !== 'finished' || attempt.is_preview) return null;
		await setAttemptDisqualification(trx, attemptId, {
			disqualified: reason === null ? 0 : 1,
			disqualified_reason: reason,
			disqualified_by: reason === null ? null : actorId,
			disqualified_at: reason === null ? null : now
		});
		const remaining = await listCountingAttempts(trx, attempt.round_id, attempt.user_id);
		const best = pickBestAttempt(
			remaining.map((a) => ({
				attempt: a,
				attemptId: a.id,
				score: a.score ?? 0,
				durationMs: a.duration_ms ?? 0,
				submittedAt: a.submitted_at ?? 0,
				prediction: a.prediction
			})) satisfies (RankEntry & { attempt: unknown })[]
		);
		if (best) {
			const a = best.attempt;
			await upsertRoundResult(trx, {
				round_id: a.round_id,
				user_id: a.user_id,
				group_id: a.group_id,
				unit_id: a.unit_id,
				attempt_id: a.id,
				score: best.score,
				max_score: a.max_score,
				duration_ms: best.durationMs,
				submitted_at: best.submittedAt,
				prediction: a.prediction
			});
		} else {
			await deleteRoundResult(trx, attempt.round_id, attempt.user_id);
		}
		await incrementLeaderboardVersion(trx, attempt.round_id);
		await recordAudit(
			trx,
			{
				actorId,
				action: reason === null ? 'attempt.requalify' : 'attempt.disqualify',
				entity: 'attempt',
				entityId: attemptId,
				summary: reason === null ? 'Bỏ loại lượt thi' : `Loại lượt thi: ${reason}`,
				detail: { roundId: attempt.round_id, userId: attempt.user_id, reason }
			},
			now
		);
		return attempt.round_id;
	});
	if (!outcome) return { ok: false, reason: 'attempt_not_found' };
	ctx.events.emit('round:activity', { roundId: outcome });
	return { ok: true, roundId: outcome };
}

/** Rounds whose window and grace are over and which were never closed: the sweeper closes them. */
export async function listRoundsToClose(ctx: AppContext): Promise<string[]> {
	return listUnclosedRoundsOver(ctx.db, ctx.clock.now());
}

export type { PrizeTier };
