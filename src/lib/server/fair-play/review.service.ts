import { isTypedType } from '../../domain/question-kinds';
import type { Signal } from '../../domain/fair-play/types';
import type { OptionDef, QuestionType } from '../../domain/types';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { findRound } from '../contests/contest.repository';
import { newId } from '../ids';
import { setAttemptDisqualified } from '../results/close.service';
import { unitSubtree } from '../results/results.service';
import { findRun } from './fair-play.repository';
import {
	insertReview,
	listEvidenceAttempts,
	listEvidenceItems,
	listLatestReviews,
	listRoundFlags,
	listShownEvents,
	type ReviewRow
} from './review.repository';

// The organizers' review of the analysis's findings: a queue per round, the evidence of one
// attempt beside the attempts it resembles, and the decision (clear with a note, or disqualify
// through the results' own flow with the reason required). Nothing is decided automatically.

export interface QueueEntry {
	attemptId: string;
	fullName: string;
	unitId: string;
	unitName: string;
	score: number | null;
	maxScore: number;
	durationMs: number | null;
	disqualified: boolean;
	disqualifiedReason: string | null;
	signals: { signal: Signal; score: number; detail: Record<string, unknown> }[];
	review: ReviewRow | null;
}

export async function loadReviewQueue(
	ctx: AppContext,
	roundId: string,
	filter: { signal: Signal | null; unitId: string | null }
): Promise<{ entries: QueueEntry[]; run: Awaited<ReturnType<typeof findRun>> | null }> {
	const unitIds = filter.unitId ? await unitSubtree(ctx.db, filter.unitId) : null;
	const [rows, run] = await Promise.all([
		listRoundFlags(ctx.db, roundId, { signal: filter.signal, unitIds }),
		findRun(ctx.db, roundId)
	]);
	const byAttempt = new Map<string, QueueEntry>();
	for (const r of rows) {
		let entry = byAttempt.get(r.attemptId);
		if (!entry) {
			entry = {
				attemptId: r.attemptId,
				fullName: r.fullName,
				unitId: r.unitId,
				unitName: r.unitName,
				score: r.attemptScore,
				maxScore: r.maxScore,
				durationMs: r.durationMs,
				disqualified: r.disqualified === 1,
				disqualifiedReason: r.disqualifiedReason,
				signals: [],
				review: null
			};
			byAttempt.set(r.attemptId, entry);
		}
		entry.signals.push({
			signal: r.signal,
			score: r.score,
			detail: JSON.parse(r.detailJson) as Record<string, unknown>
		});
	}
	const reviews = await listLatestReviews(ctx.db, [...byAttempt.keys()]);
	const entries = [...byAttempt.values()];
	for (const e of entries) e.review = reviews.get(e.attemptId) ?? null;
	// undecided first, then the strongest evidence (copying's ω, then the rest by their count)
	entries.sort(
		(a, b) =>
			Number(a.review !== null) - Number(b.review !== null) ||
			b.signals.length - a.signals.length ||
			a.fullName.localeCompare(b.fullName, 'vi')
	);
	return { entries, run: run ?? null };
}

export interface EvidenceAttempt {
	attemptId: string;
	fullName: string;
	unitName: string;
	startedAt: number;
	durationMs: number | null;
	score: number | null;
	maxScore: number;
	deviceId: string | null;
	userAgent: string | null;
	disqualified: boolean;
	disqualifiedReason: string | null;
	/** per question version: the answer's letters ('' blank), right or not, ms to answer (null unknown) */
	answers: Map<string, { letters: string; correct: boolean; ms: number | null }>;
}

export interface Evidence {
	attempt: EvidenceAttempt;
	/** the attempts it resembles (copying partners, the same device, the same burst of accounts) */
	others: EvidenceAttempt[];
	/** the questions in the flagged attempt's order */
	questions: { questionVersionId: string; position: number; text: string }[];
}

/** The evidence for one flagged attempt of the round; null when it is not in the round's flags. */
export async function loadEvidence(ctx: AppContext, roundId: string, attemptId: string): Promise<Evidence | null> {
	const flags = await listRoundFlags(ctx.db, roundId, { signal: null, unitIds: null });
	const own = flags.filter((f) => f.attemptId === attemptId);
	if (own.length === 0) return null;
	const related = new Set<string>();
	for (const f of own) {
		const detail = JSON.parse(f.detailJson) as { partners?: { attemptId: string }[]; others?: string[] };
		for (const p of detail.partners ?? []) related.add(p.attemptId);
		for (const o of detail.others ?? []) related.add(o);
	}
	related.delete(attemptId);
	const ids = [attemptId, ...[...related].slice(0, 5)];
	const [attempts, items, events] = await Promise.all([
		listEvidenceAttempts(ctx.db, ids),
		listEvidenceItems(ctx.db, ids),
		listShownEvents(ctx.db, ids)
	]);
	const shownAt = new Map<string, number>();
	const firstAnswerAt = new Map<string, number>();
	for (const e of events) {
		const key = `${e.attemptId}:${e.position}`;
		const target = e.kind === 'shown' ? shownAt : firstAnswerAt;
		if (!target.has(key)) target.set(key, e.at);
	}
	const build = (id: string): EvidenceAttempt | null => {
		const a = attempts.find((x) => x.id === id && x.roundId === roundId);
		if (!a) return null;
		const answers: EvidenceAttempt['answers'] = new Map();
		const mine = items
			.filter((i) => i.attemptId === id)
			.sort((x, y) => (x.answeredAt ?? Infinity) - (y.answeredAt ?? Infinity));
		let previous = a.startedAt;
		for (const item of mine) {
			const key = `${id}:${item.position}`;
			const shown = shownAt.get(key);
			const first = firstAnswerAt.get(key);
			let ms: number | null = null;
			if (shown !== undefined && first !== undefined) ms = first - shown;
			else if (item.answeredAt !== null) ms = item.answeredAt - previous;
			if (item.answeredAt !== null) previous = item.answeredAt;
			answers.set(item.questionVersionId, { letters: answerLetters(item), correct: item.isCorrect === 1, ms });
		}
		return {
			attemptId: a.id,
			fullName: a.fullName,
			unitName: a.unitName,
			startedAt: a.startedAt,
			durationMs: a.durationMs,
			score: a.score,
			maxScore: a.maxScore,
			deviceId: a.deviceId,
			userAgent: a.userAgent,
			disqualified: a.disqualified === 1,
			disqualifiedReason: a.disqualifiedReason,
			answers
		};
	};
	const attempt = build(attemptId);
	if (!attempt) return null;
	const questions = items
		.filter((i) => i.attemptId === attemptId)
		.map((i) => ({ questionVersionId: i.questionVersionId, position: i.position, text: i.text }));
	return {
		attempt,
		others: ids
			.slice(1)
			.map(build)
			.filter((x) => x !== null),
		questions
	};
}

/**
 * The answer as the same text in every attempt: the chosen options as the letters of the
 * question's own order (A, B, C …; an ordering's in the order given), or what was typed, quoted.
 */
function answerLetters(item: {
	type: string;
	optionsJson: string;
	optionKeysJson: string;
	optionIdsJson: string;
	answerJson: string | null;
}): string {
	if (!item.answerJson) return '';
	const given = JSON.parse(item.answerJson) as string[];
	if (isTypedType(item.type as QuestionType)) return given.length ? `“${given[0]}”` : '';
	const options = JSON.parse(item.optionsJson) as OptionDef[];
	const keys = JSON.parse(item.optionKeysJson) as string[];
	const ids = JSON.parse(item.optionIdsJson) as string[];
	const indexes = given.map((id) => options.findIndex((o) => o.key === keys[ids.indexOf(id)])).filter((i) => i >= 0);
	if (item.type !== 'ordering') indexes.sort((x, y) => x - y);
	return indexes.map((i) => String.fromCharCode(65 + i)).join('');
}

export type ReviewFailure = 'attempt_not_found' | 'not_flagged';

/**
 * An organizer's decision on a flagged attempt. 'disqualified' goes through the results' own
 * disqualification (the contestant's best remaining attempt counts; a re-close moves the prizes)
 * with the note as the reason shown to the contestant; 'cleared' records the note, and lifts a
 * disqualification the attempt had. Both are on the audit log.
 */
export async function reviewAttempt(
	ctx: AppContext,
	input: { roundId: string; attemptId: string; actorId: string; decision: 'cleared' | 'disqualified'; note: string }
): Promise<{ ok: true } | { ok: false; reason: ReviewFailure }> {
	const flags = await listRoundFlags(ctx.db, input.roundId, { signal: null, unitIds: null });
	const signals = flags.filter((f) => f.attemptId === input.attemptId).map((f) => f.signal);
	if (signals.length === 0) return { ok: false, reason: 'not_flagged' };
	const wasDisqualified = flags.find((f) => f.attemptId === input.attemptId)!.disqualified === 1;
	if (input.decision === 'disqualified' || wasDisqualified) {
		const changed = await setAttemptDisqualified(
			ctx,
			input.attemptId,
			input.actorId,
			input.decision === 'disqualified' ? input.note : null
		);
		if (!changed.ok) return { ok: false, reason: 'attempt_not_found' };
	}
	const now = ctx.clock.now();
	await ctx.db.transaction().execute(async (trx) => {
		await insertReview(trx, {
			id: newId(),
			attempt_id: input.attemptId,
			decision: input.decision,
			note: input.note,
			reviewer_id: input.actorId,
			at: now
		});
		await recordAudit(
			trx,
			{
				actorId: input.actorId,
				action: input.decision === 'cleared' ? 'fair_play.clear' : 'fair_play.disqualify',
				entity: 'attempt',
				entityId: input.attemptId,
				summary:
					input.decision === 'cleared'
						? `Rà soát gian lận: không vi phạm (${input.note})`
						: `Rà soát gian lận: loại lượt thi (${input.note})`,
				detail: { roundId: input.roundId, signals, note: input.note }
			},
			now
		);
	});
	return { ok: true };
}

/** The round of a contest, or null (the studio's guard for the review's routes). */
export async function findRoundOfContest(ctx: AppContext, contestId: string, roundId: string) {
	const round = await findRound(ctx.db, roundId);
	return round && round.contest_id === contestId ? round : null;
}
