import { isStoredAnswerRight } from '../../domain/attempt-answers';
import { compareBestAttempt } from '../../domain/ranking';
import { attemptDuration, isOverdue } from '../../domain/timing';
import type { AppContext } from '../context';
import { ownTransaction } from '../db/database';
import { findRound, incrementLeaderboardVersion } from '../contests/contest.repository';
import type { AttemptRow, RoundResultRow, RoundRow } from '../db/schema';
import { findRoundResult, insertLeaderboardChange, upsertRoundResult } from '../ranking/ranking.repository';
import {
	findAttempt,
	findAttemptForUpdate,
	finishAttempt,
	listItemsToScore,
	listOverdueAttemptIds,
	markItemsCorrectness
} from './attempt.repository';

/**
 * Scores and closes an attempt with the answers stored so far, then makes it the contestant's
 * result for the round if it is their best. Safe to call twice: only the first call finishes it.
 * `submittedAt` is the server time of the submit, or the deadline when time ran out.
 */
export async function finalizeAttempt(
	ctx: AppContext,
	attemptId: string,
	reason: 'submitted' | 'timeout',
	submittedAt: number,
	/** the contestant's prediction sent with the submit, stored with the finish; null keeps the saved one */
	prediction: number | null = null
): Promise<void> {
	// its own transaction: the statements inside run on the cached statements directly (database.ts)
	const changed = await ownTransaction(ctx.db, async (trx) => {
		// the attempt, then its items, locked until the commit (PostgreSQL): another finalize
		// waits, and no answer save lands between the read of the answers and their scoring
		const stored = await findAttemptForUpdate(trx, attemptId);
		if (!stored || stored.status !== 'in_progress') return null;
		const attempt = prediction === null ? stored : { ...stored, prediction };
		const items = await listItemsToScore(trx, attemptId);
		// each item right or wrong as its kind says (a round counts right answers, one point each)
		const right = items.filter((item) => isStoredAnswerRight(item)).map((item) => item.position);
		const score = right.length;
		const correctCount = right.length;
		await markItemsCorrectness(trx, attemptId, right);
		const durationMs = attemptDuration(attempt.started_at, attempt.deadline, submittedAt);
		const finished = await finishAttempt(trx, attemptId, {
			submitted_at: submittedAt,
			finished_at: ctx.clock.now(),
			finish_reason: reason,
			score,
			correct_count: correctCount,
			duration_ms: durationMs,
			prediction: attempt.prediction
		});
		if (!finished) return null;
		const previous = await recordIfBest(trx, attempt, score, durationMs, submittedAt);
		if (previous === false) return { roundId: attempt.round_id, version: null };
		const version = await incrementLeaderboardVersion(trx, attempt.round_id);
		await insertLeaderboardChange(trx, {
			round_id: attempt.round_id,
			version,
			group_id: attempt.group_id,
			unit_id: attempt.unit_id,
			prev_attempt_id: previous?.attempt_id ?? null,
			prev_score: previous?.score ?? null,
			prev_duration_ms: previous?.duration_ms ?? null,
			prev_submitted_at: previous?.submitted_at ?? null,
			attempt_id: attempt.id,
			score,
			duration_ms: durationMs,
			submitted_at: submittedAt
		});
		return { roundId: attempt.round_id, version };
	});
	if (!changed) return;
	if (changed.version !== null) {
		ctx.events.emit('leaderboard:changed', { roundId: changed.roundId, version: changed.version });
	}
	ctx.events.emit('round:activity', { roundId: changed.roundId });
}

/**
 * Makes the attempt the contestant's round result when it beats their best. Returns false when it
 * does not count, else the result it replaced (null for a first result).
 */
async function recordIfBest(
	db: AppContext['db'],
	attempt: AttemptRow,
	score: number,
	durationMs: number,
	submittedAt: number
): Promise<RoundResultRow | null | false> {
	if (attempt.disqualified || attempt.is_preview) return false;
	const candidate = {
		attemptId: attempt.id,
		score,
		durationMs,
		submittedAt,
		prediction: attempt.prediction
	};
	const existing = await findRoundResult(db, attempt.round_id, attempt.user_id);
	if (existing) {
		const current = {
			attemptId: existing.attempt_id,
			score: existing.score,
			durationMs: existing.duration_ms,
			submittedAt: existing.submitted_at,
			prediction: existing.prediction
		};
		if (compareBestAttempt(candidate, current) >= 0) return false;
	}
	await upsertRoundResult(db, {
		round_id: attempt.round_id,
		user_id: attempt.user_id,
		group_id: attempt.group_id,
		unit_id: attempt.unit_id,
		attempt_id: attempt.id,
		score,
		max_score: attempt.max_score,
		duration_ms: durationMs,
		submitted_at: submittedAt,
		prediction: attempt.prediction
	});
	return existing ?? null;
}

/** Lazy finalization on access: returns true when the attempt is finished (now or before). */
export async function finalizeIfOverdue(
	ctx: AppContext,
	attempt: AttemptRow,
	/** the attempt's round when the caller has it already read */
	known?: Pick<RoundRow, 'grace_ms'>
): Promise<boolean> {
	if (attempt.status !== 'in_progress') return true;
	const round = known ?? (await findRound(ctx.db, attempt.round_id));
	if (!round || !isOverdue(attempt.deadline, round.grace_ms, ctx.clock.now())) return false;
	await finalizeAttempt(ctx, attempt.id, 'timeout', attempt.deadline);
	return true;
}

/** The sweeper's pass: finalizes every abandoned attempt whose time ran out. */
export async function finalizeOverdueAttempts(ctx: AppContext): Promise<number> {
	const due = await listOverdueAttemptIds(ctx.db, ctx.clock.now());
	for (const { id } of due) {
		const attempt = await findAttempt(ctx.db, id);
		if (attempt) await finalizeAttempt(ctx, id, 'timeout', attempt.deadline);
	}
	return due.length;
}
