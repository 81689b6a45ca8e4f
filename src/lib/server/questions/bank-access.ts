import { compareVietnamese } from '../../domain/text';
import { recordAudit } from '../audit/audit.repository';
import type { SessionUser } from '../auth/session';
import { canManageContest, listManagedContests } from '../contests/contest-access';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import {
	bankBelongsToAny,
	insertBankContest,
	listBankContests,
	listBanksWithCountsFor,
	listGrantedContestIds
} from './bank-contest.repository';
import { findBank } from './question.repository';

// Who may open a question bank. A bank belongs to the contests recorded in bank_contest (the one
// it was created for, those whose rounds draw from it, those it was shared with). Admins and
// organizers of every contest reach every bank; an organizer of some contests reaches the banks
// of those contests only, since a bank holds the answer key of every round that draws from it.

export type Actor = Pick<SessionUser, 'id' | 'role'>;

/** `all`: every bank; otherwise the contests through which banks are reached. */
export type BankScope = { all: true } | { all: false; contestIds: string[] };

export async function bankScopeOf(db: Db, actor: Actor): Promise<BankScope> {
	if (actor.role === 'admin') return { all: true };
	if (actor.role !== 'organizer') return { all: false, contestIds: [] };
	const grants = await listGrantedContestIds(db, actor.id);
	return grants.global ? { all: true } : { all: false, contestIds: grants.contestIds };
}

export async function canUseBank(db: Db, actor: Actor, bankId: string): Promise<boolean> {
	const scope = await bankScopeOf(db, actor);
	return scope.all
		? actor.role === 'admin' || actor.role === 'organizer'
		: bankBelongsToAny(db, bankId, scope.contestIds);
}

export type BankRefusal = { ok: false; reason: 'not_found' | 'forbidden' };
export type BankAccess = { ok: true; bank: { id: string; name: string } } | BankRefusal;

/** The bank if the actor may open it; a missing bank and a forbidden one are told apart for the status code. */
export async function openBank(db: Db, actor: Actor, bankId: string): Promise<BankAccess> {
	const bank = await findBank(db, bankId);
	if (!bank) return { ok: false, reason: 'not_found' };
	if (!(await canUseBank(db, actor, bankId))) return { ok: false, reason: 'forbidden' };
	return { ok: true, bank };
}

/** The banks an actor may open, with their active question counts. */
export async function listBanksFor(db: Db, actor: Actor) {
	const scope = await bankScopeOf(db, actor);
	const rows = await listBanksWithCountsFor(db, scope.all ? null : scope.contestIds);
	return rows.map((b) => ({ id: b.id, name: b.name, questionCount: Number(b.questionCount) }));
}

/** The contests a bank belongs to, by title in Vietnamese order (sorted here, the same on every engine). */
export async function listContestsOfBank(db: Db, bankId: string) {
	const rows = await listBankContests(db, bankId);
	return rows.sort((a, b) => compareVietnamese(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The studio's bank list: the banks the actor may open, and the contests a new bank may be made for. */
export async function getBanksPage(ctx: AppContext, actor: Actor) {
	const [banks, contests, scope] = await Promise.all([
		listBanksFor(ctx.db, actor),
		listManagedContests(ctx.db, actor),
		bankScopeOf(ctx.db, actor)
	]);
	return { banks, contests: contests.map((c) => ({ id: c.id, title: c.title })), sharedAllowed: scope.all };
}

/** The contests a bank belongs to, and those of the actor's it could still be shared with. */
export async function getBankSharing(ctx: AppContext, actor: Actor, bankId: string) {
	const [contests, managed] = await Promise.all([
		listContestsOfBank(ctx.db, bankId),
		listManagedContests(ctx.db, actor)
	]);
	const belongs = new Set(contests.map((c) => c.id));
	return {
		contests,
		shareable: managed.filter((c) => !belongs.has(c.id)).map((c) => ({ id: c.id, title: c.title }))
	};
}

export type ShareResult = { ok: true } | BankRefusal;

/**
 * Lets the organizers of another contest use a bank. Both ends must be the actor's: the bank,
 * and the contest it is shared with.
 */
export async function shareBank(
	ctx: AppContext,
	actor: Actor,
	bankId: string,
	contestId: string
): Promise<ShareResult> {
	const access = await openBank(ctx.db, actor, bankId);
	if (!access.ok) return access;
	if (!(await canManageContest(ctx.db, actor, contestId))) return { ok: false, reason: 'forbidden' };
	const now = ctx.clock.now();
	await ctx.db.transaction().execute(async (trx) => {
		await insertBankContest(trx, { bankId, contestId, grantedBy: actor.id, createdAt: now });
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'bank.share',
				entity: 'question_bank',
				entityId: bankId,
				summary: `Cho cuộc thi dùng ngân hàng "${access.bank.name}"`,
				detail: { contestId }
			},
			now
		);
	});
	return { ok: true };
}
