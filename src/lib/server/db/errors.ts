/**
 * Whether a database error is a unique-key violation (a UNIQUE index or a primary key), told by the
 * driver's error code, never by the message text (which differs between engines and versions):
 * better-sqlite3 gives `SQLITE_CONSTRAINT_UNIQUE` or `SQLITE_CONSTRAINT_PRIMARYKEY`, PostgreSQL
 * (`pg`) the SQLSTATE `23505`.
 */
export function isUniqueViolation(error: unknown): boolean {
	if (typeof error !== 'object' || error === null || !('code' in error)) return false;
	const { code } = error as { code: unknown };
	return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
