import type { Db } from '../db/database';

/** A contest's banner bytes, if it still has the version a card was built with. */
export async function findBannerBytes(db: Db, contestId: string, version: number): Promise<Buffer | null> {
	const row = await db
		.selectFrom('contest')
		.select('banner_b64')
		.where('id', '=', contestId)
		.where('banner_version', '=', version)
		.executeTakeFirst();
	return row?.banner_b64 ? Buffer.from(row.banner_b64, 'base64') : null;
}
