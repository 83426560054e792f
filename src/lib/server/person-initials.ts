import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials for searching a name, computed here so the browser never loads the
 * dictionary. `surname: 'head'` reads the first character as a surname: 单 shàn, 曾 zēng, 解 xiè.
 * Non-Chinese characters keep their own letters (lower case); anything else is dropped.
 */
export function pinyinInitials(name: string): string {
	return pinyin(name, { pattern: 'first', toneType: 'none', surname: 'head', type: 'array' })
		.join('')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** Adds `initials` to each row that has a name, for the PersonPicker's search. */
export function withInitials<T extends { name: string }>(
	rows: T[]
): Array<T & { initials: string }> {
	return rows.map((r) => ({ ...r, initials: pinyinInitials(r.name) }));
}
