import { sql, type Kysely } from 'kysely';

// Organizers are scoped to their contests. A question bank belongs to the contests listed in
// bank_contest: the one it was created for, every contest whose round draws from it, and any it
// was shared with. An organizer sees a bank only through one of their contests; admins and
// organizers of every contest see all. A contest may also narrow the unit tree to one subtree
// (a commune contest does not offer the whole province).

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('bank_contest')
		.addColumn('bank_id', 'text', (c) => c.notNull().references('question_bank.id').onDelete('cascade'))
		.addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id').onDelete('cascade'))
		// null: recorded by this migration, or by a round that started drawing from the bank
		.addColumn('granted_by', 'text')
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('bank_contest_pk', ['bank_id', 'contest_id'])
		.execute();
	await db.schema.createIndex('bank_contest_contest_idx').on('bank_contest').column('contest_id').execute();

	// Banks already in use belong to the contests that use them: by a round's blueprint, or by a
	// live game whose questions came from the bank.
	await sql`
		INSERT INTO bank_contest (bank_id, contest_id, granted_by, created_at)
		SELECT DISTINCT blueprint_item.bank_id, round.contest_id, NULL, round.created_at
		FROM blueprint_item JOIN round ON round.id = blueprint_item.round_id
		WHERE true
		ON CONFLICT DO NOTHING`.execute(db);
	await sql`
		INSERT INTO bank_contest (bank_id, contest_id, granted_by, created_at)
		SELECT DISTINCT question.bank_id, live_game.contest_id, NULL, live_game.created_at
		FROM live_game_question
		JOIN live_game ON live_game.id = live_game_question.game_id
		JOIN question ON question.id = live_game_question.question_id
		WHERE true
		ON CONFLICT DO NOTHING`.execute(db);

	// null: the whole unit tree. No foreign key: merging units moves this reference itself.
	await db.schema.alterTable('contest').addColumn('root_unit_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('contest').dropColumn('root_unit_id').execute();
	await db.schema.dropTable('bank_contest').execute();
}
