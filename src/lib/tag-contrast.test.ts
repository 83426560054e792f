import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Status tags (请假, 已发通知, …) must be readable: WCAG AA asks 4.5:1 for normal text
// (issue 9: axe flagged the 请假 tag). Every `.tag…` rule of app.css is checked here.

type Rule = { selector: string; props: Map<string, string> };

function rules(css: string): Rule[] {
	const out: Rule[] = [];
	const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
	for (const m of plain.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
		const props = new Map<string, string>();
		for (const decl of m[2].split(';')) {
			const i = decl.indexOf(':');
			if (i > 0) props.set(decl.slice(0, i).trim(), decl.slice(i + 1).trim());
		}
		for (const selector of m[1].split(',')) out.push({ selector: selector.trim(), props });
	}
	return out;
}

function luminance(hex: string): number {
	const h = hex.replace('#', '');
	const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
	const [r, g, b] = [0, 2, 4].map((i) => {
		const c = parseInt(full.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** [selector, text colour, background, ratio] of every .tag rule. */
function tagContrasts(css: string): Array<[string, string, string, number]> {
	const all = rules(css);
	const vars = new Map<string, string>();
	for (const r of all.filter((r) => r.selector === ':root'))
		for (const [k, v] of r.props) if (k.startsWith('--')) vars.set(k, v);
	const resolve = (v: string) => v.replace(/var\((--[\w-]+)\)/g, (_, n) => vars.get(n) ?? n);
	const base = all.find((r) => r.selector === '.tag')!.props;
	const body = all.find((r) => r.selector === 'body')?.props;
	const ink = resolve(body?.get('color') ?? '#000');
	return all
		.filter((r) => /^\.tag(\.[\w-]+)*$/.test(r.selector))
		.map((r) => {
			const fg = resolve(r.props.get('color') ?? base.get('color') ?? ink);
			const bg = resolve(r.props.get('background') ?? base.get('background') ?? '#fff');
			return [r.selector, fg, bg, Math.round(contrast(fg, bg) * 100) / 100];
		});
}

describe('status tag colours', () => {
	it('measures a known pair as WCAG does', () => {
		expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
		// The 请假 tag before issue 9: #b26a00 on #fff4e5.
		expect(contrast('#b26a00', '#fff4e5')).toBeLessThan(4.5);
	});

	it('gives every .tag in app.css at least 4.5:1', () => {
		const css = readFileSync(new URL('../app.css', import.meta.url), 'utf8');
		const tags = tagContrasts(css);
		expect(tags.map((t) => t[0])).toEqual(
			expect.arrayContaining(['.tag.red', '.tag.green', '.tag.blue', '.tag.orange'])
		);
		expect(tags.filter((t) => t[3] < 4.5)).toEqual([]);
	});
});
