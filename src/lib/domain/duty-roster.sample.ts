/**
 * A realistic, deterministic roster input for benchmarks and tests: an office of `people`, about
 * a tenth of them duty leaders, holiday days spread over a year (元旦, 春节 with 除夕 and 初一,
 * 清明, 劳动节, 端午, 中秋, 国庆, then the next year again), a ledger left by simulating the
 * past years with {@link generateRoster} (people join over the years, so loads differ), some leave
 * and a few exemptions. A seeded PRNG makes the same options give the same input.
 */
import {
	generateRoster,
	type DutyCandidate,
	type DutyRole,
	type DutySlot,
	type LedgerEntry,
	type RosterInput,
	type Unavailability
} from './duty-roster';

export interface SampleRosterOptions {
	people: number;
	days: number;
	/** 1 = a 24-hour shift from 08:30; 2 = 白班 08:30–17:30 and 夜班 17:30–08:30; more = equal parts. */
	shiftsPerDay: number;
	leadersPerShift: number;
	officersPerShift: number;
	pastYears: number;
	seed?: number;
}

/** The holiday days of one year (2026 schedule), with the special days' labels. */
const HOLIDAY_BLOCKS: Array<{ from: string; days: number; labels?: Record<number, string> }> = [
	{ from: '01-01', days: 3 },
	{ from: '02-15', days: 9, labels: { 1: '除夕', 2: '初一' } },
	{ from: '04-04', days: 3 },
	{ from: '05-01', days: 5 },
	{ from: '06-19', days: 3 },
	{ from: '09-25', days: 3 },
	{ from: '10-01', days: 7 }
];
const SPECIAL_DAY_WEIGHT = 3;
const BASE_YEAR = 2026;
const DAY_MS = 86_400_000;
// Asia/Shanghai has had no daylight saving since 1991: wall time is UTC+8 all year.
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文海燕鹏飞';

/** mulberry32: small, fast and good enough for sample data. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function dateMs(date: string): number {
	return Date.parse(date + 'T00:00:00Z');
}

function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** `count` holiday days from `year` on, each with its label (null on ordinary days). */
function holidayDays(year: number, count: number): Array<{ date: string; label: string | null }> {
	const out: Array<{ date: string; label: string | null }> = [];
	for (let y = year; out.length < count; y++) {
		for (const block of HOLIDAY_BLOCKS) {
			const first = dateMs(`${y}-${block.from}`);
			for (let i = 0; i < block.days && out.length < count; i++) {
				out.push({ date: isoDate(first + i * DAY_MS), label: block.labels?.[i] ?? null });
			}
		}
	}
	return out;
}

/** The shifts of a day: minutes after 08:30 local, length in minutes, and weight. */
function shiftPattern(
	n: number
): Array<{ id: string; offset: number; length: number; weight: number }> {
	if (n <= 1) return [{ id: 'full', offset: 0, length: 24 * 60, weight: 2.5 }];
	if (n === 2) {
		return [
			{ id: 'day', offset: 0, length: 9 * 60, weight: 1 },
			{ id: 'night', offset: 9 * 60, length: 15 * 60, weight: 1.5 }
		];
	}
	const length = (24 * 60) / n;
	return Array.from({ length: n }, (_, i) => ({
		id: `s${i + 1}`,
		offset: i * length,
		length,
		weight: i === 0 ? 1 : 1.5
	}));
}

function buildSlots(
	year: number,
	opts: SampleRosterOptions
): { slots: DutySlot[]; dates: string[] } {
	const slots: DutySlot[] = [];
	const days = holidayDays(year, opts.days);
	const pattern = shiftPattern(opts.shiftsPerDay);
	const perRole: Array<[DutyRole, number]> = [
		['leader', opts.leadersPerShift],
		['officer', opts.officersPerShift]
	];
	for (const { date, label } of days) {
		const dayStart = dateMs(date) + (8 * 60 + 30) * 60_000 - BEIJING_OFFSET_MS;
		const dayWeight = label ? SPECIAL_DAY_WEIGHT : 1;
		for (const shift of pattern) {
			const shiftKey = `${shift.id}:${date}`;
			const start = dayStart + shift.offset * 60_000;
			for (const [role, count] of perRole) {
				for (let position = 1; position <= count; position++) {
					slots.push({
						key: `${shiftKey}:${role}:${position}`,
						shiftKey,
						date,
						startsAt: new Date(start).toISOString(),
						endsAt: new Date(start + shift.length * 60_000).toISOString(),
						role,
						weight: dayWeight * shift.weight,
						label
					});
				}
			}
		}
	}
	return { slots, dates: days.map((d) => d.date) };
}

/** Builds the input described in the module comment; same options → same input. */
export function sampleRosterInput(opts: SampleRosterOptions): RosterInput {
	const random = prng(opts.seed ?? 20261001);
	const pick = <T>(list: ArrayLike<T>): T => list[Math.floor(random() * list.length)];

	const leaderCount = Math.max(1, Math.round(opts.people / 10));
	const leaders: DutyCandidate[] = [];
	const officers: DutyCandidate[] = [];
	// Years since joining: most have been here all along, some joined during the past years.
	const joined = new Map<number, number>();
	for (let i = 0; i < opts.people; i++) {
		const id = 1000 + i;
		const name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
		if (i < leaderCount) leaders.push({ id, precedence: i + 1, name });
		else officers.push({ id, precedence: 100 + i, name });
		joined.set(id, random() < 0.7 ? opts.pastYears : Math.floor(random() * opts.pastYears));
	}

	// Simulate the past years in order, each starting from the ledger the previous one left.
	let ledger = new Map<number, LedgerEntry>();
	for (let ago = opts.pastYears; ago >= 1; ago--) {
		const { slots } = buildSlots(BASE_YEAR - ago, opts);
		const present = (c: DutyCandidate) => (joined.get(c.id) ?? 0) >= ago;
		const exempt = new Set<number>();
		for (const c of officers) if (random() < 0.03) exempt.add(c.id);
		const result = generateRoster({
			slots,
			pools: { leader: leaders.filter(present), officer: officers.filter(present) },
			ledger,
			unavailable: [],
			exempt
		});
		const next = new Map<number, LedgerEntry>();
		for (const [id, e] of ledger) next.set(id, { ...e, labels: { ...e.labels } });
		result.assignments.forEach(({ userId }, i) => {
			if (userId === null) return;
			const slot = slots[i];
			const e = next.get(userId) ?? { load: 0, lastServed: null, labels: {} };
			e.load += slot.weight;
			if (e.lastServed === null || slot.date > e.lastServed) e.lastServed = slot.date;
			if (slot.label) e.labels[slot.label] = (e.labels[slot.label] ?? 0) + 1;
			next.set(userId, e);
		});
		ledger = next;
	}

	const { slots, dates } = buildSlots(BASE_YEAR, opts);
	// The principal leader leads the 除夕 night in person: a locked slot.
	const eveNight = slots.find((s) => s.label === '除夕' && s.role === 'leader' && s.weight > 3);
	if (eveNight && leaders.length > 0) eveNight.fixedUserId = leaders[0].id;

	// About one in twenty has leave of one to five days inside the period.
	const unavailable: Unavailability[] = [];
	const reasons = ['年休假', '病假', '事假', '外出'];
	for (const c of [...leaders, ...officers]) {
		if (dates.length === 0 || random() >= 0.05) continue;
		const from = pick(dates);
		unavailable.push({
			userId: c.id,
			startDate: from,
			endDate: isoDate(dateMs(from) + Math.floor(random() * 5) * DAY_MS),
			reason: pick(reasons)
		});
	}

	const exempt = new Set<number>();
	for (const c of officers) if (random() < 0.02) exempt.add(c.id);

	return { slots, pools: { leader: leaders, officer: officers }, ledger, unavailable, exempt };
}
