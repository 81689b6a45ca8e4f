import { laggingUnits, unitParticipation, type ParticipationLevel } from '../../domain/unit-participation';
import { findContestById, listRounds } from '../contests/contest.repository';
import type { AppContext } from '../context';
import { listContestUnits } from '../units/contest-units';
import { countParticipantsByUnit, countRegisteredByUnit } from './participation.repository';

// "Tham gia theo đơn vị" (issue 15): while rounds run, which units lag against their headcount,
// in one round or over the whole contest. The same rows feed the page, its printable form and
// the "Danh sách đơn vị chưa tham gia" workbook. No personal data: counts per unit only.

export interface ParticipationQuery {
	/** null: the whole contest (a contestant counts once, under the unit of their latest attempt) */
	roundId: string | null;
	level: ParticipationLevel;
}

export async function getUnitParticipation(ctx: AppContext, contestId: string, query: ParticipationQuery) {
	const contest = await findContestById(ctx.db, contestId);
	if (!contest) return null;
	const rounds = await listRounds(ctx.db, contestId);
	const round = query.roundId ? (rounds.find((r) => r.id === query.roundId) ?? null) : null;
	const [units, registered, participants] = await Promise.all([
		listContestUnits(ctx.db, contestId),
		countRegisteredByUnit(ctx.db, contestId),
		countParticipantsByUnit(ctx.db, contestId, round?.id ?? null)
	]);
	const rows = unitParticipation(units, registered, participants, query.level);
	return {
		contest: { id: contest.id, title: contest.title, slug: contest.slug },
		rounds: rounds.map((r) => ({ id: r.id, name: r.name })),
		round: round ? { id: round.id, name: round.name } : null,
		level: query.level,
		rows,
		lagging: laggingUnits(rows).length,
		computedAt: ctx.clock.now()
	};
}

export type UnitParticipationPage = NonNullable<Awaited<ReturnType<typeof getUnitParticipation>>>;
