import type { Insertable } from 'kysely';
import { checkBlueprint } from '../../domain/draw';
import { timingProblems } from '../../domain/round-rules';
import { DEFAULT_CRITERIA } from '../../domain/types';
import type { ContestForm, RoundForm } from '../../schemas/contest';
import { computeDeadline } from '../../domain/timing';
import { createAttempt } from '../attempts/draw.service';
import { countPreviewAttempts, countRealAttempts, findInProgressAttempt } from '../attempts/attempt.repository';
import { finalizeIfOverdue } from '../attempts/finalize';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import type { ContestTable } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { lockRow } from '../db/locks';
import { newId } from '../ids';
import { canUseBank } from '../questions/bank-access';
import { insertBankContest } from '../questions/bank-contest.repository';
import { listActiveQuestionKeys, topicNamesOfBank } from '../questions/question.repository';
import { listContestUnits } from '../units/contest-units';
import { findUnit } from '../units/unit.repository';
import { hasGlobalGrant, type Actor } from './contest-access';
import {
	deleteGroup,
	findContestIdBySlug,
	findRound,
	groupHasRegistrations,
	insertContest,
	insertGroups,
	insertOrganizerGrant,
	insertRound,
	listBlueprint,
	listGroups,
	listRounds,
	nextRoundOrdinal,
	replaceBlueprint,
	updateContestRow,
	updateGroup,
	updateRoundRow
} from './contest.repository';

export { countRealAttempts };

export type ContestSaveResult =
	{ ok: true; contestId: string } | { ok: false; reason: 'slug_taken' | 'group_in_use' | 'root_unit_unknown' };

export async function slugTaken(db: Db, slug: string, exceptId: string | null): Promise<boolean> {
	const id = await findContestIdBySlug(db, slug);
	return Boolean(id && id !== exceptId);
}

function contestValues(form: ContestForm) {
	return {
		slug: form.slug,
		title: form.title,
		summary: form.summary,
		rules_md: form.rulesMarkdown,
		consent_text: form.consentText,
		registration_fields_json: JSON.stringify({ birthDate: form.birthDate, email: form.email }),
		root_unit_id: form.rootUnitId
	};
}

/** A new contest in draft; an organizer without a global grant is granted this contest. */
export async function createContest(ctx: AppContext, actor: Actor, form: ContestForm): Promise<ContestSaveResult> {
	const now = ctx.clock.now();
	if (await slugTaken(ctx.db, form.slug, null)) return { ok: false, reason: 'slug_taken' };
	if (form.rootUnitId !== null && !(await findUnit(ctx.db, form.rootUnitId))) {
		return { ok: false, reason: 'root_unit_unknown' };
	}
	const contestId = newId();
	const global = await hasGlobalGrant(ctx.db, actor);
	// The slug was free when checked; another node may take it before this insert.
	return slugRefused(async () => {
		await ctx.db.transaction().execute(async (trx) => {
			await writeNewContest(trx, actor, global, now, {
				contest: { id: contestId, status: 'draft', created_at: now, ...contestValues(form) },
				groupNames: form.groups
			});
			await recordAudit(
				trx,
				{
					actorId: actor.id,
					action: 'contest.create',
					entity: 'contest',
					entityId: contestId,
					summary: `Tạo cuộc thi "${form.title}"`
				},
				now
			);
		});
		return { ok: true, contestId } as const;
	});
}

/**
 * A new contest's row, its groups (codes g1, g2… by position) and, for an organizer without a
 * global grant, their grant on it. The group ids, in the order of `groupNames`.
 */
export async function writeNewContest(
	trx: Db,
	actor: Actor,
	global: boolean,
	now: number,
	spec: { contest: Insertable<ContestTable>; groupNames: string[] }
): Promise<string[]> {
	const contestId = spec.contest.id;
	const groups = spec.groupNames.map((name, i) => ({
		id: newId(),
		contest_id: contestId,
		code: `g${i + 1}`,
		name,
		position: i + 1
	}));
	await insertContest(trx, spec.contest);
	await insertGroups(trx, groups);
	if (!global) {
		await insertOrganizerGrant(trx, {
			id: newId(),
			user_id: actor.id,
			contest_id: contestId,
			granted_by: actor.id,
			created_at: now
		});
	}
	return groups.map((g) => g.id);
}

/** The write's answer, or `slug_taken` when the contest's unique slug refused it. */
export async function slugRefused<T>(write: () => Promise<T>): Promise<T | { ok: false; reason: 'slug_taken' }> {
	try {
		return await write();
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, reason: 'slug_taken' };
		throw error;
	}
}

/**
 * Saves a contest's texts and groups. Groups keep their ids by position, so renaming one keeps
 * its contestants; a group with registrations cannot be removed.
 */
export async function updateContest(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	form: ContestForm
): Promise<ContestSaveResult> {
	const now = ctx.clock.now();
	if (await slugTaken(ctx.db, form.slug, contestId)) return { ok: false, reason: 'slug_taken' };
	if (form.rootUnitId !== null && !(await findUnit(ctx.db, form.rootUnitId))) {
		return { ok: false, reason: 'root_unit_unknown' };
	}
	return slugRefused(() =>
		ctx.db.transaction().execute(async (trx) => {
			// One edit of a contest at a time: its groups are read, then written by position.
			await lockRow(trx, 'contest', contestId);
			const groups = await listGroups(trx, contestId);
			for (const removed of groups.slice(form.groups.length)) {
				if (await groupHasRegistrations(trx, removed.id)) return { ok: false, reason: 'group_in_use' } as const;
			}
			await updateContestRow(trx, contestId, contestValues(form));
			for (const [i, name] of form.groups.entries()) {
				const existing = groups[i];
				if (existing) {
					await updateGroup(trx, existing.id, { name, position: i + 1 });
				} else {
					await insertGroups(trx, [
						{ id: newId(), contest_id: contestId, code: `g${i + 1}-${newId().slice(0, 4)}`, name, position: i + 1 }
					]);
				}
			}
			for (const removed of groups.slice(form.groups.length)) await deleteGroup(trx, removed.id);
			await recordAudit(
				trx,
				{
					actorId: actor.id,
					action: 'contest.edit',
					entity: 'contest',
					entityId: contestId,
					summary: `Sửa cuộc thi "${form.title}"`
				},
				now
			);
			return { ok: true, contestId } as const;
		})
	);
}

const STATUS_SUMMARY = { draft: 'Ngừng công bố', published: 'Công bố', archived: 'Lưu trữ' } as const;

export async function setContestStatus(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	status: 'draft' | 'published' | 'archived'
): Promise<void> {
	const now = ctx.clock.now();
	await ctx.db.transaction().execute(async (trx) => {
		await updateContestRow(trx, contestId, { status });
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: `contest.${status}`,
				entity: 'contest',
				entityId: contestId,
				summary: `${STATUS_SUMMARY[status]} cuộc thi`
			},
			now
		);
	});
}

export type RoundProblemView =
	| { reason: 'window_order' | 'time_limit_too_long' | 'round_locked' | 'bank_forbidden' }
	| { reason: 'windows_overlap'; other: string }
	| { reason: 'no_questions'; group: string }
	| {
			reason: 'blueprint_unsatisfiable';
			group: string;
			topic: string;
			difficulty: string;
			needed: number;
			available: number;
	  };

export type RoundSaveResult = { ok: true; roundId: string } | { ok: false; problems: RoundProblemView[] };

function blueprintKey(
	lines: { group_id: string | null; topic_id: string; difficulty: string; count: number; bank_id: string }[]
): string {
	return lines
		.map((l) => `${l.bank_id}|${l.group_id ?? ''}|${l.topic_id}|${l.difficulty}|${l.count}`)
		.sort()
		.join(';');
}

/**
 * Creates or edits a round, refusing what cannot run: an empty or overlapping window, a time
 * limit longer than the window, a group with no questions, a blueprint the bank cannot fill.
 * Once contestants have attempts, timing and blueprint are locked; texts stay editable.
 */
export async function saveRound(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	roundId: string | null,
	form: RoundForm
): Promise<RoundSaveResult> {
	// Checked and written under the contest's lock: two rounds saved at once on two nodes would
	// each pass the overlap check against the other's absence, and take the same ordinal.
	return ctx.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'contest', contestId);
		return saveRoundLocked(trx, ctx.clock.now(), actor, contestId, roundId, form);
	});
}

/** saveRound's checks and writes, in a transaction that holds the contest's lock (also the season's copies). */
export async function saveRoundLocked(
	db: Db,
	now: number,
	actor: Actor,
	contestId: string,
	roundId: string | null,
	form: RoundForm
): Promise<RoundSaveResult> {
	const problems: RoundProblemView[] = [];
	const existing = roundId ? await findRound(db, roundId) : undefined;
	if (roundId && (!existing || existing.contest_id !== contestId)) {
		return { ok: false, problems: [{ reason: 'round_locked' }] };
	}
	// A blueprint draws from a bank the actor may open; the round's contest then owns it too.
	if (!(await canUseBank(db, actor, form.bankId))) return { ok: false, problems: [{ reason: 'bank_forbidden' }] };
	const timeLimitMs = form.timeLimitMinutes * 60_000;
	const others = (await listRounds(db, contestId))
		.filter((r) => r.id !== roundId)
		.map((r) => ({ name: r.name, opensAt: r.opens_at, closesAt: r.closes_at, timeLimitMs: r.time_limit_ms }));
	problems.push(...timingProblems({ opensAt: form.opensAt, closesAt: form.closesAt, timeLimitMs }, others));

	const groups = await listGroups(db, contestId);
	const lines = form.blueprint.map((b) => ({
		group_id: b.groupId || null,
		bank_id: form.bankId,
		topic_id: b.topicId,
		difficulty: b.difficulty,
		count: b.count
	}));
	const topicNames = await topicNamesOfBank(db, form.bankId);
	const { candidates } = await loadDrawInputsForBank(db, form.bankId);
	for (const group of groups) {
		const mine = lines.filter((l) => l.group_id === null || l.group_id === group.id);
		if (mine.reduce((n, l) => n + l.count, 0) === 0) {
			problems.push({ reason: 'no_questions', group: group.name });
			continue;
		}
		const check = checkBlueprint(
			mine.map((l) => ({ topicId: l.topic_id, difficulty: l.difficulty, count: l.count })),
			candidates
		);
		if (!check.ok) {
			problems.push({
				reason: 'blueprint_unsatisfiable',
				group: group.name,
				topic: topicNames.get(check.topicId) ?? check.topicId,
				difficulty: check.difficulty,
				needed: check.needed,
				available: check.available
			});
		}
	}

	if (existing && (await countRealAttempts(db, existing.id)) > 0) {
		const stored = await listBlueprint(db, existing.id);
		const timingChanged =
			existing.opens_at !== form.opensAt ||
			existing.closes_at !== form.closesAt ||
			existing.time_limit_ms !== timeLimitMs ||
			existing.max_attempts !== form.maxAttempts ||
			existing.grace_ms !== form.graceSeconds * 1000;
		if (timingChanged || blueprintKey(stored) !== blueprintKey(lines)) problems.unshift({ reason: 'round_locked' });
	}
	if (problems.length) return { ok: false, problems };

	const id = roundId ?? newId();
	const values = {
		name: form.name,
		opens_at: form.opensAt,
		closes_at: form.closesAt,
		time_limit_ms: timeLimitMs,
		max_attempts: form.maxAttempts,
		grace_ms: form.graceSeconds * 1000,
		prediction_question: form.predictionQuestion,
		prediction_kind: form.predictionKind,
		ranking_criteria_json: JSON.stringify(form.criteria),
		leaderboard_visibility: form.visibility,
		show_answers_after_close: form.showAnswersAfterClose ? 1 : 0,
		prize_counts_json: JSON.stringify(form.prizes),
		exclude_previous_winners: form.excludePreviousWinners ? 1 : 0,
		collective_prize_json: JSON.stringify({
			by: form.collective.by,
			count: form.collective.count,
			minRate: form.collective.minRatePercent / 100
		}),
		notice_superior: form.noticeSuperior ?? null,
		notice_number: form.noticeNumber ?? null,
		notice_signer_title: form.noticeSignerTitle ?? null,
		notice_signer_name: form.noticeSignerName
	};
	if (existing) {
		await updateRoundRow(db, id, values);
	} else {
		await insertRound(db, {
			id,
			contest_id: contestId,
			ordinal: await nextRoundOrdinal(db, contestId),
			leaderboard_version: 0,
			created_at: now,
			...values
		});
	}
	await insertBankContest(db, { bankId: form.bankId, contestId, grantedBy: null, createdAt: now });
	await replaceBlueprint(
		db,
		id,
		lines.map((l) => ({ id: newId(), ...l }))
	);
	await recordAudit(
		db,
		{
			actorId: actor.id,
			action: existing ? 'round.edit' : 'round.create',
			entity: 'round',
			entityId: id,
			summary: `${existing ? 'Sửa' : 'Tạo'} đợt thi "${form.name}"`
		},
		now
	);
	return { ok: true, roundId: id };
}

async function loadDrawInputsForBank(db: Db, bankId: string) {
	const rows = await listActiveQuestionKeys(db, bankId);
	return {
		candidates: rows.map((r) => ({
			questionId: r.questionId,
			versionId: r.versionId ?? '',
			topicId: r.topicId,
			difficulty: r.difficulty as 'easy' | 'medium' | 'hard',
			optionKeys: []
		}))
	};
}

/** The round's default settings for the editor of a new round. */
export const NEW_ROUND_DEFAULTS = {
	timeLimitMinutes: 15,
	maxAttempts: 2,
	graceSeconds: 5,
	criteria: [...DEFAULT_CRITERIA],
	visibility: 'live' as const
};

export type PreviewResult =
	{ ok: true; attemptId: string } | { ok: false; reason: 'no_questions' | 'attempt_in_progress' };

/**
 * "Thi thử": the organizer takes the round as a contestant of a group, whenever the round is,
 * in an attempt that is never ranked and never counts against any limit.
 */
export async function startPreviewAttempt(
	ctx: AppContext,
	actor: Actor,
	roundId: string,
	groupId: string
): Promise<PreviewResult> {
	const { db } = ctx;
	const now = ctx.clock.now();
	const round = await findRound(db, roundId);
	if (!round) return { ok: false, reason: 'no_questions' };
	const current = await findInProgressAttempt(db, actor.id);
	if (current && !(await finalizeIfOverdue(ctx, current))) {
		return current.round_id === roundId && current.is_preview
			? { ok: true, attemptId: current.id }
			: { ok: false, reason: 'attempt_in_progress' };
	}
	// the top of the contest's own units, so a preview never ranks under another contest's unit
	const unit = (await listContestUnits(db, round.contest_id)).find((u) => u.parentId === null);
	if (!unit) return { ok: false, reason: 'no_questions' };
	const previews = await countPreviewAttempts(db, roundId, actor.id);
	const created = await createAttempt(db, {
		roundId,
		userId: actor.id,
		groupId,
		unitId: unit.id,
		// Previews count down from -1 so they never take a real attempt's number.
		ordinal: -(previews + 1),
		startedAt: now,
		deadline: computeDeadline(now, round.time_limit_ms, Number.MAX_SAFE_INTEGER),
		isPreview: true
	});
	if (!created.ok) return { ok: false, reason: created.reason === 'conflict' ? 'attempt_in_progress' : 'no_questions' };
	return { ok: true, attemptId: created.attemptId };
}
