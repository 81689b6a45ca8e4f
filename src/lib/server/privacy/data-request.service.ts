import { flushAnswerEvents } from '../attempts/answer-events';
import { maskPhone } from '../../domain/text';
import { recordAudit } from '../audit/audit.repository';
import type { Actor } from '../contests/contest-access';
import type { AppContext } from '../context';
import { lockName } from '../db/locks';
import { newId } from '../ids';
import { purgePersonalData } from './purge.service';

// Deletion requests (issue 14): a contestant asks once from the account page; the request goes to
// every contest they registered for that still holds their data, one row each, so each contest's
// organizers decide for their own contest: carry it out (the purge of purge.service.ts, for this
// person in this contest) or decline with a reason. The account itself is anonymized when the last
// contest holding it lets go (see purge.repository.ts listReleasedAccounts).

export const NOTE_MAX = 1000;

export type RequestDeletionResult =
	{ ok: true; contests: number } | { ok: false; reason: 'request_pending' | 'nothing_to_delete' };

export async function requestDeletion(ctx: AppContext, userId: string, note: string): Promise<RequestDeletionResult> {
	const now = ctx.clock.now();
	return ctx.db.transaction().execute(async (trx) => {
		await lockName(trx, `data_request:${userId}`);
		const pending = await trx
			.selectFrom('data_request')
			.select('id')
			.where('user_id', '=', userId)
			.where('status', '=', 'pending')
			.executeTakeFirst();
		if (pending) return { ok: false, reason: 'request_pending' } as const;
		const contests = await trx
			.selectFrom('registration as r')
			.innerJoin('contest as c', 'c.id', 'r.contest_id')
			.select('c.id')
			.where('r.user_id', '=', userId)
			.where('c.purged_at', 'is', null)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('data_request as d')
							.select('d.id')
							.whereRef('d.user_id', '=', 'r.user_id')
							.whereRef('d.contest_id', '=', 'c.id')
							.where('d.status', '=', 'done')
					)
				)
			)
			.execute();
		if (!contests.length) return { ok: false, reason: 'nothing_to_delete' } as const;
		const text = note.normalize('NFC').trim().slice(0, NOTE_MAX);
		for (const contest of contests) {
			await trx
				.insertInto('data_request')
				.values({
					id: newId(),
					user_id: userId,
					contest_id: contest.id,
					kind: 'deletion',
					status: 'pending',
					note: text,
					created_at: now,
					decided_at: null,
					decided_by: null,
					decision_reason: null
				})
				.execute();
		}
		await recordAudit(
			trx,
			{
				actorId: userId,
				action: 'personal_data.request_deletion',
				entity: 'user',
				entityId: userId,
				summary: `Yêu cầu xoá dữ liệu cá nhân (${contests.length} cuộc thi)`,
				detail: { contests: contests.map((c) => c.id) }
			},
			now
		);
		return { ok: true, contests: contests.length } as const;
	});
}

/** The contestant's requests, newest first, with each contest's title and the decision. */
export function listMyRequests(ctx: AppContext, userId: string) {
	return ctx.db
		.selectFrom('data_request as d')
		.innerJoin('contest as c', 'c.id', 'd.contest_id')
		.select([
			'd.id',
			'c.title as contestTitle',
			'd.status',
			'd.created_at as createdAt',
			'd.decided_at as decidedAt',
			'd.decision_reason as reason'
		])
		.where('d.user_id', '=', userId)
		.orderBy('d.created_at', 'desc')
		.orderBy('c.title')
		.execute();
}

/** A contest's requests for its organizers: name and a masked phone to recognise the person. */
export async function listContestRequests(ctx: AppContext, contestId: string) {
	const rows = await ctx.db
		.selectFrom('data_request as d')
		.innerJoin('app_user as u', 'u.id', 'd.user_id')
		.select([
			'd.id',
			'u.full_name as fullName',
			'u.phone',
			'u.anonymized_at as anonymizedAt',
			'd.status',
			'd.note',
			'd.created_at as createdAt',
			'd.decided_at as decidedAt',
			'd.decision_reason as reason'
		])
		.where('d.contest_id', '=', contestId)
		.orderBy('d.created_at', 'desc')
		.execute();
	return rows.map(({ phone, anonymizedAt, ...row }) => ({
		...row,
		phoneHint: anonymizedAt === null ? maskPhone(phone) : ''
	}));
}

export type DecideResult = { ok: true } | { ok: false; reason: 'request_not_found' | 'request_decided' };

async function findPending(ctx: AppContext, contestId: string, requestId: string) {
	const row = await ctx.db
		.selectFrom('data_request')
		.select(['id', 'user_id', 'status'])
		.where('id', '=', requestId)
		.where('contest_id', '=', contestId)
		.executeTakeFirst();
	if (!row) return { ok: false, reason: 'request_not_found' } as const;
	if (row.status !== 'pending') return { ok: false, reason: 'request_decided' } as const;
	return { ok: true, userId: row.user_id } as const;
}

/** Carries out a deletion request: the person's personal data in this contest goes now. */
export async function carryOutDeletion(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	requestId: string
): Promise<DecideResult> {
	const found = await findPending(ctx, contestId, requestId);
	if (!found.ok) return found;
	const now = ctx.clock.now();
	// the answer events this node still holds in memory go in first, so the purge takes them too
	await flushAnswerEvents(ctx.db);
	return ctx.db.transaction().execute(async (trx) => {
		const claimed = await trx
			.updateTable('data_request')
			.set({ status: 'done', decided_at: now, decided_by: actor.id })
			.where('id', '=', requestId)
			.where('status', '=', 'pending')
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) === 0) return { ok: false, reason: 'request_decided' } as const;
		const summary = await purgePersonalData(trx, { contestId, userIds: [found.userId] }, now);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'personal_data.delete',
				entity: 'data_request',
				entityId: requestId,
				summary: 'Thực hiện yêu cầu xoá dữ liệu cá nhân',
				detail: { contestId, userId: found.userId, ...summary }
			},
			now
		);
		return { ok: true } as const;
	});
}

export async function declineDeletion(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	requestId: string,
	reason: string
): Promise<DecideResult> {
	const found = await findPending(ctx, contestId, requestId);
	if (!found.ok) return found;
	const now = ctx.clock.now();
	return ctx.db.transaction().execute(async (trx) => {
		const claimed = await trx
			.updateTable('data_request')
			.set({ status: 'declined', decided_at: now, decided_by: actor.id, decision_reason: reason })
			.where('id', '=', requestId)
			.where('status', '=', 'pending')
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) === 0) return { ok: false, reason: 'request_decided' } as const;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'personal_data.decline_deletion',
				entity: 'data_request',
				entityId: requestId,
				summary: 'Từ chối yêu cầu xoá dữ liệu cá nhân',
				detail: { contestId, userId: found.userId, reason }
			},
			now
		);
		return { ok: true } as const;
	});
}
