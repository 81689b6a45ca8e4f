import { descendantIds } from '../../domain/units';
import type { Db } from '../db/database';
import { listUnits } from '../units/unit.repository';

// Reading a closed round's results: the queries are in results.repository (final_result and
// unit_result, written by closing with the places already computed).
export {
	findCloseRecord,
	listFinalResults,
	findFinalResult,
	listUnitResults,
	listWinners,
	listContestStanding
} from './results.repository';
export type { CloseRecord, FinalRow, UnitRow, Winner, ContestStandingRow } from './results.repository';

/** The units a filter on `unitId` covers: the unit and every unit below it. */
export async function unitSubtree(db: Db, unitId: string): Promise<string[]> {
	const units = await listUnits(db);
	return [
		...descendantIds(
			units.map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id })),
			unitId
		)
	];
}
