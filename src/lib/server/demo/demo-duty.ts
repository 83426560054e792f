import { instantToZonedDate, instantToZonedTime } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { acknowledgeHandover, addLogEntry, writeHandover } from '../duty/log.service';
import { getRoster } from '../duty/roster.query';
import { findPersonById } from '../org/users.service';
import {
	createPeriod,
	holidayChoices,
	saveShift,
	useDayAndNightShifts
} from '../duty/periods.service';
import { generatePeriodRoster, publishPeriod } from '../duty/roster.service';
import { nowIso } from '../clock';

const TZ = 'Asia/Shanghai';

/** Calls and visits a duty officer typically logs; the handling is what a real log says. */
const CALLS = [
	{
		kind: 'call',
		caller: '李先生',
		unit: '市民',
		phone: '13805710001',
		matter: '咨询节日期间办事大厅是否开放',
		handling: '告知节后第一个工作日恢复办理，急事可拨打值班电话'
	},
	{
		kind: 'call',
		caller: '王科长',
		unit: '市政府办公厅',
		phone: '0571-87051234',
		matter: '了解我局节日值班安排',
		handling: '已报送值班表，带班领导电话畅通'
	},
	{
		kind: 'visit',
		caller: '张女士',
		unit: '某小区业主',
		phone: '13905710002',
		matter: '反映小区施工噪音',
		handling: '已登记，转综合执法支队节后核查并答复'
	},
	{
		kind: 'incident',
		caller: '综合执法支队',
		unit: '本局',
		phone: '0571-87009999',
		matter: '辖区一处广告牌被大风吹落，无人员受伤',
		handling: '执法人员到场处置，已拉设警戒线',
		reportedTo: '市政府总值班室'
	}
] as const;

/**
 * Last year's 春节 (day and night shifts) and 国庆节 (24-hour shifts) rosters, published, with
 * calls, an incident and acknowledged handovers in their logs: the ledger every new roster
 * starts from. Plus next 元旦 as a draft for the office to generate.
 */
export async function loadDemoDuty(trx: DB, office: Actor): Promise<number> {
	const thisYear = Number(instantToZonedDate(nowIso(), TZ).slice(0, 4));
	const year = await lastCoveredYear(trx, office, thisYear - 1);
	const spring = await createPeriod(trx, office, {
		source: 'holiday',
		year,
		holidayName: '春节',
		phone: '0571-87001234'
	});
	await useDayAndNightShifts(trx, office, spring);
	const national = await createPeriod(trx, office, {
		source: 'holiday',
		year,
		holidayName: '国庆节',
		phone: '0571-87001234'
	});
	for (const id of [spring, national]) {
		await generatePeriodRoster(trx, office, id);
		await publishPeriod(trx, office, id);
		await demoLog(trx, office, id);
	}
	const next = await createPeriod(trx, office, {
		source: 'range',
		startDate: `${thisYear + 1}-01-01`,
		endDate: `${thisYear + 1}-01-03`,
		name: `${thisYear + 1}年元旦值班`,
		phone: '0571-87001234'
	});
	await saveShift(trx, office, next, {
		name: '白班',
		startTime: '08:30',
		endTime: '17:30',
		isOvernight: false,
		leadersNeeded: 1,
		officersNeeded: 2,
		weight: 1
	});
	return 3;
}

/**
 * `year`, or the latest year before it whose schedule has both 春节 and 国庆节: the seeded
 * schedule (migration 0002) ends with the year the holiday package was built.
 */
async function lastCoveredYear(trx: DB, office: Actor, year: number): Promise<number> {
	for (let y = year; y > year - 10; y--) {
		const names = (await holidayChoices(trx, office, y)).map((h) => h.name);
		if (names.includes('春节') && names.includes('国庆节')) return y;
	}
	return year;
}

async function actorOf(trx: DB, userId: number): Promise<Actor> {
	const u = await findPersonById(trx, userId);
	if (!u) throw new Error(`demo: no person ${userId}`);
	return { id: u.id, name: u.name, roles: u.roles, ip: '127.0.0.1' } as Actor;
}

/** Two or three log entries on the first shifts, each handed over and acknowledged. */
async function demoLog(trx: DB, office: Actor, periodId: number): Promise<void> {
	const all = (await getRoster(trx, office, periodId)).assignments.filter(
		(a) => a.role === 'officer' && a.userId
	);
	const instances = [...new Map(all.map((a) => [`${a.shiftId}:${a.date}`, a])).values()].slice(
		0,
		4
	);
	for (const [i, a] of instances.entries()) {
		const officer = await actorOf(trx, a.userId!);
		const at = new Date(Date.parse(a.startsAt) + (2 + i) * 3600_000).toISOString();
		const c = CALLS[i % CALLS.length];
		await addLogEntry(trx, officer, {
			periodId,
			shiftId: a.shiftId,
			date: a.date,
			kind: c.kind,
			occurredDate: instantToZonedDate(at, TZ),
			occurredTime: instantToZonedTime(at, TZ),
			caller: c.caller,
			unit: c.unit,
			phone: c.phone,
			matter: c.matter,
			handling: c.handling,
			...(c.kind === 'incident'
				? {
						reportedDate: instantToZonedDate(at, TZ),
						reportedTime: instantToZonedTime(
							new Date(Date.parse(at) + 20 * 60_000).toISOString(),
							TZ
						),
						reportedTo: c.reportedTo
					}
				: {})
		});
		const next = instances[i + 1];
		if (!next) continue;
		await writeHandover(trx, officer, {
			periodId,
			shiftId: a.shiftId,
			date: a.date,
			note: `${c.matter}，${c.handling}。值班电话、传真机、电脑运行正常。`
		});
		await acknowledgeHandover(trx, await actorOf(trx, next.userId!), {
			shiftId: a.shiftId,
			date: a.date
		});
	}
}
