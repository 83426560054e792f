import { sql, type RawBuilder } from 'kysely';

// Searches with what a person typed: `%` and `_` in it match themselves, not any text or any
// character. ESCAPE '\' is spelled out because SQLite has no default escape character.

/** The text with LIKE's wildcards (and the escape character itself) escaped by `\`. */
export function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * `column` contains `text`, whatever the case of Latin letters: lower() on both sides, since
 * SQLite's LIKE ignores ASCII case and PostgreSQL's does not.
 */
export function likeContains(column: string, text: string): RawBuilder<boolean> {
	const pattern = `%${escapeLike(text.toLowerCase())}%`;
	return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** `column` starts with `text`. */
export function likeStartsWith(column: string, text: string): RawBuilder<boolean> {
	return sql<boolean>`${sql.ref(column)} like ${`${escapeLike(text)}%`} escape '\\'`;
}
