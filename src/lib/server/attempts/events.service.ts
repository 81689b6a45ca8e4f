import { checkReportedEvents, type EventProblem, type ReportedEvent } from '../../domain/fair-play-signals';
import { canSaveAnswer } from '../../domain/timing';
import type { AppContext } from '../context';
import { findAttempt, findAttemptWithRound, insertAttemptEvents } from './attempt.repository';
import { finalizeIfOverdue } from './finalize';

export type ReportEventsResult =
	| { ok: true; recorded: number; at: number }
	| { ok: false; reason: 'attempt_not_found' | 'attempt_closed' }
	| { ok: false; reason: 'invalid_events'; problem: EventProblem };

/**
 * Records what the attempt page reports (a question shown, the page hidden or visible, focus lost
 * or regained), each stamped with the server's clock on receipt: the page's own clock is never
 * taken. Only the attempt's owner, only while it may still be saved (deadline + grace, as a save).
 */
export async function reportAttemptEvents(
	ctx: AppContext,
	attemptId: string,
	userId: string,
	events: readonly ReportedEvent[]
): Promise<ReportEventsResult> {
	const attempt = await findAttemptWithRound(ctx.db, attemptId);
	if (!attempt || attempt.user_id !== userId) return { ok: false, reason: 'attempt_not_found' };
	if (attempt.status !== 'in_progress') return { ok: false, reason: 'attempt_closed' };
	const now = ctx.clock.now();
	if (!canSaveAnswer(attempt.deadline, attempt.round_grace_ms, now)) {
		const current = await findAttempt(ctx.db, attemptId);
		if (current) await finalizeIfOverdue(ctx, current, { grace_ms: attempt.round_grace_ms });
		return { ok: false, reason: 'attempt_closed' };
	}
	// max_score is the attempt's number of questions (one point each)
	const problem = checkReportedEvents(events, attempt.max_score);
	if (problem) return { ok: false, reason: 'invalid_events', problem };
	await insertAttemptEvents(
		ctx.db,
		events.map((e) => ({
			attempt_id: attemptId,
			kind: e.kind as 'shown',
			position: e.position ?? null,
			value_json: null,
			at: now
		}))
	);
	return { ok: true, recorded: events.length, at: now };
}
