import type { Kysely } from 'kysely';

// More kinds of questions (issue 16): ordering, numeric, short typed answer, poll and word cloud.
// What a kind holds beyond its options (the ordering's scoring, the number and its tolerance, how
// typed text is compared) is kept as JSON beside the options, in the version (so editing it makes a
// new version, like any change a contestant would see scored differently) and in the live game's
// copy of each question. Null for the choice kinds.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('question_version').addColumn('settings_json', 'text').execute();
	await db.schema.alterTable('live_game_question').addColumn('settings_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('live_game_question').dropColumn('settings_json').execute();
	await db.schema.alterTable('question_version').dropColumn('settings_json').execute();
}
