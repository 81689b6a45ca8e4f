import { sql, type RawBuilder } from 'kysely';
import type { KeyKind } from '../../domain/key-balance';
import type { OptionDef } from '../../domain/types';
import type { Db } from '../db/database';

/** One question version drawn in one shown option order, and how many times. */
export interface ShownKeyRow {
	kind: KeyKind;
	options: number;
	/** where its right answer was shown, 0-based; -1 when the order does not hold it */
	position: number;
	count: number;
}

/**
 * The right answer's shown position in the single-answer and true/false items of the attempts the
 * filter admits (a slice of counted attempts, on attempt aliased `a`). Grouped by version and
 * shown order in SQL, so the rows are at most versions × orders, whatever the number of attempts.
 */
export async function readShownKeys(db: Db, filter: RawBuilder<unknown>): Promise<ShownKeyRow[]> {
	const { rows } = await sql<{ version_id: string; option_keys_json: string; n: number }>`
		select ai.question_version_id as version_id, ai.option_keys_json, count(*) as n
		from attempt a
		join attempt_item ai on ai.attempt_id = a.id
		join question_version qv on qv.id = ai.question_version_id
		where ${filter} and qv.type in ('single', 'true_false')
		group by ai.question_version_id, ai.option_keys_json`.execute(db);
	const versions = new Map<string, { type: string; options: OptionDef[] }>();
	const ids = [...new Set(rows.map((r) => r.version_id))];
	// One bound parameter per version: chunks stay well under SQLite's limit on variables.
	for (let i = 0; i < ids.length; i += 500) {
		const found = await db
			.selectFrom('question_version')
			.select(['id', 'type', 'options_json'])
			.where('id', 'in', ids.slice(i, i + 500))
			.execute();
		for (const v of found) versions.set(v.id, { type: v.type, options: JSON.parse(v.options_json) as OptionDef[] });
	}
	return rows.map((r) => {
		const version = versions.get(r.version_id)!;
		const shown = JSON.parse(r.option_keys_json) as string[];
		const right = version.options.find((o) => o.correct)?.key;
		return {
			kind: version.type === 'true_false' ? 'true_false' : 'single',
			options: shown.length,
			position: right === undefined ? -1 : shown.indexOf(right),
			count: Number(r.n)
		};
	});
}
