import { flattenUnitTree } from '../../domain/units';
import type { AppContext } from '../context';
import { findContestById, findRound, listGroups } from '../contests/contest.repository';
import { roundPhase } from '../contests/contest.service';
import { listContestUnits } from '../units/contest-units';
import { isRoundOver } from './close.service';
import { attemptInContestRound, listDisqualifiedAttempts } from './results.repository';
import { findCloseRecord, listFinalResults, listUnitResults, listWinners, unitSubtree } from './results.service';

export const RESULTS_PAGE_SIZE = 50;

export interface ResultsQuery {
	groupId: string | null;
	unitId: string | null;
	page: number;
}

/** Everything the studio's results page of a round shows; null for a round of another contest. */
export async function loadRoundResultsPage(ctx: AppContext, contestId: string, roundId: string, query: ResultsQuery) {
	const round = await findRound(ctx.db, roundId);
	if (!round || round.contest_id !== contestId) return null;
	const now = ctx.clock.now();
	const [groups, close, unitRows, disqualified] = await Promise.all([
		listGroups(ctx.db, contestId),
		findCloseRecord(ctx.db, roundId),
		// the unit filter offers the contest's own part of the tree
		listContestUnits(ctx.db, contestId),
		listDisqualifiedAttempts(ctx.db, roundId)
	]);
	const group = groups.find((g) => g.id === query.groupId) ?? groups[0];
	const units = flattenUnitTree(unitRows.map((u) => ({ id: u.id, name: u.name, parentId: u.parentId })));
	const unit = units.find((u) => u.id === query.unitId) ?? null;
	const base = {
		round: {
			id: round.id,
			name: round.name,
			ordinal: round.ordinal,
			opensAt: round.opens_at,
			closesAt: round.closes_at,
			phase: roundPhase(round, now),
			over: isRoundOver(round, now),
			predictionQuestion: round.prediction_question,
			predictionKind: round.prediction_kind
		},
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		groupId: group?.id ?? '',
		units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
		unitId: unit?.id ?? '',
		close,
		disqualified
	};
	if (!close || !group) return { ...base, ranking: null, winners: [], unitStandings: [] };
	const page = Math.max(1, query.page);
	const [ranking, winners, unitStandings] = await Promise.all([
		listFinalResults(ctx.db, roundId, {
			groupId: group.id,
			unitIds: unit ? await unitSubtree(ctx.db, unit.id) : undefined,
			offset: (page - 1) * RESULTS_PAGE_SIZE,
			limit: RESULTS_PAGE_SIZE
		}),
		listWinners(ctx.db, roundId),
		listUnitResults(ctx.db, roundId, true)
	]);
	return {
		...base,
		ranking: { ...ranking, page, pages: Math.max(1, Math.ceil(ranking.total / RESULTS_PAGE_SIZE)) },
		winners,
		unitStandings
	};
}

/** The results page with its contest's heading; null for a missing contest or a round of another. */
export async function loadRoundResultsPageOfContest(
	ctx: AppContext,
	contestId: string,
	roundId: string,
	query: ResultsQuery
) {
	const [page, contest] = await Promise.all([
		loadRoundResultsPage(ctx, contestId, roundId, query),
		findContestById(ctx.db, contestId)
	]);
	if (!page || !contest) return null;
	return { ...page, contest: { id: contest.id, slug: contest.slug, title: contest.title, status: contest.status } };
}

/** Whether the round belongs to the contest (the close button's URL names both). */
export async function isRoundOfContest(ctx: AppContext, contestId: string, roundId: string): Promise<boolean> {
	const round = await findRound(ctx.db, roundId);
	return round !== undefined && round.contest_id === contestId;
}

/** Whether the attempt belongs to the round, itself of the contest. */
export function isAttemptOfRound(
	ctx: AppContext,
	attemptId: string,
	roundId: string,
	contestId: string
): Promise<boolean> {
	return attemptInContestRound(ctx.db, attemptId, roundId, contestId);
}
