import { descendantIds, flattenUnitTree } from '../../domain/units';
import { foldVietnamese, maskPhone } from '../../domain/text';
import { recordAudit } from '../audit/audit.repository';
import type { Actor } from '../contests/contest-access';
import { findContestById, listGroups } from '../contests/contest.repository';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import { listContestUnits } from '../units/contest-units';
import {
	countRegistrations,
	findRegistration,
	listAttemptFlags,
	listContestantAttempts,
	listRegistrationPage,
	updateRegistrationPlacement,
	type RegistrationFilter
} from './registration.repository';

// The studio's "Thí sinh" pages (issue 15): a contest's registrations listed, searched (name,
// phone, unit, group; with or without diacritics), filtered and paged on the server; one
// contestant opened; their unit or group changed with a reason, on the audit log.
// The caller has checked that the actor manages the contest.

export const REGISTRATIONS_PER_PAGE = 50;

export interface RegistrationQuery {
	q: string;
	unitId: string | null;
	groupId: string | null;
	page: number;
}

/** The filter a query means: words folded, digits for a phone, a unit with its sub-units. */
export async function registrationFilter(
	db: Db,
	contestId: string,
	query: Pick<RegistrationQuery, 'q' | 'unitId' | 'groupId'>
): Promise<RegistrationFilter> {
	const q = query.q.trim().slice(0, 100);
	// digits alone (3 or more, separators allowed) are part of a phone number; anything else is text
	const phoneLike = /^[\d\s.+\-()]+$/.test(q) ? q.replace(/\D/g, '') : '';
	const digits = phoneLike.length >= 3 ? phoneLike : '';
	let unitIds: string[] | null = null;
	if (query.unitId) {
		const units = await listContestUnits(db, contestId);
		unitIds = units.some((u) => u.id === query.unitId) ? [...descendantIds(units, query.unitId)] : [];
	}
	return {
		folded: digits ? '' : foldVietnamese(q),
		digits,
		unitIds,
		groupId: query.groupId || null
	};
}

/** Registered contestants matching a name or phone, for pickers (the accommodations page). */
export async function searchContestants(ctx: AppContext, contestId: string, q: string, limit = 20) {
	const filter = await registrationFilter(ctx.db, contestId, { q, unitId: null, groupId: null });
	if (!filter.folded && !filter.digits) return [];
	const rows = await listRegistrationPage(ctx.db, contestId, filter, { offset: 0, limit });
	return rows.map((r) => ({ userId: r.userId, fullName: r.fullName, phone: r.phone, unitName: r.unitName }));
}

export async function getRegistrationsPage(ctx: AppContext, contestId: string, query: RegistrationQuery) {
	const contest = await findContestById(ctx.db, contestId);
	if (!contest) return null;
	const [units, groups, filter] = await Promise.all([
		listContestUnits(ctx.db, contestId),
		listGroups(ctx.db, contestId),
		registrationFilter(ctx.db, contestId, query)
	]);
	const total = await countRegistrations(ctx.db, contestId, filter);
	const pages = Math.max(1, Math.ceil(total / REGISTRATIONS_PER_PAGE));
	const page = Math.min(Math.max(1, query.page), pages);
	const rows = await listRegistrationPage(ctx.db, contestId, filter, {
		offset: (page - 1) * REGISTRATIONS_PER_PAGE,
		limit: REGISTRATIONS_PER_PAGE
	});
	return {
		contest: { id: contest.id, title: contest.title, slug: contest.slug },
		units: flattenUnitTree(units).map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		query: { q: query.q.trim().slice(0, 100), unitId: query.unitId ?? '', groupId: query.groupId ?? '' },
		total,
		page,
		pages,
		rows: rows.map((r) => ({
			userId: r.userId,
			fullName: r.fullName,
			phoneHint: maskPhone(r.phone),
			unitName: r.unitName,
			groupName: r.groupName,
			registeredAt: Number(r.registeredAt)
		}))
	};
}

/** One contestant of the contest: registration, attempts with results, fair-play flags. */
export async function getContestant(ctx: AppContext, contestId: string, userId: string) {
	const registration = await findRegistration(ctx.db, contestId, userId);
	if (!registration) return null;
	const [attempts, units, groups] = await Promise.all([
		listContestantAttempts(ctx.db, contestId, userId),
		listContestUnits(ctx.db, contestId),
		listGroups(ctx.db, contestId)
	]);
	const flags = await listAttemptFlags(
		ctx.db,
		attempts.map((a) => a.id)
	);
	return {
		registration: {
			...registration,
			consentedAt: Number(registration.consentedAt),
			registeredAt: Number(registration.registeredAt)
		},
		attempts: attempts.map((a) => ({
			...a,
			startedAt: Number(a.startedAt),
			submittedAt: a.submittedAt === null ? null : Number(a.submittedAt),
			disqualified: a.disqualified === 1,
			rank: a.rank ?? null,
			prize: a.prize ?? null,
			flags: flags.filter((f) => f.attemptId === a.id).map((f) => ({ signal: f.signal, score: f.score }))
		})),
		units: flattenUnitTree(units).map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
		groups: groups.map((g) => ({ id: g.id, name: g.name }))
	};
}

export type PlacementResult =
	| { ok: true }
	| {
			ok: false;
			reason: 'registration_not_found' | 'registration_unit' | 'registration_group' | 'registration_unchanged';
	  };

/**
 * Moves a registration to another unit and/or group, with the organizer's reason, audited in the
 * same transaction. Attempts keep the unit and group they were taken under (each attempt records
 * them when it starts, and round results and unit standings are built from the attempt), so a
 * round already taken or closed is unchanged; the next attempt counts for the new unit and group.
 */
export async function changeRegistrationPlacement(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	userId: string,
	change: { unitId: string; groupId: string; reason: string }
): Promise<PlacementResult> {
	const registration = await findRegistration(ctx.db, contestId, userId);
	if (!registration) return { ok: false, reason: 'registration_not_found' };
	const [units, groups] = await Promise.all([listContestUnits(ctx.db, contestId), listGroups(ctx.db, contestId)]);
	const unit = units.find((u) => u.id === change.unitId);
	if (!unit) return { ok: false, reason: 'registration_unit' };
	const group = groups.find((g) => g.id === change.groupId);
	if (!group) return { ok: false, reason: 'registration_group' };
	if (unit.id === registration.unitId && group.id === registration.groupId) {
		return { ok: false, reason: 'registration_unchanged' };
	}
	const parts: string[] = [];
	if (unit.id !== registration.unitId) parts.push(`đơn vị ${registration.unitName} → ${unit.name}`);
	if (group.id !== registration.groupId) parts.push(`đối tượng ${registration.groupName} → ${group.name}`);
	await ctx.db.transaction().execute(async (trx) => {
		await updateRegistrationPlacement(trx, registration.id, { unit_id: unit.id, group_id: group.id });
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'registration.change',
				entity: 'registration',
				entityId: registration.id,
				summary: `Đổi ${parts.join(', ')} của ${registration.fullName}: ${change.reason}`,
				detail: {
					contestId,
					userId,
					from: { unitId: registration.unitId, groupId: registration.groupId },
					to: { unitId: unit.id, groupId: group.id },
					reason: change.reason
				}
			},
			ctx.clock.now()
		);
	});
	return { ok: true };
}
