/**
 * Document numbers as offices write them (GB/T 9704-2012 发文字号 style, with 〔〕 around the
 * year): minutes 〔2026〕3号 per meeting type and year, supervision items 督〔2026〕12号 per year.
 * The sequence itself is given by the database at issue time; this formats and reads it.
 */

/** 〔2026〕3号, with an optional prefix naming the series (督〔2026〕12号, 办纪〔2026〕3号). */
export function documentNumber(year: number, n: number, prefix = ''): string {
	if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`year: ${year}`);
	if (!Number.isInteger(n) || n < 1) throw new RangeError(`number: ${n}`);
	return `${prefix}〔${year}〕${n}号`;
}

/** 督〔2026〕12号 — a supervision item's number. */
export function supervisionNumber(year: number, n: number): string {
	return documentNumber(year, n, '督');
}

/** The parts of a number written by `documentNumber`, or null for anything else. */
export function parseDocumentNumber(
	text: string
): { prefix: string; year: number; n: number } | null {
	const m = /^(.*)〔(\d{4})〕([1-9]\d*)号$/.exec(text.trim());
	if (!m) return null;
	return { prefix: m[1], year: Number(m[2]), n: Number(m[3]) };
}
