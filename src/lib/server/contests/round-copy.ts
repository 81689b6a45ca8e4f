import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks } from 'date-fns';
import type { RankCriterion } from '../../domain/types';
import type { RoundForm } from '../../schemas/contest';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import type { RoundRow } from '../db/schema';
import { collectiveRuleOf } from '../results/close.service';
import type { Actor } from './contest-access';
import { saveRoundLocked, type RoundProblemView } from './contest-admin.service';
import { findRound, listBlueprint, updateRoundRow } from './contest.repository';

// How the season's use cases (season.service.ts) write rounds: a stored round read back as the
// round editor's form and written through saveRoundLocked, the editor's own checks and writes,
// inside one transaction that a refused round rolls back whole.

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const WEEK_MS = 7 * 24 * 3600 * 1000;

export type SeasonRefusal =
	| { ok: false; reason: 'round_unknown' | 'contest_unknown' | 'first_week_past' | 'slug_taken' | 'mixed_banks' }
	| { ok: false; reason: 'round_refused'; round: string; problems: RoundProblemView[] };

/** Thrown inside a transaction to roll it back with an answer for the caller. */
export class Refused extends Error {
	constructor(readonly refusal: SeasonRefusal) {
		super(refusal.reason);
	}
}

export async function inTransaction<T>(ctx: AppContext, work: (trx: Db) => Promise<T>): Promise<T | SeasonRefusal> {
	try {
		return await ctx.db.transaction().execute(work);
	} catch (error) {
		if (error instanceof Refused) return error.refusal;
		throw error;
	}
}

/**
 * A stored round as the round editor's form, so a copy goes through saveRound's path. With
 * `groupIds`, the blueprint's and prizes' groups are renamed (a contest's copy has new groups).
 */
export async function storedRoundForm(db: Db, round: RoundRow, groupIds?: Map<string, string>): Promise<RoundForm> {
	const lines = await listBlueprint(db, round.id);
	// the editor draws every round from one bank; a round written otherwise cannot be copied as a form
	if (new Set(lines.map((l) => l.bank_id)).size > 1) throw new Refused({ ok: false, reason: 'mixed_banks' });
	// a group the copy does not have (none, as groups are copied whole) draws and wins nothing
	const group = (id: string): string | undefined => (groupIds ? groupIds.get(id) : id);
	const prizes = JSON.parse(round.prize_counts_json) as RoundForm['prizes'];
	const collective = collectiveRuleOf(round);
	return {
		name: round.name,
		opensAt: round.opens_at,
		closesAt: round.closes_at,
		timeLimitMinutes: round.time_limit_ms / 60_000,
		maxAttempts: round.max_attempts,
		graceSeconds: round.grace_ms / 1000,
		predictionQuestion: round.prediction_question,
		predictionKind: round.prediction_kind as RoundForm['predictionKind'],
		criteria: JSON.parse(round.ranking_criteria_json) as RankCriterion[],
		visibility: round.leaderboard_visibility,
		showAnswersAfterClose: round.show_answers_after_close === 1,
		bankId: lines[0]?.bank_id ?? '',
		blueprint: lines.flatMap((l) => {
			const groupId = l.group_id === null ? '' : group(l.group_id);
			if (groupId === undefined) return [];
			return [{ groupId, topicId: l.topic_id, difficulty: l.difficulty as 'easy' | 'medium' | 'hard', count: l.count }];
		}),
		prizes: Object.fromEntries(
			Object.entries(prizes).flatMap(([g, counts]) => {
				const groupId = group(g);
				return groupId === undefined ? [] : [[groupId, counts]];
			})
		),
		excludePreviousWinners: round.exclude_previous_winners === 1,
		collective: { by: collective.by, count: collective.count, minRatePercent: collective.minRate * 100 },
		// the results notice's heading and signer carry over; its number is each notice's own, left to fill
		noticeSuperior: round.notice_superior,
		noticeNumber: null,
		noticeSignerTitle: round.notice_signer_title,
		noticeSignerName: round.notice_signer_name
	};
}

/** Writes one round of a copy; a refusal rolls the whole copy back. `fastFloorMs`: the source's fair-play floor. */
export async function writeRoundCopy(
	trx: Db,
	now: number,
	actor: Actor,
	contestId: string,
	form: RoundForm,
	fastFloorMs: number | null
): Promise<string> {
	const saved = await saveRoundLocked(trx, now, actor, contestId, null, form);
	if (!saved.ok) throw new Refused({ ok: false, reason: 'round_refused', round: form.name, problems: saved.problems });
	// the fair-play floor is no field of the editor's form
	if (fastFloorMs !== null) await updateRoundRow(trx, saved.roundId, { fast_floor_ms: fastFloorMs });
	return saved.roundId;
}

/** `weeks` rounds like `base`, each window a week after the one before, named "<prefix> <n>". */
export async function writeWeeklySeries(
	trx: Db,
	now: number,
	actor: Actor,
	contestId: string,
	base: RoundForm,
	series: { weeks: number; namePrefix: string; firstNumber: number; fastFloorMs: number | null }
): Promise<string[]> {
	const roundIds: string[] = [];
	for (let i = 0; i < series.weeks; i++) {
		const week = {
			...base,
			name: `${series.namePrefix} ${series.firstNumber + i}`,
			opensAt: shiftWeeks(base.opensAt, i),
			closesAt: shiftWeeks(base.closesAt, i)
		};
		roundIds.push(await writeRoundCopy(trx, now, actor, contestId, week, series.fastFloorMs));
	}
	return roundIds;
}

/** The same instant moved by whole days (or weeks) on Vietnam's calendar. */
export const shiftDays = (ms: number, days: number): number => addDays(new TZDate(ms, TIME_ZONE), days).getTime();
export const shiftWeeks = (ms: number, weeks: number): number => addWeeks(new TZDate(ms, TIME_ZONE), weeks).getTime();

export async function sourceRound(db: Db, contestId: string, roundId: string): Promise<RoundRow> {
	const round = await findRound(db, roundId);
	if (!round || round.contest_id !== contestId) throw new Refused({ ok: false, reason: 'round_unknown' });
	return round;
}
