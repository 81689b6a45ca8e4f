import type { Db } from '../db/database';

export async function findSecret(db: Db, name: string): Promise<string | undefined> {
	const row = await db.selectFrom('app_secret').select('value').where('name', '=', name).executeTakeFirst();
	return row?.value;
}

/** Stores the secret unless one of that name exists already (another node or request was first). */
export async function insertSecretIfMissing(db: Db, name: string, value: string, now: number): Promise<void> {
	await db
		.insertInto('app_secret')
		.values({ name, value, created_at: now })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
}
