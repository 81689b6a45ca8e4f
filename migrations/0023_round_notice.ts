import type { Kysely } from 'kysely';

// The results notice as an official document (issue 15, "Announcements and prizes"): per round,
// the superior body's line above the organizer ("UBND TỈNH …"), the notice's number, and the
// signer's title and name. All nullable: null prints the notice's default (a blank number to
// fill by hand, "TRƯỞNG BAN", room to sign).

const COLUMNS = ['notice_superior', 'notice_number', 'notice_signer_title', 'notice_signer_name'] as const;

export async function up(db: Kysely<any>): Promise<void> {
	for (const column of COLUMNS) await db.schema.alterTable('round').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('round').dropColumn(column).execute();
}
