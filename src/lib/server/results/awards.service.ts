import { collectivePrizeTier } from '../../domain/prizes';
import type { PrizeTier } from '../../domain/types';
import { listGroups } from '../contests/contest.repository';
import type { AppContext } from '../context';
import type { RoundRow } from '../db/schema';
import { listTopUnitNames } from '../units/unit.repository';
import { findPrizeRow, listClosedRoundIds as listClosedRoundIdsOf } from './results.repository';
import { findCloseRecord, listUnitResults, listWinners, type CloseRecord, type Winner } from './results.service';

// What a closed round announces in public (the winners page, the notice, the certificates):
// names, units, prizes, scores and times — never a phone, an email, a birth date or an ID.

export interface AwardGroup {
	id: string;
	name: string;
	winners: Winner[];
}

export interface CollectiveWinner {
	unitId: string;
	unitName: string;
	/** the collective prize: 1, 2, 3… */
	prize: number;
	/** how the prize is announced (see collectivePrizeTier) */
	tier: PrizeTier;
	participants: number;
	headcount: number;
	/** participants ÷ headcount, null without headcount */
	rate: number | null;
	meanPercent: number | null;
}

export interface RoundAwards {
	close: CloseRecord;
	groups: AwardGroup[];
	collective: CollectiveWinner[];
}

/** The prizes of a closed round, every group in order (a group may have none); null before closing. */
export async function getRoundAwards(
	ctx: AppContext,
	round: Pick<RoundRow, 'id' | 'contest_id'>
): Promise<RoundAwards | null> {
	const { db } = ctx;
	const close = await findCloseRecord(db, round.id);
	if (!close) return null;
	const [groups, winners, units] = await Promise.all([
		listGroups(db, round.contest_id),
		listWinners(db, round.id),
		listUnitResults(db, round.id, true)
	]);
	return {
		close,
		groups: groups.map((g) => ({ id: g.id, name: g.name, winners: winners.filter((w) => w.groupId === g.id) })),
		collective: units
			.filter((u) => u.prize !== null)
			.sort((a, b) => a.prize! - b.prize! || (a.rank ?? 0) - (b.rank ?? 0))
			.map((u) => ({
				unitId: u.unitId,
				unitName: u.name,
				prize: u.prize!,
				tier: collectivePrizeTier(u.prize!),
				participants: u.participants,
				headcount: u.headcount,
				rate: u.rate,
				meanPercent: u.meanPercent
			}))
	};
}

export interface CertificateHolder {
	fullName: string;
	unitName: string;
	groupName: string;
	prize: PrizeTier;
}

/** A contestant's individual prize in a closed round, or null when they won none. */
export async function findCertificateHolder(
	ctx: AppContext,
	roundId: string,
	userId: string
): Promise<CertificateHolder | null> {
	const row = await findPrizeRow(ctx.db, roundId, userId);
	if (!row) return null;
	return {
		fullName: row.full_name,
		unitName: row.unit_name,
		groupName: row.group_name,
		prize: row.prize as PrizeTier
	};
}

/** The ids of a contest's rounds whose results have been computed. */
export function listClosedRoundIds(ctx: AppContext, contestId: string): Promise<string[]> {
	return listClosedRoundIdsOf(ctx.db, contestId);
}

/** An administrative unit's name starts with its kind: "Tỉnh Quảng Ninh", "Phường Hà Khánh". */
const ADMINISTRATIVE_PREFIX = /^(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường|đặc khu)\s+/iu;

/** The unit tree's one root, or null when there is no single root to name. */
async function findSingleRoot(ctx: AppContext): Promise<string | null> {
	const roots = await listTopUnitNames(ctx.db, 2);
	return roots.length === 1 ? roots[0].name.trim() : null;
}

/**
 * The place a notice is dated at ("Quảng Ninh, ngày …"): the root of the unit tree without its
 * administrative prefix, or null when there is no single root to name.
 */
export async function findIssuingPlace(ctx: AppContext): Promise<string | null> {
	const root = await findSingleRoot(ctx);
	return root?.replace(ADMINISTRATIVE_PREFIX, '').trim() || null;
}

/**
 * The superior body a notice is headed by, as the unit tree suggests it: the people's committee
 * of an administrative root ("Tỉnh Quảng Ninh" → "UBND TỈNH QUẢNG NINH"); null for another root
 * (a department) or none. Only a suggestion for a new round's form.
 */
export async function findSuperiorBody(ctx: AppContext): Promise<string | null> {
	const root = await findSingleRoot(ctx);
	return root && ADMINISTRATIVE_PREFIX.test(root) ? `UBND ${root}`.toLocaleUpperCase('vi') : null;
}

/** Whether a round's results are out, and the viewer's own prize in it, for the round page's links. */
export async function findViewerAward(
	ctx: AppContext,
	roundId: string,
	userId: string | null
): Promise<{ announced: boolean; prize: PrizeTier | null }> {
	const close = await findCloseRecord(ctx.db, roundId);
	if (!close) return { announced: false, prize: null };
	const holder = userId ? await findCertificateHolder(ctx, roundId, userId) : null;
	return { announced: true, prize: holder?.prize ?? null };
}
