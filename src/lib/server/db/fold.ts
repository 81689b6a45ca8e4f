import { sql, type Expression, type RawBuilder } from 'kysely';
import { foldVietnamese } from '../../domain/text';
import { isPostgres, type Db } from './database';

// Diacritic-insensitive search in SQL, the same folding as foldVietnamese (domain/text.ts):
// 'Nguyễn Đức' and 'nguyen duc' both become 'nguyen duc'. SQLite calls fold_vi, the domain
// function registered on each connection (database.ts); PostgreSQL maps every precomposed
// Vietnamese letter with translate() and lowercases the rest, whatever the server's locale.
// Stored text is NFC, so every letter with a diacritic is one of the code points below.

const BASES = 'aăâeêioôơuưy';
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function vietnameseLetters(): string[] {
	const letters = new Set<string>(['đ', 'Đ']);
	for (const base of BASES) {
		for (const tone of TONES) {
			const lower = (base + tone).normalize('NFC');
			letters.add(lower);
			letters.add(lower.toUpperCase());
		}
	}
	return [...letters].filter((c) => c.length === 1 && !/[a-z]/i.test(c));
}

const LETTERS = vietnameseLetters();
const FROM = LETTERS.join('');
const TO = LETTERS.map((c) => foldVietnamese(c)).join('');

/** The folded form of a text column or expression, for `like '%…%'` against a folded query. */
export function foldedSql(db: Db, value: Expression<string>): RawBuilder<string> {
	if (isPostgres(db)) return sql<string>`lower(translate(${value}, ${FROM}, ${TO}))`;
	return sql<string>`fold_vi(${value})`;
}

/**
 * Sort keys for a list of names in Vietnamese order: the folded name first (Đ among the D's,
 * diacritics only breaking ties), then the name itself. Both compare code point by code point on
 * either engine (SQLite's binary collation; "C" on PostgreSQL, whatever the server's locale), so
 * a list and its export come out in the same order everywhere.
 */
export function nameSortKeys(db: Db, value: Expression<string>): [RawBuilder<string>, RawBuilder<string>] {
	if (isPostgres(db)) return [sql<string>`${foldedSql(db, value)} collate "C"`, sql<string>`${value} collate "C"`];
	return [foldedSql(db, value), sql<string>`${value}`];
}

/** A LIKE pattern that finds `text` anywhere, its wildcards escaped (used with escape '\'). */
export function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
