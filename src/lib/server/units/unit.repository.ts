import type { Db } from '../db/database';
import type { UnitRow } from '../db/schema';

export function listUnits(db: Db): Promise<UnitRow[]> {
	return db.selectFrom('unit').selectAll().execute();
}

export async function insertUnits(db: Db, rows: UnitRow[]): Promise<void> {
	if (rows.length) await db.insertInto('unit').values(rows).execute();
}

export type UnitPatch = Partial<Pick<UnitRow, 'name' | 'name_folded' | 'parent_id' | 'kind' | 'headcount'>>;

export function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
	return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUnitByCode(db: Db, code: string): Promise<UnitRow | undefined> {
	return db.selectFrom('unit').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function updateUnit(db: Db, id: string, patch: UnitPatch): Promise<void> {
	await db.updateTable('unit').set(patch).where('id', '=', id).execute();
}

export async function deleteUnit(db: Db, id: string): Promise<void> {
	await db.deleteFrom('unit').where('id', '=', id).execute();
}

/** Moves every unit directly under `fromId` to `toId`; returns how many moved. */
export async function reparentChildUnits(db: Db, fromId: string, toId: string): Promise<number> {
	const result = await db
		.updateTable('unit')
		.set({ parent_id: toId })
		.where('parent_id', '=', fromId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export interface MovedReferences {
	registrations: number;
	attempts: number;
	results: number;
}

/** Points registrations, attempts and round results of one unit at another. */
export async function moveUnitReferences(db: Db, fromId: string, toId: string): Promise<MovedReferences> {
	const registrations = await db
		.updateTable('registration')
		.set({ unit_id: toId })
		.where('unit_id', '=', fromId)
		.executeTakeFirst();
	const attempts = await db
		.updateTable('attempt')
		.set({ unit_id: toId })
		.where('unit_id', '=', fromId)
		.executeTakeFirst();
	const results = await db
		.updateTable('round_result')
		.set({ unit_id: toId })
		.where('unit_id', '=', fromId)
		.executeTakeFirst();
	return {
		registrations: Number(registrations.numUpdatedRows),
		attempts: Number(attempts.numUpdatedRows),
		results: Number(results.numUpdatedRows)
	};
}

/** Contests scoped to one unit's subtree follow it when it is merged into another. */
export async function moveContestRoots(db: Db, fromId: string, toId: string): Promise<void> {
	await db.updateTable('contest').set({ root_unit_id: toId }).where('root_unit_id', '=', fromId).execute();
}

/** Distinct registered contestants per unit id, over every contest (units without any are absent). */
export async function countContestantsByUnit(db: Db): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('registration')
		.select(['unit_id', (eb) => eb.fn.count<number>('user_id').distinct().as('n')])
		.groupBy('unit_id')
		.execute();
	return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}

/** The top of the unit subtree a contest uses; null: the whole tree (or no such contest). */
export async function findContestRootUnitId(db: Db, contestId: string): Promise<string | null> {
	const row = await db.selectFrom('contest').select('root_unit_id').where('id', '=', contestId).executeTakeFirst();
	return row?.root_unit_id ?? null;
}

/** The names of units at the top of the tree, at most `limit`. */
export function listTopUnitNames(db: Db, limit: number) {
	return db.selectFrom('unit').select('name').where('parent_id', 'is', null).limit(limit).execute();
}

export async function unitExists(db: Db, id: string): Promise<boolean> {
	const unit = await db.selectFrom('unit').select('id').where('id', '=', id).executeTakeFirst();
	return unit !== undefined;
}
