import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays } from 'date-fns';
import type { RoundForm } from '../../schemas/contest';
import type { DuplicateContestForm, DuplicateRoundForm, WeeklyRoundsForm } from '../../schemas/season';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import type { RoundRow } from '../db/schema';
import { lockRow } from '../db/locks';
import { newId } from '../ids';
import { hasGlobalGrant, type Actor } from './contest-access';
import { slugRefused, slugTaken, writeNewContest } from './contest-admin.service';
import { findContestBanner, findContestById, listGroups, listRounds } from './contest.repository';
import {
	inTransaction,
	shiftDays,
	shiftWeeks,
	sourceRound,
	storedRoundForm,
	WEEK_MS,
	writeRoundCopy,
	writeWeeklySeries,
	type SeasonRefusal
} from './round-copy';

export type { SeasonRefusal };

// An organizer's season (issue 15): weekly rounds from a template, a round's copy, a contest's
// copy. Every round is written through saveRoundLocked, the round editor's own checks and writes,
// from the stored round read back as the editor's form; each use case is one transaction, so a
// refused round leaves nothing of the others behind.

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

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
