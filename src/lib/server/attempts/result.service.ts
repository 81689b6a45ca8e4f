import { allowedAttempts, extendedTimeLimit, formatDuration } from '../../domain/timing';
import type { AppContext } from '../context';
import { findContestHeading, findRound } from '../contests/contest.repository';
import { findBestAttemptId } from '../ranking/ranking.repository';
import { getStanding, type Standing } from '../ranking/ranking.service';
import type { AttemptSummary } from '../../schemas/attempt';
import type { AttemptRow } from '../db/schema';
import { findAttempt, findInProgressAttempt, findStartEntry, listUserAttempts } from './attempt.repository';
import { finalizeIfOverdue } from './finalize';

export type { AttemptSummary };

export interface RoundProgress {
	attempts: AttemptSummary[];
	attemptsLeft: number;
	/** the round's max attempts plus the contestant's accommodation, if any */
	maxAttempts: number;
	/** the round's time limit stretched by the contestant's accommodation, if any (ms) */
	timeLimitMs: number;
	inProgressId: string | null;
	standing: Standing | null;
}

/** A contestant's attempts in a round, with their live standing; finalizes overdue attempts first. */
export async function getRoundProgress(
	ctx: AppContext,
	roundId: string,
	userId: string
): Promise<RoundProgress | null> {
	const round = await findRound(ctx.db, roundId);
	if (!round) return null;
	const inProgress = await findInProgressAttempt(ctx.db, userId);
	if (inProgress) await finalizeIfOverdue(ctx, inProgress);
	const attempts = await listUserAttempts(ctx.db, roundId, userId);
	const bestId = await findBestAttemptId(ctx.db, roundId, userId);
	const entry = await findStartEntry(ctx.db, round.contest_id, roundId, userId);
	const maxAttempts = allowedAttempts(round.max_attempts, entry?.extraAttempts ?? 0);
	return {
		attempts: attempts.map((a) => summarize(a, bestId)),
		attemptsLeft: Math.max(0, maxAttempts - attempts.length),
		maxAttempts,
		timeLimitMs: extendedTimeLimit(round.time_limit_ms, entry?.extraTimePct ?? 0),
		inProgressId: attempts.find((a) => a.status === 'in_progress')?.id ?? null,
		standing: await getStanding(ctx, roundId, userId)
	};
}

/** One finished attempt's result for its owner: never the key or per-question correctness. */
function summarize(a: AttemptRow, bestId: string | undefined): AttemptSummary {
	return {
		id: a.id,
		ordinal: a.ordinal,
		status: a.status,
		score: a.score,
		maxScore: a.max_score,
		durationMs: a.duration_ms,
		duration: a.duration_ms === null ? null : formatDuration(a.duration_ms),
		startedAt: a.started_at,
		submittedAt: a.submitted_at,
		finishReason: a.finish_reason,
		prediction: a.prediction,
		isBest: a.id === bestId,
		disqualifiedReason: a.disqualified ? (a.disqualified_reason ?? '') : null
	};
}

/** One finished attempt's result for its owner: never the key or per-question correctness. */
export async function getAttemptResult(ctx: AppContext, attemptId: string, userId: string) {
	let attempt = await findAttempt(ctx.db, attemptId);
	if (!attempt || attempt.user_id !== userId) return null;
	const round = await findRound(ctx.db, attempt.round_id);
	if (!round) return null;
	const contest = await findContestHeading(ctx.db, round.contest_id);
	const roundView = {
		id: round.id,
		name: round.name,
		ordinal: round.ordinal,
		closesAt: round.closes_at,
		visibility: round.leaderboard_visibility
	};
	if (attempt.is_preview) {
		// "Thi thử" stands alone: no history, no rank, nothing left to count.
		if (await finalizeIfOverdue(ctx, attempt)) attempt = (await findAttempt(ctx.db, attemptId))!;
		const progress: RoundProgress = {
			attempts: [],
			attemptsLeft: 0,
			maxAttempts: round.max_attempts,
			timeLimitMs: round.time_limit_ms,
			inProgressId: null,
			standing: null
		};
		return { attempt: summarize(attempt, undefined), progress, round: roundView, contest, isPreview: true };
	}
	const progress = await getRoundProgress(ctx, attempt.round_id, userId);
	const summary = progress?.attempts.find((a) => a.id === attemptId);
	if (!progress || !summary) return null;
	return { attempt: summary, progress, round: roundView, contest, isPreview: false };
}
