import type { Db } from '../db/database';
import type { UnitRow } from '../db/schema';

export function listUnits(db: Db): Promise<UnitRow[]> {
	return db.selectFrom('unit').selectAll().execute();
}

export async function insertUnits(db: Db, rows: UnitRow[]): Promise<void> {
	if (rows.length) await db.insertInto('unit').values(rows).execute();
}
