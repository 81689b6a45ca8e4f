import type { Signal } from '../../domain/fair-play/types';
import { flattenUnitTree } from '../../domain/units';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { listContestUnits } from '../units/contest-units';
import { setRoundFastFloor } from './fair-play.repository';
import { findRoundOfContest, loadEvidence, loadReviewQueue } from './review.service';

// What the studio's review page shows, in plain objects a page can serialize.

export async function loadReviewPage(
	ctx: AppContext,
	contestId: string,
	roundId: string,
	query: { signal: Signal | null; unitId: string | null; attemptId: string | null }
) {
	const round = await findRoundOfContest(ctx, contestId, roundId);
	if (!round) return null;
	const [queue, unitRows, evidence] = await Promise.all([
		loadReviewQueue(ctx, roundId, { signal: query.signal, unitId: query.unitId }),
		listContestUnits(ctx.db, contestId),
		query.attemptId ? loadEvidence(ctx, roundId, query.attemptId) : Promise.resolve(null)
	]);
	const units = flattenUnitTree(unitRows.map((u) => ({ id: u.id, name: u.name, parentId: u.parentId })));
	const selected = evidence ? (queue.entries.find((e) => e.attemptId === evidence.attempt.attemptId) ?? null) : null;
	return {
		contestId,
		round: { id: round.id, name: round.name, fastFloorMs: round.fast_floor_ms },
		run: queue.run,
		entries: queue.entries,
		units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
		filter: { signal: query.signal, unitId: query.unitId },
		evidence: evidence
			? {
					questions: evidence.questions,
					review: selected?.review ?? null,
					attempts: [evidence.attempt, ...evidence.others].map((a) => ({
						...a,
						answers: Object.fromEntries(a.answers)
					}))
				}
			: null
	};
}

export async function saveFastFloor(
	ctx: AppContext,
	roundId: string,
	actorId: string,
	floorMs: number | null
): Promise<void> {
	await setRoundFastFloor(ctx.db, roundId, floorMs);
	await recordAudit(
		ctx.db,
		{
			actorId,
			action: 'round.fast_floor',
			entity: 'round',
			entityId: roundId,
			summary: floorMs === null ? 'Ngưỡng "quá nhanh": theo đợt thi' : `Ngưỡng "quá nhanh": ${floorMs / 1000} giây/câu`,
			detail: { floorMs }
		},
		ctx.clock.now()
	);
}
