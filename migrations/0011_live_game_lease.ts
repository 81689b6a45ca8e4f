import type { Kysely } from 'kysely';

// One owner per live game when several app nodes run: the node that runs a game's state machine
// and timers holds a lease on its row (owner_node, renewed every few seconds until lease_until,
// ms since the epoch); another node takes the game over only once the lease has expired. `version`
// moves with every change of the game's position and with every takeover: a write of the game's
// state names the version it was built on, so a node that lost the game can never write again.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('live_game').addColumn('owner_node', 'text').execute();
	await db.schema.alterTable('live_game').addColumn('lease_until', 'bigint').execute();
	await db.schema
		.alterTable('live_game')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('live_game').dropColumn('version').execute();
	await db.schema.alterTable('live_game').dropColumn('lease_until').execute();
	await db.schema.alterTable('live_game').dropColumn('owner_node').execute();
}
