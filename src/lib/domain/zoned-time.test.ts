import { describe, expect, it } from 'vitest';
import { formatInstant } from '$lib/format';
import { instantToZonedDate, instantToZonedTime, nextDate, zonedToInstant } from './zoned-time';

describe('zoned time', () => {
	it('turns Beijing wall time into a UTC instant', () => {
		expect(zonedToInstant('2026-10-01', '08:30', 'Asia/Shanghai')).toBe('2026-10-01T00:30:00.000Z');
		expect(zonedToInstant('2026-01-01', '00:00', 'Asia/Shanghai')).toBe('2025-12-31T16:00:00.000Z');
	});

	it('handles a zone with daylight saving', () => {
		expect(zonedToInstant('2026-07-01', '12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
		expect(zonedToInstant('2026-01-15', '12:00', 'Europe/Berlin')).toBe('2026-01-15T11:00:00.000Z');
	});

	it('gives the local calendar date of an instant', () => {
		expect(instantToZonedDate('2026-09-30T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-10-01');
	});

	it('steps across month and year ends', () => {
		expect(nextDate('2026-02-28')).toBe('2026-03-01');
		expect(nextDate('2026-12-31')).toBe('2027-01-01');
	});
});

// The zoned-time helpers build their strings from a cached offset per 15-minute bucket; here
// every output is compared with what Intl itself says (formatToParts, as they used to ask).

const ZONES = [
	'Asia/Shanghai',
	'America/New_York', // DST both ways, a skipped and a repeated hour
	'Asia/Kolkata', // +5:30
	'Asia/Kathmandu', // +5:45
	'Australia/Lord_Howe' // +10:30, 30-minute DST
];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const YEAR_FROM = Date.UTC(2026, 0, 1);
const YEAR_TO = Date.UTC(2027, 0, 1);

const intl = new Map<string, Intl.DateTimeFormat>();
function parts(locale: string, options: Intl.DateTimeFormatOptions, ms: number) {
	const key = locale + JSON.stringify(options);
	let f = intl.get(key);
	if (!f) intl.set(key, (f = new Intl.DateTimeFormat(locale, options)));
	const list = f.formatToParts(new Date(ms));
	return (type: string) => list.find((p) => p.type === type)?.value ?? '';
}

const reference = {
	offset(ms: number, timeZone: string): number {
		const get = (type: string) =>
			Number(
				parts(
					'en-US',
					{
						timeZone,
						hourCycle: 'h23',
						year: 'numeric',
						month: '2-digit',
						day: '2-digit',
						hour: '2-digit',
						minute: '2-digit',
						second: '2-digit'
					},
					ms
				)(type)
			);
		const wall = Date.UTC(
			get('year'),
			get('month') - 1,
			get('day'),
			get('hour'),
			get('minute'),
			get('second')
		);
		return wall - Math.floor(ms / 1000) * 1000;
	},
	formatInstant(ms: number, timeZone: string): string {
		const get = parts(
			'zh-CN',
			{
				timeZone,
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				hour12: false
			},
			ms
		);
		return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
	},
	date(ms: number, timeZone: string): string {
		const get = parts('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }, ms);
		return `${get('year')}-${get('month')}-${get('day')}`;
	},
	time(ms: number, timeZone: string): string {
		const get = parts(
			'en-GB',
			{ timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
			ms
		);
		return `${get('hour')}:${get('minute')}`;
	},
	zonedToInstant(date: string, time: string, timeZone: string): string {
		const [y, mo, d] = date.split('-').map(Number);
		const [h, mi] = time.split(':').map(Number);
		const guess = Date.UTC(y, mo - 1, d, h, mi);
		const first = guess - reference.offset(guess, timeZone);
		return new Date(guess - reference.offset(first, timeZone)).toISOString();
	}
};

const changes = new Map<string, number[]>();

/** Instants where the zone's offset changes during 2026, to the second. */
function transitions(timeZone: string): number[] {
	const known = changes.get(timeZone);
	if (known) return known;
	const out: number[] = [];
	const step = 6 * HOUR;
	for (let t = YEAR_FROM; t < YEAR_TO; t += step) {
		if (reference.offset(t, timeZone) === reference.offset(t + step, timeZone)) continue;
		let [lo, hi] = [t, t + step];
		while (hi - lo > 1000) {
			const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
			if (reference.offset(mid, timeZone) === reference.offset(t, timeZone)) lo = mid;
			else hi = mid;
		}
		out.push(hi);
	}
	changes.set(timeZone, out);
	return out;
}

/** A year of instants at odd minutes and seconds, and every minute around each change. */
function instants(timeZone: string): number[] {
	const out: number[] = [];
	for (let t = YEAR_FROM; t < YEAR_TO; t += 7 * HOUR + 13 * MINUTE + 17_123) out.push(t);
	for (const at of transitions(timeZone)) {
		for (let t = at - 2 * HOUR; t <= at + 2 * HOUR; t += MINUTE) out.push(t);
		out.push(at - 1, at + 1, at - 1000, at + 999);
	}
	return out;
}

function expectSameAsIntl(list: number[], timeZone: string) {
	const got = list.map((ms) => {
		const iso = new Date(ms).toISOString();
		return [
			formatInstant(iso, timeZone),
			instantToZonedDate(iso, timeZone),
			instantToZonedTime(iso, timeZone)
		].join(' | ');
	});
	const want = list.map((ms) =>
		[
			reference.formatInstant(ms, timeZone),
			reference.date(ms, timeZone),
			reference.time(ms, timeZone)
		].join(' | ')
	);
	expect(got).toEqual(want);
}

describe('zoned time against Intl', () => {
	it('finds the changes the zones have in 2026', () => {
		expect(transitions('Asia/Shanghai')).toEqual([]);
		expect(transitions('Asia/Kolkata')).toEqual([]);
		expect(transitions('Asia/Kathmandu')).toEqual([]);
		expect(transitions('America/New_York').map((t) => new Date(t).toISOString())).toEqual([
			'2026-03-08T07:00:00.000Z',
			'2026-11-01T06:00:00.000Z'
		]);
		expect(transitions('Australia/Lord_Howe').map((t) => new Date(t).toISOString())).toEqual([
			'2026-04-04T15:00:00.000Z',
			'2026-10-03T15:30:00.000Z'
		]);
	});

	for (const zone of ZONES) {
		it(`formats instants across a year in ${zone} as Intl does`, () => {
			expectSameAsIntl(instants(zone), zone);
		});

		it(`turns wall times in ${zone} into the instants the Intl offsets give`, () => {
			const dates: string[] = [];
			for (let t = YEAR_FROM; t < YEAR_TO; t += 24 * HOUR)
				dates.push(new Date(t).toISOString().slice(0, 10));
			const changeDays = new Set(transitions(zone).map((t) => reference.date(t, zone)));
			const cases: [string, string][] = [];
			for (const date of dates) {
				const times = changeDays.has(date)
					? Array.from({ length: 96 }, (_, i) => `${pad(Math.floor(i / 4))}:${pad((i % 4) * 15)}`)
					: ['00:00', '08:30', '12:45', '23:59'];
				for (const time of times) cases.push([date, time]);
			}
			expect(cases.map(([d, t]) => zonedToInstant(d, t, zone))).toEqual(
				cases.map(([d, t]) => reference.zonedToInstant(d, t, zone))
			);
		});
	}

	it('shows the skipped and the repeated New York hour as Intl does', () => {
		const ny = 'America/New_York';
		expect(formatInstant('2026-03-08T06:59:00.000Z', ny)).toBe('2026-03-08 01:59');
		expect(formatInstant('2026-03-08T07:00:00.000Z', ny)).toBe('2026-03-08 03:00');
		expect(instantToZonedTime('2026-11-01T05:30:00.000Z', ny)).toBe('01:30');
		expect(instantToZonedTime('2026-11-01T06:30:00.000Z', ny)).toBe('01:30');
		// A wall time that never happened lands an hour early; a repeated one on its first run.
		expect(zonedToInstant('2026-03-08', '02:30', ny)).toBe('2026-03-08T06:30:00.000Z');
		expect(zonedToInstant('2026-11-01', '01:30', ny)).toBe('2026-11-01T05:30:00.000Z');
		expect(formatInstant('2026-10-03T15:45:00.000Z', 'Australia/Lord_Howe')).toBe(
			'2026-10-04 02:45'
		);
	});

	it('stays right through a change off the quarter hour, and far from today', () => {
		// Shanghai left local mean time (+8:05:43) at 1900-12-31T15:54:17Z.
		const at = Date.UTC(1900, 11, 31, 15, 54, 17);
		const near: number[] = [];
		for (let t = at - 20 * MINUTE; t < at + 20 * MINUTE; t += 10_000) near.push(t);
		expectSameAsIntl(near, 'Asia/Shanghai');
		expectSameAsIntl([Date.UTC(1850, 5, 1, 3, 7), Date.UTC(9500, 5, 1, 3, 7)], 'Asia/Shanghai');
		expect(zonedToInstant('1900-12-31', '23:58', 'Asia/Shanghai')).toBe(
			reference.zonedToInstant('1900-12-31', '23:58', 'Asia/Shanghai')
		);
	});

	it('keeps agreeing once the offset cache has been cleared', () => {
		// Every quarter hour of the year: more buckets than the cache holds.
		const all: number[] = [];
		for (let t = YEAR_FROM + 7 * MINUTE; t < YEAR_TO; t += 15 * MINUTE) all.push(t);
		expectSameAsIntl(all, 'America/New_York');
	});

	it('fails on an invalid instant, zone or wall time as Intl does', () => {
		expect(() => formatInstant('not a date')).toThrow(RangeError);
		expect(() => instantToZonedDate('not a date', 'Asia/Shanghai')).toThrow(RangeError);
		expect(() => instantToZonedTime('2026-01-01T00:00:00Z', 'Mars/Olympus')).toThrow(RangeError);
		expect(() => zonedToInstant('2026-13-45', 'xx', 'Asia/Shanghai')).toThrow(RangeError);
		expect(formatInstant(null)).toBe('—');
		expect(formatInstant('')).toBe('—');
	});
});

function pad(n: number): string {
	return String(n).padStart(2, '0');
}
