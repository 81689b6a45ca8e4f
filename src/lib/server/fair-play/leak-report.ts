import { leakReportFromCounts, roundDay, type LeakReport } from '../../domain/fair-play/leaked-key';
import type { AppContext } from '../context';
import { findRoundForAnalysis, listFacilityByDay, listPerfectByDay, listQuestionTexts } from './fair-play.repository';

// Facility by day per question and the perfect-score share by day (a leaked key shows as a jump
// after the first day), from counts the database groups: the statistics page reads it.

export interface LeakReportView extends LeakReport {
	/** question version id → its text */
	texts: Map<string, string>;
}

export async function loadLeakReport(ctx: AppContext, roundId: string): Promise<LeakReportView | null> {
	const round = await findRoundForAnalysis(ctx.db, roundId);
	if (!round) return null;
	const [facility, perfect] = await Promise.all([
		listFacilityByDay(ctx.db, roundId),
		listPerfectByDay(ctx.db, roundId)
	]);
	// the query's day is the Vietnam calendar day since the epoch; the report counts from the opening day
	const firstDay = roundDay(0, round.opens_at);
	const perQuestion = new Map<string, Map<number, { n: number; hits: number }>>();
	for (const r of facility) {
		let days = perQuestion.get(r.questionVersionId);
		if (!days) perQuestion.set(r.questionVersionId, (days = new Map()));
		days.set(Number(r.day) - firstDay, { n: Number(r.n), hits: Number(r.hits ?? 0) });
	}
	const perfectDays = new Map(
		perfect.map((r) => [Number(r.day) - firstDay, { n: Number(r.n), hits: Number(r.hits ?? 0) }])
	);
	const report = leakReportFromCounts(perQuestion, perfectDays);
	const ids = report.questions.map((q) => q.questionId);
	const texts = new Map<string, string>();
	for (const r of await listQuestionTexts(ctx.db, ids)) texts.set(r.id, r.text);
	return { ...report, texts };
}
