import { translate } from '../../i18n';
import type { GrantAccommodationInput } from '../../schemas/accommodation';
import { recordAudit } from '../audit/audit.repository';
import type { SessionUser } from '../auth/session';
import type { AppContext } from '../context';
import { findContestHeading, listRounds } from '../contests/contest.repository';
import { newId } from '../ids';
import {
	deleteAccommodation,
	findAccommodation,
	findRegisteredContestant,
	listContestAccommodations,
	upsertAccommodation
} from './accommodation.repository';
import { searchContestants } from '../registrations/registration.service';

// Accommodations (issue 14): an organizer of the contest grants a registered contestant extra
// time and/or attempts, for every round or one, with a reason; each grant and revocation is in the
// audit log, in the same transaction. The start reads them (attempt.repository findStartEntry).
// The caller has checked that the actor manages the contest.

export async function getAccommodationPage(ctx: AppContext, contestId: string, query: string) {
	const trimmed = query.trim().slice(0, 100);
	const contest = await findContestHeading(ctx.db, contestId).catch(() => null);
	if (!contest) return null;
	return {
		contestId,
		contestTitle: contest.title,
		grants: await listContestAccommodations(ctx.db, contestId),
		rounds: (await listRounds(ctx.db, contestId)).map((r) => ({ id: r.id, name: r.name })),
		query: trimmed,
		matches: trimmed.length >= 2 ? await searchContestants(ctx, contestId, trimmed) : null
	};
}

export type GrantResult =
	{ ok: true; fullName: string } | { ok: false; reason: 'accommodation_contestant' | 'accommodation_round' };

function describe(extraTimePct: number, extraAttempts: number): string {
	const parts: string[] = [];
	if (extraTimePct > 0) parts.push(translate('vi', 'accommodation.summary_time', { pct: extraTimePct }));
	if (extraAttempts > 0) parts.push(translate('vi', 'accommodation.summary_attempts', { n: extraAttempts }));
	return parts.join(', ');
}

export async function grantAccommodation(
	ctx: AppContext,
	actor: SessionUser,
	contestId: string,
	input: GrantAccommodationInput
): Promise<GrantResult> {
	const now = ctx.clock.now();
	const contestant = await findRegisteredContestant(ctx.db, contestId, input.userId);
	if (!contestant) return { ok: false, reason: 'accommodation_contestant' };
	const roundId = input.roundId === '' ? null : input.roundId;
	const rounds = await listRounds(ctx.db, contestId);
	const round = roundId === null ? null : rounds.find((r) => r.id === roundId);
	if (roundId !== null && !round) return { ok: false, reason: 'accommodation_round' };
	await ctx.db.transaction().execute(async (trx) => {
		await upsertAccommodation(trx, {
			id: newId(),
			contest_id: contestId,
			user_id: input.userId,
			round_id: roundId,
			extra_time_pct: input.extraTimePct,
			extra_attempts: input.extraAttempts,
			reason: input.reason,
			granted_by: actor.id,
			created_at: now
		});
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'accommodation.grant',
				entity: 'contest',
				entityId: contestId,
				summary: translate('vi', 'accommodation.audit_grant', {
					name: contestant.fullName,
					what: `${describe(input.extraTimePct, input.extraAttempts)}${round ? ` (${round.name})` : ''}`,
					reason: input.reason
				}),
				detail: {
					userId: input.userId,
					roundId,
					extraTimePct: input.extraTimePct,
					extraAttempts: input.extraAttempts,
					reason: input.reason
				}
			},
			now
		);
	});
	return { ok: true, fullName: contestant.fullName };
}

export type RevokeResult = { ok: true; fullName: string } | { ok: false; reason: 'accommodation_not_found' };

export async function revokeAccommodation(
	ctx: AppContext,
	actor: SessionUser,
	contestId: string,
	id: string,
	reason: string
): Promise<RevokeResult> {
	const now = ctx.clock.now();
	const grant = await findAccommodation(ctx.db, contestId, id);
	if (!grant) return { ok: false, reason: 'accommodation_not_found' };
	const removed = await ctx.db.transaction().execute(async (trx) => {
		if (!(await deleteAccommodation(trx, contestId, id))) return false;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'accommodation.revoke',
				entity: 'contest',
				entityId: contestId,
				summary: translate('vi', 'accommodation.audit_revoke', { name: grant.fullName, reason }),
				detail: {
					userId: grant.user_id,
					roundId: grant.round_id,
					extraTimePct: grant.extra_time_pct,
					extraAttempts: grant.extra_attempts,
					reason
				}
			},
			now
		);
		return true;
	});
	return removed ? { ok: true, fullName: grant.fullName } : { ok: false, reason: 'accommodation_not_found' };
}
