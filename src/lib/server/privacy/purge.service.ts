import { flushAnswerEvents } from '../attempts/answer-events';
import { retentionEndsAt } from '../../domain/fair-play-signals';
import { recordAudit } from '../audit/audit.repository';
import type { Actor } from '../contests/contest-access';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import {
	ANONYMOUS_PREFIX,
	anonymizeAccounts,
	anonymizeLivePlayers,
	clearRequestNotes,
	findLastClose,
	listContestsPastRetention,
	listPublishedWinners,
	listReleasedAccounts,
	purgeAttemptData,
	scrubAuditLog,
	type PurgeScope
} from './purge.repository';

// The purge (issue 14, "Personal data"). What goes, for the people in scope:
// - per contest: every fair-play signal of their attempts in the contest's rounds (the list in
//   purge.repository.ts), their live-game nicknames, their deletion-request notes;
// - per account, once no other contest holds a claim on it (a registration in a contest neither
//   purged nor released by a deletion carried out there): phone (replaced by a placeholder that
//   is no phone), email, birth date, the account's own signals, the password and sessions, and
//   the full name, replaced by an anonymous label, except for a person an announcement named as a
//   prize winner: the announcement is a published document, so their name stays (it is what the
//   prize pages and the announcement PDF read) while everything else goes. Occurrences of what
//   was removed are also replaced in the audit log's texts.
// What stays: attempts, answers, scores, units, groups, results, prizes, tallies — so round
// statistics and unit results are the same before and after.

export interface PurgeSummary {
	attemptsTouched: Record<string, number>;
	livePlayers: number;
	accountsAnonymized: number;
	namesKept: number;
}

/** The label that replaces a purged person's name: no trace of the person, stable per account. */
export function anonymousLabel(id: string): string {
	return `${ANONYMOUS_PREFIX}${id.slice(0, 6).toUpperCase()}`;
}

/** Removes the scope's personal data in one transaction (the caller's). */
export async function purgePersonalData(trx: Db, scope: PurgeScope, now: number): Promise<PurgeSummary> {
	const attemptsTouched = await purgeAttemptData(trx, scope);
	const livePlayers = await anonymizeLivePlayers(trx, scope);
	await clearRequestNotes(trx, scope);
	const released = await listReleasedAccounts(trx, scope);
	const winners = await listPublishedWinners(
		trx,
		released.map((u) => u.id)
	);
	await anonymizeAccounts(
		trx,
		released.map((u) => u.id),
		winners,
		now
	);
	await scrubAuditLog(
		trx,
		released.map((user) => ({
			needles: [user.phone, user.email ?? '', ...(winners.has(user.id) ? [] : [user.full_name])],
			replacement: anonymousLabel(user.id)
		}))
	);
	return { attemptsTouched, livePlayers, accountsAnonymized: released.length, namesKept: winners.size };
}

export type ContestPurgeResult =
	| { ok: true; summary: PurgeSummary }
	| { ok: false; reason: 'contest_not_found' | 'retention_not_over' | 'already_purged' };

export interface RetentionState {
	retentionDays: number;
	lastCloseAt: number | null;
	endsAt: number | null;
	purgedAt: number | null;
	/** the purge may run now */
	due: boolean;
}

export async function getRetentionState(ctx: AppContext, contestId: string): Promise<RetentionState | null> {
	const contest = await ctx.db
		.selectFrom('contest')
		.select(['retention_days', 'purged_at'])
		.where('id', '=', contestId)
		.executeTakeFirst();
	if (!contest) return null;
	const lastCloseAt = await findLastClose(ctx.db, contestId);
	const endsAt = retentionEndsAt(lastCloseAt, contest.retention_days);
	const purgedAt = contest.purged_at === null ? null : Number(contest.purged_at);
	return {
		retentionDays: contest.retention_days,
		lastCloseAt,
		endsAt,
		purgedAt,
		due: purgedAt === null && endsAt !== null && endsAt <= ctx.clock.now()
	};
}

/** The retention purge of a whole contest, by an organizer (`actor`) or the sweeper (null). */
export async function purgeContest(
	ctx: AppContext,
	contestId: string,
	actor: Actor | null
): Promise<ContestPurgeResult> {
	const state = await getRetentionState(ctx, contestId);
	if (!state) return { ok: false, reason: 'contest_not_found' };
	if (state.purgedAt !== null) return { ok: false, reason: 'already_purged' };
	if (!state.due) return { ok: false, reason: 'retention_not_over' };
	const now = ctx.clock.now();
	// the answer events this node still holds in memory go in first, so the purge takes them too
	await flushAnswerEvents(ctx.db);
	const summary = await ctx.db.transaction().execute(async (trx) => {
		// claim the contest first: a second purge (another node, a double click) finds it taken
		const claimed = await trx
			.updateTable('contest')
			.set({ purged_at: now })
			.where('id', '=', contestId)
			.where('purged_at', 'is', null)
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) === 0) return null;
		const summary = await purgePersonalData(trx, { contestId, userIds: null }, now);
		await trx
			.updateTable('data_request')
			.set({ status: 'done', decided_at: now, decided_by: actor?.id ?? null, decision_reason: null })
			.where('contest_id', '=', contestId)
			.where('status', '=', 'pending')
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor?.id ?? null,
				action: 'personal_data.purge_contest',
				entity: 'contest',
				entityId: contestId,
				summary: actor
					? 'Xoá dữ liệu cá nhân hết thời hạn lưu trữ'
					: 'Tự động xoá dữ liệu cá nhân hết thời hạn lưu trữ',
				detail: { ...summary, retentionDays: state.retentionDays }
			},
			now
		);
		return summary;
	});
	if (!summary) return { ok: false, reason: 'already_purged' };
	return { ok: true, summary };
}

/** The sweeper's part: purges every contest whose retention ended. Returns the contests purged. */
export async function purgeExpiredContests(ctx: AppContext): Promise<string[]> {
	const purged: string[] = [];
	for (const contestId of await listContestsPastRetention(ctx.db, ctx.clock.now())) {
		const result = await purgeContest(ctx, contestId, null);
		if (result.ok) purged.push(contestId);
	}
	return purged;
}
