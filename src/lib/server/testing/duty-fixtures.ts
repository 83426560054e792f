import { defaultDay, shiftInterval } from '$lib/domain/duty-days';
import type { DB } from '../db';
import type { DutyPeriodStatus, DutyRole } from '../db/schema-duty';
import { insertPeriod, insertPeriodDays, insertShift } from '../duty/periods.repository';
import { insertAssignments, listAssignments } from '../duty/roster.repository';
import { insertPoolMembers } from '../duty/pools.repository';
import { nowIso } from '../clock';

export interface FixtureShift {
	name: string;
	startTime: string;
	endTime: string;
	isOvernight: boolean;
	leaders: number;
	officers: number;
	weight?: number;
}

/** Day 08:30–17:30 (weight 1) and night 17:30–08:30 (weight 1.5), 1 leader + 1 officer each. */
export const DAY_AND_NIGHT: FixtureShift[] = [
	{
		name: '白班',
		startTime: '08:30',
		endTime: '17:30',
		isOvernight: false,
		leaders: 1,
		officers: 1
	},
	{
		name: '夜班',
		startTime: '17:30',
		endTime: '08:30',
		isOvernight: true,
		leaders: 1,
		officers: 1,
		weight: 1.5
	}
];

export interface FixturePeriod {
	periodId: number;
	shiftIds: number[];
	/** The assignment id of a slot: date, index into `shifts`, role, position (from 0). */
	slot(date: string, shift: number, role: DutyRole, position?: number): Promise<number>;
}

/**
 * A duty period written straight to the tables (no service, no audit): its days, shifts and an
 * empty slot for every place, with `assign` filled in. Times are Beijing time.
 */
export async function newDutyPeriod(
	db: DB,
	o: {
		createdBy: number;
		dates: string[];
		name?: string;
		status?: DutyPeriodStatus;
		shifts?: FixtureShift[];
		phone?: string;
		assign?: Array<{
			date: string;
			shift: number;
			role: DutyRole;
			position?: number;
			userId: number;
		}>;
		pools?: Partial<Record<DutyRole, number[]>>;
	}
): Promise<FixturePeriod> {
	const now = nowIso();
	const dates = [...o.dates].sort();
	const status = o.status ?? 'published';
	const periodId = await insertPeriod(db, {
		name: o.name ?? `测试值班${dates[0]}`,
		holidayName: '',
		startDate: dates[0],
		endDate: dates[dates.length - 1],
		status,
		phone: o.phone ?? '0571-87000000',
		createdBy: o.createdBy,
		createdAt: now,
		publishedAt: status === 'published' ? now : null
	});
	const days = dates.map(defaultDay);
	await insertPeriodDays(db, periodId, days);
	const shifts = o.shifts ?? DAY_AND_NIGHT;
	const shiftIds: number[] = [];
	for (const [i, s] of shifts.entries()) {
		shiftIds.push(
			await insertShift(db, periodId, {
				name: s.name,
				startTime: s.startTime,
				endTime: s.endTime,
				isOvernight: s.isOvernight,
				leadersNeeded: s.leaders,
				officersNeeded: s.officers,
				weight: s.weight ?? 1,
				sortOrder: i
			})
		);
	}
	const rows = [];
	for (const d of days) {
		for (const [i, s] of shifts.entries()) {
			const t = shiftInterval(
				d.date,
				{ start_time: s.startTime, end_time: s.endTime, is_overnight: s.isOvernight },
				'Asia/Shanghai'
			);
			for (const [role, n] of [
				['leader', s.leaders],
				['officer', s.officers]
			] as const) {
				for (let position = 0; position < n; position++) {
					const who = o.assign?.find(
						(a) =>
							a.date === d.date &&
							a.shift === i &&
							a.role === role &&
							(a.position ?? 0) === position
					);
					rows.push({
						shiftId: shiftIds[i],
						date: d.date,
						role,
						position,
						userId: who?.userId ?? null,
						weight: d.weight * (s.weight ?? 1),
						label: d.label,
						startsAt: t.startsAt,
						endsAt: t.endsAt,
						isLocked: false
					});
				}
			}
		}
	}
	await insertAssignments(db, periodId, rows);
	for (const role of ['leader', 'officer'] as const) {
		const ids = o.pools?.[role] ?? [];
		await insertPoolMembers(db, periodId, role, ids);
	}
	return {
		periodId,
		shiftIds,
		async slot(date, shift, role, position = 0) {
			const a = (await listAssignments(db, periodId)).find(
				(x) =>
					x.shiftId === shiftIds[shift] &&
					x.date === date &&
					x.role === role &&
					x.position === position
			);
			if (!a) throw new Error(`no slot ${date} ${shift} ${role} ${position}`);
			return a.id;
		}
	};
}
