import ical, { escape, ICalEventStatus } from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { buildFeed, foldLine } from '$lib/domain/ical-feed';
import { CLASSIFIED_LABEL, type FeedEvent } from '$lib/domain/invite';

/** The feed as ical-generator wrote it before the feed was written directly: the reference. */
function referenceFeed(name: string, events: FeedEvent[]): string {
	const cal = ical({
		prodId: { company: 'huiban', product: 'huiban', language: 'ZH' },
		name: escape(name, false)
	});
	for (const e of events) {
		cal.createEvent({
			id: e.uid,
			sequence: e.sequence,
			stamp: new Date(e.stamp ?? Date.now()),
			start: new Date(e.start),
			end: new Date(e.end),
			summary: e.classified ? CLASSIFIED_LABEL : e.summary,
			location: e.location || null,
			description: e.classified ? null : e.description || null,
			url: e.classified ? null : e.url || null,
			status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	const text = cal.toString();
	return text.endsWith('\r\n') ? text : text + '\r\n';
}

const LONG =
	'关于贯彻落实全市交通运输安全生产工作会议精神暨部署岁末年初安全生产大检查专项行动及冬季道路运输保障工作的第一次专题局会议';

function event(i: number, o: Partial<FeedEvent> = {}): FeedEvent {
	return {
		uid: `m-${i}@huiban`,
		sequence: i % 4,
		start: new Date(Date.UTC(2026, 10, 1 + i, 1, 30)).toISOString(),
		end: new Date(Date.UTC(2026, 10, 1 + i, 3, 0)).toISOString(),
		stamp: '2026-10-20T08:00:00.000Z',
		summary: `局务会议 ${i}`,
		location: '机关大楼三楼第一会议室',
		description: '听取汇报',
		url: `https://oa.example.gov.cn/meetings/${i}`,
		cancelled: false,
		...o
	};
}

describe('the directly written feed', () => {
	it('is the same text ical-generator wrote, for every kind of entry', () => {
		const events: FeedEvent[] = [
			event(1),
			event(2, { summary: LONG, description: `${LONG}\n${LONG}\r\n第三项；汇报,讨论\\结论` }),
			event(3, { cancelled: true, sequence: 5 }),
			event(4, { classified: true, summary: '绝密人事调整', description: '干部任免' }),
			event(5, { location: '', description: '', url: undefined }),
			// 2-, 3- and 4-octet characters around the fold, and a very long ASCII line.
			event(6, { summary: 'é'.repeat(50) + '会'.repeat(30) + '😀'.repeat(30) + 'x'.repeat(7) }),
			event(7, { summary: 'a'.repeat(74), description: 'b'.repeat(75), location: 'c'.repeat(300) }),
			event(8, { summary: 'x' + '😀'.repeat(40), description: 'ab' + '会'.repeat(60) }),
			event(9, { start: '2026-12-09T08:00:00.000Z', end: '2026-12-09T07:00:00.000Z' }),
			event(10, { uid: 'duty-10@huiban', summary: '值班：2026年国庆节值班（带班领导）' })
		];
		for (const name of ['会办 · 张三的会议', '王局长的会议, 日程; 备用\\', '短']) {
			expect(buildFeed(name, events)).toBe(referenceFeed(name, events));
		}
		expect(buildFeed('空', [])).toBe(referenceFeed('空', []));
	});

	it('folds at 75 octets without splitting a character', () => {
		for (const line of [
			'SUMMARY:' + '会'.repeat(100),
			'SUMMARY:' + 'é'.repeat(100),
			'SUMMARY:' + '😀'.repeat(50),
			'SUMMARY:' + 'x'.repeat(200),
			'X:' + 'a😀é会'.repeat(40)
		]) {
			const folded = foldLine(line);
			const parts = folded.split('\r\n');
			expect(parts.length).toBeGreaterThan(1);
			for (const [i, part] of parts.entries()) {
				expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
				if (i > 0) expect(part.startsWith(' ')).toBe(true);
				expect(part).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/);
			}
			expect(folded.replace(/\r\n /g, '')).toBe(line);
		}
		expect(foldLine('SHORT:line')).toBe('SHORT:line');
	});
});
