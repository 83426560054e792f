/**
 * Type sizes for names in boxes of a known size (millimetres), so a printed name is as large as
 * its seat allows and never cut. A CJK character is about 1 em wide, Latin letters and digits
 * about 0.6 em; the result is rounded down to 0.1 mm.
 */
export function textEms(text: string): number {
	let ems = 0;
	for (const ch of text) ems += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.62;
	return Math.max(ems, 1);
}

/** The font size (mm) for `text` in a box `width` × `height` mm, at most `max` mm. */
export function fitFont(
	text: string,
	width: number,
	height: number,
	max: number,
	extraEms = 0
): number {
	// 8% of the width for the box's padding and the glyphs' side bearings.
	const byWidth = (width * 0.92) / (textEms(text) + extraEms);
	const size = Math.min(byWidth, height * 0.62, max);
	return Math.max(0.5, Math.floor(size * 10) / 10);
}

/**
 * Printable area of a landscape sheet with 10 mm margins, less 1 mm of height so rounding never
 * pushes the chart onto a second page.
 */
export const SHEETS = {
	A4: { width: 277, height: 189 },
	A3: { width: 400, height: 276 }
} as const;
