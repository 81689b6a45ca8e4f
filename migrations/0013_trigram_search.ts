import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The question bank's search is `search_text LIKE '%word%'` (and tags_text for a tag): no B-tree
// helps a leading wildcard. SQLite scans one bank's rows, which is quick at a bank's size;
// PostgreSQL gets trigram GIN indexes, which serve LIKE '%…%' directly. pg_trgm ships with
// PostgreSQL and is a trusted extension (13+): the database's owner may create it. SQLite:
// nothing changes.

export async function up(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
	await sql`create extension if not exists pg_trgm`.execute(db);
	await sql`create index question_search_trgm_idx on question using gin (search_text gin_trgm_ops)`.execute(db);
	await sql`create index question_tags_trgm_idx on question using gin (tags_text gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
	await sql`drop index if exists question_tags_trgm_idx`.execute(db);
	await sql`drop index if exists question_search_trgm_idx`.execute(db);
}
