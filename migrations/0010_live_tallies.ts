import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

// Running tallies of a round, kept by triggers in the same statement as every write to attempt
// and round_result, so the live screens read a handful of rows instead of recounting every
// attempt and result of the round four times a second (20,000 results took ~25 ms a rebuild).
// Triggers, not application code: every writer (finalize, disqualification, unit merges, a
// cascade) keeps them right without knowing they exist.
//
// round_result_tally: per round, group, unit and max score, the best results, how many are
// perfect and the sum of their scores (integers: the unit's mean is Σ score_sum / max_score,
// exact until the final division). round_attempt_tally: per round and status, the attempts of
// contestants (an organizer's previews left out). round_minute_tally: per round and minute since
// the epoch, the contestants' attempts that finished in it (the organizers' dashboard chart).

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('round_result_tally')
		.addColumn('round_id', 'text', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('group_id', 'text', (c) => c.notNull())
		.addColumn('unit_id', 'text', (c) => c.notNull())
		.addColumn('max_score', 'integer', (c) => c.notNull())
		.addColumn('results', 'integer', (c) => c.notNull())
		.addColumn('perfect', 'integer', (c) => c.notNull())
		.addColumn('score_sum', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('round_result_tally_pk', ['round_id', 'group_id', 'unit_id', 'max_score'])
		.execute();
	await db.schema
		.createTable('round_attempt_tally')
		.addColumn('round_id', 'text', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('round_attempt_tally_pk', ['round_id', 'status'])
		.execute();

	const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
	const addResult = (row: 'new') =>
		sql.raw(`
		insert into round_result_tally (round_id, group_id, unit_id, max_score, results, perfect, score_sum)
		values (${row}.round_id, ${row}.group_id, ${row}.unit_id, ${row}.max_score, 1,
			case when ${row}.score >= ${row}.max_score then 1 else 0 end, ${row}.score)
		on conflict (round_id, group_id, unit_id, max_score) do update set
			results = round_result_tally.results + 1, perfect = round_result_tally.perfect + excluded.perfect,
			score_sum = round_result_tally.score_sum + excluded.score_sum;`);
	const removeResult = (row: 'old') =>
		sql.raw(`
		update round_result_tally set results = results - 1,
			perfect = perfect - case when ${row}.score >= ${row}.max_score then 1 else 0 end, score_sum = score_sum - ${row}.score
		where round_id = ${row}.round_id and group_id = ${row}.group_id and unit_id = ${row}.unit_id
			and max_score = ${row}.max_score;`);
	await createTrigger(
		db,
		postgres,
		'round_result_tally_insert',
		'after insert on round_result',
		sql`${addResult('new')}`
	);
	await createTrigger(
		db,
		postgres,
		'round_result_tally_update',
		'after update on round_result',
		sql`${removeResult('old')}${addResult('new')}`
	);
	await createTrigger(
		db,
		postgres,
		'round_result_tally_delete',
		'after delete on round_result',
		sql`${removeResult('old')}`
	);

	// the WHERE keeps previews out (and makes the upsert's SELECT unambiguous to the parser)
	const addAttempt = sql.raw(`
		insert into round_attempt_tally (round_id, status, attempts)
		select new.round_id, new.status, 1 where new.is_preview = 0
		on conflict (round_id, status) do update set attempts = round_attempt_tally.attempts + 1;`);
	const removeAttempt = sql.raw(`
		update round_attempt_tally set attempts = attempts - 1
		where old.is_preview = 0 and round_id = old.round_id and status = old.status;`);
	await createTrigger(db, postgres, 'round_attempt_tally_insert', 'after insert on attempt', sql`${addAttempt}`);
	await createTrigger(
		db,
		postgres,
		'round_attempt_tally_update',
		'after update of round_id, status, is_preview on attempt',
		sql`${removeAttempt}${addAttempt}`
	);
	await createTrigger(db, postgres, 'round_attempt_tally_delete', 'after delete on attempt', sql`${removeAttempt}`);

	// The dashboard's chart: finished attempts per round and minute since the epoch (previews aside).
	await db.schema
		.createTable('round_minute_tally')
		.addColumn('round_id', 'text', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('minute', 'integer', (c) => c.notNull())
		.addColumn('finished', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('round_minute_tally_pk', ['round_id', 'minute'])
		.execute();
	const counts = (row: 'new' | 'old') =>
		`${row}.status = 'finished' and ${row}.is_preview = 0 and ${row}.finished_at is not null`;
	const minuteOf = (row: 'new' | 'old') => `cast(${row}.finished_at / 60000 as integer)`;
	const addFinish = sql.raw(`
		insert into round_minute_tally (round_id, minute, finished)
		select new.round_id, ${minuteOf('new')}, 1 where ${counts('new')}
		on conflict (round_id, minute) do update set finished = round_minute_tally.finished + 1;`);
	const removeFinish = sql.raw(`
		update round_minute_tally set finished = finished - 1
		where ${counts('old')} and round_id = old.round_id and minute = ${minuteOf('old')};`);
	await createTrigger(db, postgres, 'round_minute_tally_insert', 'after insert on attempt', sql`${addFinish}`);
	await createTrigger(
		db,
		postgres,
		'round_minute_tally_update',
		'after update of round_id, status, is_preview, finished_at on attempt',
		sql`${removeFinish}${addFinish}`
	);
	await createTrigger(db, postgres, 'round_minute_tally_delete', 'after delete on attempt', sql`${removeFinish}`);

	// A revision per question bank, moved by every write to its questions, so a process may keep a
	// bank's draw candidates and know for one small read whether they are still current. No
	// foreign key: the rows of a bank being deleted would be written back by its questions' cascade.
	await db.schema
		.createTable('question_bank_revision')
		.addColumn('bank_id', 'text', (c) => c.primaryKey())
		.addColumn('revision', 'integer', (c) => c.notNull())
		.execute();
	const bump = (row: 'new' | 'old') =>
		sql.raw(`
		insert into question_bank_revision (bank_id, revision) values (${row}.bank_id, 1)
		on conflict (bank_id) do update set revision = question_bank_revision.revision + 1;`);
	await createTrigger(db, postgres, 'question_bank_revision_insert', 'after insert on question', sql`${bump('new')}`);
	await createTrigger(
		db,
		postgres,
		'question_bank_revision_update',
		'after update on question',
		sql`${bump('old')}${bump('new')}`
	);
	await createTrigger(db, postgres, 'question_bank_revision_delete', 'after delete on question', sql`${bump('old')}`);

	// what the rounds already hold
	await sql`
		insert into round_result_tally (round_id, group_id, unit_id, max_score, results, perfect, score_sum)
		select round_id, group_id, unit_id, max_score, count(*), sum(case when score >= max_score then 1 else 0 end), sum(score)
		from round_result group by round_id, group_id, unit_id, max_score`.execute(db);
	await sql`
		insert into round_attempt_tally (round_id, status, attempts)
		select round_id, status, count(*) from attempt where is_preview = 0 group by round_id, status`.execute(db);
	await sql`
		insert into round_minute_tally (round_id, minute, finished)
		select round_id, cast(finished_at / 60000 as integer) as m, count(*) from attempt
		where status = 'finished' and is_preview = 0 and finished_at is not null group by round_id, m`.execute(db);
	await sql`insert into question_bank_revision (bank_id, revision) select id, 1 from question_bank`.execute(db);
}

/**
 * A row trigger: SQLite takes the statements in the trigger itself, PostgreSQL in a function the
 * trigger executes (plpgsql, where `new` and `old` read the same).
 */
async function createTrigger(
	db: Kysely<any>,
	postgres: boolean,
	name: string,
	when: string,
	body: RawBuilder<unknown>
) {
	if (!postgres) {
		await sql`create trigger ${sql.id(name)} ${sql.raw(when)} begin ${body} end`.execute(db);
		return;
	}
	await sql`create function ${sql.id(name)}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`.execute(
		db
	);
	await sql`create trigger ${sql.id(name)} ${sql.raw(when)} for each row execute function ${sql.id(name)}()`.execute(
		db
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const name of [
		'round_result_tally_insert',
		'round_result_tally_update',
		'round_result_tally_delete',
		'round_attempt_tally_insert',
		'round_attempt_tally_update',
		'round_attempt_tally_delete',
		'round_minute_tally_insert',
		'round_minute_tally_update',
		'round_minute_tally_delete',
		'question_bank_revision_insert',
		'question_bank_revision_update',
		'question_bank_revision_delete'
	]) {
		if (db.getExecutor().adapter instanceof PostgresAdapter) {
			await sql`drop function if exists ${sql.id(name)}() cascade`.execute(db);
		} else {
			await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
		}
	}
	await db.schema.dropTable('question_bank_revision').execute();
	await db.schema.dropTable('round_minute_tally').execute();
	await db.schema.dropTable('round_attempt_tally').execute();
	await db.schema.dropTable('round_result_tally').execute();
}
