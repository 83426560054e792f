import { isWorkingDay, addDays, type HolidayCalendar } from '$lib/domain/working-days';
import { zonedToInstant } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { setPrincipalLeader } from '../approval/rules.service';
import type { DB } from '../db';
import { loadHolidayCalendar } from '../holidays/holidays.service';
import type { LeaveRequestInput } from '../leave/requests.schema';
import { decideLeave, reportReturn, submitLeave, withdrawLeave } from '../leave/requests.service';
import { getDepartments, updateDepartment } from '../org/departments.service';
import { listAllPeople } from '../org/users.service';
import { getSettings, officeDate } from '../settings/settings.service';
import * as clock from '../clock';

// Demo leave (请假): 王建国 (局长) is the principal leader, each department has its 分管领导, and
// a few people's requests sit in each state — waiting for the 局长, waiting for a head, approved
// ahead, on leave today, back early, back on time, sent back, withdrawn. Made through the leave
// service at past times, telling nobody now. 谭敏 (人事科) is left without leave for the journeys.

/** 分管领导 of each department (局领导's own leave goes to the principal leader anyway). */
const RESPONSIBLE: Record<string, string> = {
	局领导: '王建国',
	办公室: '陈志强',
	政策法规科: '欧阳晓东',
	人事科: '刘卫东',
	财务审计科: '赵丽华',
	规划科: '陈志强',
	监督管理科: '欧阳晓东',
	监察室: '孙立群',
	信息中心: '刘卫东',
	综合执法支队: '赵丽华'
};

export async function loadDemoLeave(trx: DB, actor: Actor): Promise<number> {
	const people = (await listAllPeople(trx)).filter((p) => p.isActive);
	const byName = (name: string) => {
		const p = people.find((x) => x.name === name);
		if (!p) throw new Error(`demo person ${name} missing`);
		return p;
	};
	const as = (name: string): Actor => {
		const p = byName(name);
		return { id: p.id, name: p.name, roles: p.roles, ip: actor.ip };
	};

	await setPrincipalLeader(trx, actor, { principalLeaderId: byName('王建国').id });
	for (const d of await getDepartments(trx)) {
		const leader = RESPONSIBLE[d.name];
		if (!leader) continue;
		await updateDepartment(trx, actor, d.id, {
			name: d.name,
			parentId: d.parentId,
			kind: d.kind,
			sortOrder: d.sortOrder,
			leaderId: byName(leader).id
		});
	}

	const { timeZone } = await getSettings(trx);
	const today = await officeDate(trx, clock.nowIso());
	const cal: HolidayCalendar = await loadHolidayCalendar(
		trx,
		addDays(today, -60),
		addDays(today, 60)
	);
	/** The n-th working day from today (0: today if it is one, else the next). */
	const wd = (n: number): string => {
		let d = today;
		while (!isWorkingDay(d, cal)) d = addDays(d, 1);
		const step = n < 0 ? -1 : 1;
		for (let left = Math.abs(n); left > 0;) {
			d = addDays(d, step);
			if (isWorkingDay(d, cal)) left--;
		}
		return d;
	};
	/** 09:30 of that day in the office's zone, as an option for the services. */
	const on = (date: string, time = '09:30') => ({
		at: new Date(zonedToInstant(date, time, timeZone)),
		notify: false
	});
	const ask = (o: Partial<LeaveRequestInput> & { startDate: string; endDate: string }) => ({
		type: 'annual' as const,
		startHalf: 'am' as const,
		endHalf: 'pm' as const,
		reason: '处理家庭事务',
		destination: '本市',
		contact: '',
		coverId: null,
		...o
	});
	const approve = async (id: number, names: string[], date: string) => {
		for (const n of names)
			await decideLeave(
				trx,
				as(n),
				id,
				{ decision: 'approve', comment: '同意' },
				on(date, '15:00')
			);
	};
	let made = 0;

	// 宋佳慧 (信息中心): 5 days of 年休假 next weeks, approved by 金振华 and 刘卫东, waiting for 王建国.
	{
		const id = await submitLeave(
			trx,
			as('宋佳慧'),
			ask({ startDate: wd(8), endDate: wd(12), reason: '回老家探望父母', destination: '四川成都' }),
			on(wd(-2))
		);
		await approve(id, ['金振华', '刘卫东'], wd(-1));
		made++;
	}
	// 洪少东 (政策法规科): a day of 事假, waiting for 胡国平.
	await submitLeave(
		trx,
		as('洪少东'),
		ask({ type: 'personal', startDate: wd(3), endDate: wd(3), reason: '办理房屋过户手续' }),
		on(wd(-1))
	);
	made++;
	// 杨帆 (人事科): 2 days of 年休假 next week, approved.
	{
		const id = await submitLeave(
			trx,
			as('杨帆'),
			ask({ startDate: wd(5), endDate: wd(6), reason: '陪同家人就医', coverId: byName('李静').id }),
			on(wd(-3))
		);
		await approve(id, ['黄淑芬', '刘卫东'], wd(-2));
		made++;
	}
	// 张伟 (综合执法支队): on 年休假 from today (or the next working day) for two days.
	{
		const id = await submitLeave(
			trx,
			as('张伟'),
			ask({ startDate: wd(0), endDate: wd(1), destination: '浙江杭州' }),
			on(wd(-4))
		);
		await approve(id, ['鲁大勇', '赵丽华'], wd(-3));
		made++;
	}
	// 田园 (财务审计科): 3 days of 年休假 two weeks ago, back a day early (销假 gives it back).
	{
		const id = await submitLeave(
			trx,
			as('田园'),
			ask({ startDate: wd(-10), endDate: wd(-8), reason: '外出旅游' }),
			on(wd(-14))
		);
		await approve(id, ['钱伟民', '赵丽华'], wd(-13));
		await reportReturn(trx, as('田园'), id, { returnDate: wd(-8), returnHalf: 'am' }, on(wd(-8)));
		made++;
	}
	// 蔡文华 (监察室): a day of 病假 last week, back on time.
	{
		const id = await submitLeave(
			trx,
			as('蔡文华'),
			ask({ type: 'sick', startDate: wd(-6), endDate: wd(-6), reason: '感冒发烧' }),
			on(wd(-6), '08:10')
		);
		await approve(id, ['程立新'], wd(-6));
		await reportReturn(trx, as('蔡文华'), id, { returnDate: wd(-5), returnHalf: 'am' }, on(wd(-5)));
		made++;
	}
	// 韩冰 (规划科): 2 days of 事假 sent back by 徐海涛.
	{
		const id = await submitLeave(
			trx,
			as('韩冰'),
			ask({ type: 'personal', startDate: wd(4), endDate: wd(5), reason: '参加同学婚礼' }),
			on(wd(-2))
		);
		await decideLeave(
			trx,
			as('徐海涛'),
			id,
			{ decision: 'send_back', comment: '当周有规划评审会，请调整时间后再申请。' },
			on(wd(-1))
		);
		made++;
	}
	// 朱小琳 (监督管理科): a half day of 年休假, withdrawn.
	{
		const id = await submitLeave(
			trx,
			as('朱小琳'),
			ask({ startDate: wd(2), startHalf: 'pm', endDate: wd(2), reason: '孩子家长会' }),
			on(wd(-1))
		);
		await withdrawLeave(trx, as('朱小琳'), id, on(wd(-1), '16:00'));
		made++;
	}
	return made;
}
