import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks, differenceInCalendarDays } from 'date-fns';
import type { RankCriterion } from '../../domain/types';
import type { RoundForm } from '../../schemas/contest';
import type { DuplicateContestForm, DuplicateRoundForm, WeeklyRoundsForm } from '../../schemas/season';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import type { RoundRow } from '../db/schema';
import { lockRow } from '../db/locks';
import { newId } from '../ids';
import { collectiveRuleOf } from '../results/close.service';
import { hasGlobalGrant, type Actor } from './contest-access';
import {
	saveRoundLocked,
	slugRefused,
	slugTaken,
	writeNewContest,
	type RoundProblemView
} from './contest-admin.service';
import {
	findContestBanner,
	findContestById,
	findRound,
	listBlueprint,
	listGroups,
	listRounds,
	updateRoundRow
} from './contest.repository';

// An organizer's season (issue 15): weekly rounds from a template, a round's copy, a contest's
// copy. Every round is written through saveRoundLocked, the round editor's own checks and writes,
// from the stored round read back as the editor's form; each use case is one transaction, so a
// refused round leaves nothing of the others behind.

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const WEEK_MS = 7 * 24 * 3600 * 1000;

export type SeasonRefusal =
	| { ok: false; reason: 'round_unknown' | 'contest_unknown' | 'first_week_past' | 'slug_taken' | 'mixed_banks' }
	| { ok: false; reason: 'round_refused'; round: string; problems: RoundProblemView[] };

/** Thrown inside a transaction to roll it back with an answer for the caller. */
class Refused extends Error {
	constructor(readonly refusal: SeasonRefusal) {
		super(refusal.reason);
	}
}

async function inTransaction<T>(ctx: AppContext, work: (trx: Db) => Promise<T>): Promise<T | SeasonRefusal> {
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
	const group = (id: string) => (groupIds ? (groupIds.get(id) ?? '') : id);
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
		blueprint: lines.map((l) => ({
			groupId: l.group_id === null ? '' : group(l.group_id),
			topicId: l.topic_id,
			difficulty: l.difficulty as 'easy' | 'medium' | 'hard',
			count: l.count
		})),
		prizes: Object.fromEntries(Object.entries(prizes).map(([g, counts]) => [group(g), counts])),
		excludePreviousWinners: round.exclude_previous_winners === 1,
		collective: { by: collective.by, count: collective.count, minRatePercent: collective.minRate * 100 }
	};
}

/** Writes one round of a copy; a refusal rolls the whole copy back. `fastFloorMs`: the source's fair-play floor. */
async function writeRoundCopy(
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
async function writeWeeklySeries(
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
const shiftDays = (ms: number, days: number): number => addDays(new TZDate(ms, TIME_ZONE), days).getTime();
const shiftWeeks = (ms: number, weeks: number): number => addWeeks(new TZDate(ms, TIME_ZONE), weeks).getTime();

async function sourceRound(db: Db, contestId: string, roundId: string): Promise<RoundRow> {
	const round = await findRound(db, roundId);
	if (!round || round.contest_id !== contestId) throw new Refused({ ok: false, reason: 'round_unknown' });
	return round;
}

/**
 * "Tuần 1", "Tuần 2"…: `weeks` rounds from Monday 00:00 to the next Monday 00:00 (Sunday 24:00),
 * Vietnam time, each with the template round's blueprint, prizes and settings.
 */
export async function createWeeklyRounds(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	form: WeeklyRoundsForm
): Promise<{ ok: true; roundIds: string[] } | SeasonRefusal> {
	const now = ctx.clock.now();
	if (form.firstMonday + WEEK_MS <= now) return { ok: false, reason: 'first_week_past' };
	return inTransaction(ctx, async (trx) => {
		await lockRow(trx, 'contest', contestId);
		const template = await sourceRound(trx, contestId, form.templateRoundId);
		const base = {
			...(await storedRoundForm(trx, template)),
			opensAt: form.firstMonday,
			closesAt: shiftWeeks(form.firstMonday, 1)
		};
		const roundIds = await writeWeeklySeries(trx, now, actor, contestId, base, {
			...form,
			fastFloorMs: template.fast_floor_ms
		});
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'round.weekly_create',
				entity: 'contest',
				entityId: contestId,
				summary: `Tạo ${form.weeks} tuần thi theo mẫu đợt "${template.name}"`,
				detail: { templateRoundId: template.id, firstMonday: form.firstMonday, roundIds }
			},
			now
		);
		return { ok: true as const, roundIds };
	});
}

/**
 * The round editor's "weeks" (issue 15): the form's round and its next `weeks - 1` weeks, named
 * "<name> 1", "<name> 2"…, each with the form's blueprint, prizes and settings.
 */
export async function createRoundSeries(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	form: RoundForm,
	weeks: number
): Promise<{ ok: true; roundIds: string[] } | SeasonRefusal> {
	const now = ctx.clock.now();
	return inTransaction(ctx, async (trx) => {
		await lockRow(trx, 'contest', contestId);
		const roundIds = await writeWeeklySeries(trx, now, actor, contestId, form, {
			weeks,
			namePrefix: form.name,
			firstNumber: 1,
			fastFloorMs: null
		});
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'round.weekly_create',
				entity: 'contest',
				entityId: contestId,
				summary: `Tạo ${weeks} tuần thi "${form.name} 1" – "${form.name} ${weeks}"`,
				detail: { roundIds }
			},
			now
		);
		return { ok: true as const, roundIds };
	});
}

/** A copy of a round in its own contest: same blueprint, prizes and settings, a new name and window. */
export async function duplicateRound(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	roundId: string,
	form: DuplicateRoundForm
): Promise<{ ok: true; roundId: string } | SeasonRefusal> {
	const now = ctx.clock.now();
	return inTransaction(ctx, async (trx) => {
		await lockRow(trx, 'contest', contestId);
		const source = await sourceRound(trx, contestId, roundId);
		const copy = { ...(await storedRoundForm(trx, source)), ...form };
		const id = await writeRoundCopy(trx, now, actor, contestId, copy, source.fast_floor_ms);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'round.duplicate',
				entity: 'round',
				entityId: id,
				summary: `Nhân bản đợt thi "${source.name}" thành "${form.name}"`,
				detail: { from: source.id }
			},
			now
		);
		return { ok: true as const, roundId: id };
	});
}

/** How many days the copy's rounds move: given, or from the first round's day to the new start. */
function daysToShift(rounds: RoundRow[], move: DuplicateContestForm['move']): number {
	if (move.startsOn === undefined) return move.days ?? 0;
	const first = Math.min(...rounds.map((r) => r.opens_at));
	if (!Number.isFinite(first)) return 0;
	return differenceInCalendarDays(new TZDate(move.startsOn, TIME_ZONE), new TZDate(first, TIME_ZONE));
}

/**
 * A new draft contest from another: texts, rules, registration and privacy settings, banner,
 * groups, and every round (blueprint, prizes, settings) moved in time. Never contestants,
 * registrations, attempts, results, fair-play data, live games or the audit of the original.
 */
export async function duplicateContest(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	form: DuplicateContestForm
): Promise<{ ok: true; contestId: string; days: number } | SeasonRefusal> {
	const now = ctx.clock.now();
	const source = await findContestById(ctx.db, contestId);
	if (!source) return { ok: false, reason: 'contest_unknown' };
	if (await slugTaken(ctx.db, form.slug, null)) return { ok: false, reason: 'slug_taken' };
	const [groups, rounds, banner, global] = await Promise.all([
		listGroups(ctx.db, contestId),
		listRounds(ctx.db, contestId),
		findContestBanner(ctx.db, source.slug),
		hasGlobalGrant(ctx.db, actor)
	]);
	const days = daysToShift(rounds, form.move);
	const copyId = newId();
	// The slug was free when checked; another node may take it before this insert.
	return slugRefused(() =>
		inTransaction(ctx, async (trx) => {
			const groupIds = await writeNewContest(trx, actor, global, now, {
				contest: {
					id: copyId,
					slug: form.slug,
					title: form.title,
					summary: source.summary,
					rules_md: source.rules_md,
					consent_text: source.consent_text,
					registration_fields_json: source.registration_fields_json,
					root_unit_id: source.root_unit_id,
					retention_days: source.retention_days,
					privacy_contact: source.privacy_contact,
					banner_mime: banner?.banner_mime ?? null,
					banner_b64: banner?.banner_b64 ?? null,
					status: 'draft',
					created_at: now
				},
				groupNames: groups.map((g) => g.name)
			});
			const groupMap = new Map(groups.map((g, i) => [g.id, groupIds[i]]));
			for (const round of rounds) {
				const form = await storedRoundForm(trx, round, groupMap);
				form.opensAt = shiftDays(round.opens_at, days);
				form.closesAt = shiftDays(round.closes_at, days);
				await writeRoundCopy(trx, now, actor, copyId, form, round.fast_floor_ms);
			}
			await recordAudit(
				trx,
				{
					actorId: actor.id,
					action: 'contest.duplicate',
					entity: 'contest',
					entityId: copyId,
					summary: `Nhân bản cuộc thi "${source.title}" thành "${form.title}"`,
					detail: { from: source.id, days, rounds: rounds.length }
				},
				now
			);
			return { ok: true as const, contestId: copyId, days };
		})
	);
}
