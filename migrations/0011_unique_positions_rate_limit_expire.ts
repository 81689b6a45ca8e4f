import { PostgresAdapter, sql, type Kysely } from 'kysely';

// What several app nodes writing to one PostgreSQL need from the schema (issue 13):
// - a question's position is unique in its bank, so two writers can never both take "max + 1";
// - rate_limit.expire holds epoch milliseconds: SQLite's integer is 64-bit already, PostgreSQL's
//   `integer` (0007) is 32-bit and overflows, so it becomes a bigint there;
// - the audit log keeps its insertion order for rows of the same millisecond: SQLite has its
//   rowid, PostgreSQL gets an identity column.

export async function up(db: Kysely<any>): Promise<void> {
	const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

	// Questions created before 0002 all sit at position 0 (its default), and nothing stopped two
	// writers from taking the same "max + 1". In every bank where two questions share a position,
	// renumber the bank 1…n in its current order (position, then id: what the exports read), so
	// the unique index below holds; banks without a tie keep their numbers.
	await sql`
		update question set position = numbered.n
		from (
			select id, row_number() over (partition by bank_id order by position, id) as n
			from question
			where bank_id in (select bank_id from question group by bank_id, position having count(*) > 1)
		) as numbered
		where numbered.id = question.id`.execute(db);
	await db.schema
		.createIndex('question_bank_position_uq')
		.on('question')
		.columns(['bank_id', 'position'])
		.unique()
		.execute();
	// the unique index serves every query the plain one did
	await db.schema.dropIndex('question_bank_position_idx').execute();

	if (postgres) {
		await sql`alter table rate_limit alter column expire type bigint`.execute(db);
		await sql`alter table audit_log add column seq bigint generated always as identity`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		await sql`alter table audit_log drop column seq`.execute(db);
		await sql`alter table rate_limit alter column expire type integer`.execute(db);
	}
	await db.schema.createIndex('question_bank_position_idx').on('question').columns(['bank_id', 'position']).execute();
	await db.schema.dropIndex('question_bank_position_uq').execute();
}
