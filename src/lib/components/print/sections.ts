import { getLocale } from '$lib/paraglide/runtime';
import * as m from '$lib/paraglide/messages';

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、会议时间 / 1. Time: the n-th first-level heading (GB/T 9704: 一、 in 黑体). */
export function sectionHeading(n: number, title: string): string {
	const zh = getLocale().startsWith('zh');
	const numeral = zh && n <= ZH_NUMERALS.length ? ZH_NUMERALS[n - 1] : String(n);
	return m.notice_section({ n: numeral, title });
}
