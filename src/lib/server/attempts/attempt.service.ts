import { checkSavedAnswer } from '../../domain/attempt-answers';
import { publicSettings, settingsFromJson, showsOptions, type QuestionType } from '../../domain/question-kinds';
import { allowedAttempts, canSaveAnswer, computeDeadline } from '../../domain/timing';
import type { ClientSignals } from '../fair-play/client-signals';
import type { OptionDef } from '../../domain/types';
import type { AttemptView, SaveAnswerRequest } from '../../schemas/attempt';
import type { AppContext } from '../context';
import { findRound } from '../contests/contest.repository';
import { roundPhase } from '../contests/contest.service';
import type { AttemptRow, RoundRow } from '../db/schema';
import {
	findAttempt,
	findAttemptWithRound,
	findAnswerTarget,
	findInProgressAttempt,
	findStartEntry,
	listAttemptItems,
	updateAttemptPrediction,
	updateItemAnswer
} from './attempt.repository';
import { optionView, questionMedia } from '../media/views';
import { recordAnswerEvent } from './answer-events';
import { createAttempt } from './draw.service';
import { finalizeAttempt, finalizeIfOverdue } from './finalize';

export type StartResult =
	| { ok: true; attemptId: string; resumed: boolean }
	| {
			ok: false;
			reason:
				| 'round_not_found'
				| 'round_not_open'
				| 'round_closed'
				| 'not_registered'
				| 'attempt_limit'
				| 'attempt_in_progress'
				| 'no_questions';
	  };

/** Starts an attempt in a round, or resumes the one already in progress there. */
export async function startAttempt(
	ctx: AppContext,
	userId: string,
	roundId: string,
	/** the round, when the caller has just read it */
	known?: RoundRow,
	/** the device, hashed address and user agent of the request, kept with the attempt (issue 14) */
	client?: ClientSignals
): Promise<StartResult> {
	const { db } = ctx;
	const now = ctx.clock.now();
	const round = known?.id === roundId ? known : await findRound(db, roundId);
	if (!round) return { ok: false, reason: 'round_not_found' };
	const current = await findInProgressAttempt(db, userId);
	if (current && !(await finalizeIfOverdue(ctx, current))) {
		return current.round_id === roundId
			? { ok: true, attemptId: current.id, resumed: true }
			: { ok: false, reason: 'attempt_in_progress' };
	}
	const phase = roundPhase(round, now);
	if (phase !== 'open') return { ok: false, reason: phase === 'upcoming' ? 'round_not_open' : 'round_closed' };
	const registration = await findStartEntry(db, round.contest_id, roundId, userId);
	if (!registration) return { ok: false, reason: 'not_registered' };
	const used = registration.used;
	// an accommodation (issue 14) adds attempts and stretches the limit; everyone else has 0 of each
	if (used >= allowedAttempts(round.max_attempts, registration.extraAttempts)) {
		return { ok: false, reason: 'attempt_limit' };
	}

	const created = await createAttempt(db, {
		roundId,
		userId,
		groupId: registration.groupId,
		unitId: registration.unitId,
		ordinal: used + 1,
		startedAt: now,
		deadline: computeDeadline(now, round.time_limit_ms, round.closes_at, registration.extraTimePct),
		isPreview: false,
		client
	});
	if (!created.ok && created.reason === 'no_questions') return { ok: false, reason: 'no_questions' };
	if (!created.ok) {
		// A double click on "start": the other request's attempt in this round is the one to resume.
		const winner = await findInProgressAttempt(db, userId);
		return winner?.round_id === roundId
			? { ok: true, attemptId: winner.id, resumed: true }
			: { ok: false, reason: 'attempt_in_progress' };
	}
	ctx.events.emit('round:activity', { roundId, startOnly: true });
	return { ok: true, attemptId: created.attemptId, resumed: false };
}

async function loadOwnAttempt(ctx: AppContext, attemptId: string, userId: string): Promise<AttemptRow | null> {
	const attempt = await findAttempt(ctx.db, attemptId);
	return attempt && attempt.user_id === userId ? attempt : null;
}

/** The attempt as the contestant's browser may see it: questions and opaque options, no key. */
export async function getAttemptView(ctx: AppContext, attemptId: string, userId: string): Promise<AttemptView | null> {
	const { db } = ctx;
	const row = await findAttemptWithRound(db, attemptId);
	if (!row || row.user_id !== userId) return null;
	let attempt: AttemptRow = row;
	if (attempt.status === 'in_progress' && (await finalizeIfOverdue(ctx, attempt, { grace_ms: row.round_grace_ms }))) {
		attempt = (await findAttempt(db, attemptId))!;
	}
	const items = await listAttemptItems(db, attemptId);
	return {
		id: attempt.id,
		status: attempt.status,
		roundId: attempt.round_id,
		roundName: row.round_name,
		contestSlug: row.contest_slug,
		contestTitle: row.contest_title,
		predictionQuestion: row.round_prediction_question,
		prediction: attempt.prediction,
		startedAt: attempt.started_at,
		deadline: attempt.deadline,
		serverNow: ctx.clock.now(),
		items: items.map((item) => {
			const options = JSON.parse(item.options_json) as OptionDef[];
			const byKey = new Map(options.map((o) => [o.key, o]));
			const keys = JSON.parse(item.option_keys_json) as string[];
			const ids = JSON.parse(item.option_ids_json) as string[];
			const type = item.type as AttemptView['items'][number]['type'];
			// only the public part of the settings: a numeric's answer and tolerance are its key
			const shown = publicSettings(type, settingsFromJson(item.settings_json));
			return {
				position: item.position,
				type,
				text: item.text,
				...(shown.numeric ? { settings: shown } : {}),
				...questionMedia(item),
				// typed kinds show an input: their options (short_text's accepted answers) are the key
				options: showsOptions(type) ? keys.map((key, i) => optionView(ids[i], byKey.get(key))) : [],
				chosen: item.answer_json ? (JSON.parse(item.answer_json) as string[]) : [],
				rev: item.answer_rev
			};
		})
	};
}

export type SaveResult =
	| { ok: true; rev: number }
	| {
			ok: false;
			reason: 'attempt_not_found' | 'attempt_closed' | 'invalid_answer' | 'order_invalid' | 'typed_answer_invalid';
	  };

async function openAttemptForWrite(
	ctx: AppContext,
	attemptId: string,
	userId: string
): Promise<{ attempt: AttemptRow } | { reason: 'attempt_not_found' | 'attempt_closed' }> {
	const attempt = await findAttemptWithRound(ctx.db, attemptId);
	if (!attempt || attempt.user_id !== userId) return { reason: 'attempt_not_found' };
	if (attempt.status !== 'in_progress') return { reason: 'attempt_closed' };
	const round = { grace_ms: attempt.round_grace_ms };
	if (!canSaveAnswer(attempt.deadline, round.grace_ms, ctx.clock.now())) {
		await finalizeIfOverdue(ctx, attempt, round);
		return { reason: 'attempt_closed' };
	}
	return { attempt };
}

/** Stores one answer; acknowledged only once written. Late saves are refused. */
export async function saveAnswer(
	ctx: AppContext,
	attemptId: string,
	userId: string,
	request: SaveAnswerRequest
): Promise<SaveResult> {
	// The hot path of a deadline night: one read for every check, one conditional write.
	const target = await findAnswerTarget(ctx.db, attemptId, request.position);
	if (!target) {
		const exists = await loadOwnAttempt(ctx, attemptId, userId);
		return { ok: false, reason: exists ? 'invalid_answer' : 'attempt_not_found' };
	}
	if (target.user_id !== userId) return { ok: false, reason: 'attempt_not_found' };
	if (target.status !== 'in_progress') return { ok: false, reason: 'attempt_closed' };
	const now = ctx.clock.now();
	if (!canSaveAnswer(target.deadline, target.grace_ms, now)) {
		const attempt = await findAttempt(ctx.db, attemptId);
		if (attempt) await finalizeIfOverdue(ctx, attempt);
		return { ok: false, reason: 'attempt_closed' };
	}
	// per kind: known option ids, a whole order, or one clean typed string
	const checked = checkSavedAnswer(
		target.type as QuestionType,
		JSON.parse(target.option_ids_json) as string[],
		request.optionIds
	);
	if (!checked.ok) return { ok: false, reason: checked.reason };
	const answerJson = JSON.stringify(checked.answer);
	const written = await updateItemAnswer(ctx.db, attemptId, request.position, answerJson, request.rev, now);
	if (written) {
		// the fair-play record of the change (issue 14), written in batches off this path
		recordAnswerEvent(ctx.db, attemptId, request.position, answerJson, now);
		return { ok: true, rev: request.rev };
	}
	// Not written: either the attempt finished meanwhile, or a newer save for this question
	// got there first (then this one is acknowledged, not applied).
	const after = await findAnswerTarget(ctx.db, attemptId, request.position);
	if (!after || after.status !== 'in_progress') return { ok: false, reason: 'attempt_closed' };
	return { ok: true, rev: after.answer_rev };
}

export async function savePrediction(
	ctx: AppContext,
	attemptId: string,
	userId: string,
	prediction: number | null
): Promise<SaveResult> {
	const open = await openAttemptForWrite(ctx, attemptId, userId);
	if ('reason' in open) return { ok: false, reason: open.reason };
	if (!(await updateAttemptPrediction(ctx.db, attemptId, prediction))) return { ok: false, reason: 'attempt_closed' };
	return { ok: true, rev: 0 };
}

export type SubmitResult = { ok: true } | { ok: false; reason: 'attempt_not_found' | 'attempt_closed' };

/**
 * Submits an attempt. Within the grace period after the deadline the submit still counts (its
 * duration is capped at the deadline); later, the attempt is finalized with what was saved in time.
 */
export async function submitAttempt(
	ctx: AppContext,
	attemptId: string,
	userId: string,
	prediction: number | null
): Promise<SubmitResult> {
	const open = await openAttemptForWrite(ctx, attemptId, userId);
	if ('reason' in open) {
		return open.reason === 'attempt_closed' ? { ok: true } : { ok: false, reason: open.reason };
	}
	const now = ctx.clock.now();
	// the prediction is written by the same statement that finishes the attempt
	await finalizeAttempt(ctx, attemptId, now >= open.attempt.deadline ? 'timeout' : 'submitted', now, prediction);
	return { ok: true };
}
