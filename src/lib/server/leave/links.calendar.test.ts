import { expect, it } from 'vitest';
import { setClock } from '../clock';
import { feedForToken, getOrCreateCalendarToken } from '../meetings/calendar.feed';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { departmentLeaveMonth, leaveCalendarEvents } from './calendar.query';
import { newLeave } from './links.test-helpers';

function unfold(ics: string): string {
	return ics.replace(/\r\n[ \t]/g, '');
}

describeEachDialect('approved leave on calendars', ({ db }) => {
	it('puts one’s own approved leave in the feed as all-day entries, never anyone else’s', async () => {
		setClock('2026-12-01T02:00:00.000Z');
		const me = await newUser(db(), { name: '李明' });
		const other = await newUser(db(), { name: '王芳' });
		const mine = await newLeave(db(), { applicantId: me.id });
		const theirs = await newLeave(db(), { applicantId: other.id, type: 'sick' });
		const pending = await newLeave(db(), {
			applicantId: me.id,
			startDate: '2026-12-21',
			endDate: '2026-12-21',
			status: 'pending'
		});
		const token = await getOrCreateCalendarToken(db(), me.actor);
		const ics = unfold((await feedForToken(db(), token, { origin: 'https://hb.test' }))!);
		expect(ics).toContain(`UID:leave-${mine.id}@huiban`);
		expect(ics).toContain('DTSTART;VALUE=DATE:20261208\r\nDTEND;VALUE=DATE:20261211');
		expect(ics).toContain('SUMMARY:请假：年休假');
		expect(ics).toContain(`URL;VALUE=URI:https://hb.test/leave/${mine.id}`);
		expect(ics).not.toContain(`leave-${theirs.id}@`);
		expect(ics).not.toContain(`leave-${pending.id}@`);
		expect(ics).not.toContain('病假');
	});

	it('puts one’s own leave in the meetings calendar', async () => {
		const me = await newUser(db());
		const other = await newUser(db());
		const mine = await newLeave(db(), { applicantId: me.id, startHalf: 'pm' });
		await newLeave(db(), { applicantId: other.id });
		const events = await leaveCalendarEvents(db(), me.actor, '2026-11-30', '2027-01-11');
		expect(events).toEqual([
			{
				id: `leave-${mine.id}`,
				title: '请假：年休假',
				start: '2026-12-08',
				end: '2026-12-11',
				allDay: true,
				url: `/leave/${mine.id}`,
				className: 'is-leave',
				extendedProps: { kind: 'leave', startHalf: 'pm', endHalf: 'pm' }
			}
		]);
		expect(await leaveCalendarEvents(db(), me.actor, '2026-12-11', '2026-12-20')).toEqual([]);
	});
});

describeEachDialect('department leave calendar', ({ db }) => {
	async function bureau() {
		const office = await newDepartment(db(), { name: '办公室' });
		const finance = await newDepartment(db(), { name: '财务科' });
		const head = await newUser(db(), { roles: ['dept_head'], departmentId: office });
		const otherHead = await newUser(db(), { roles: ['dept_head'], departmentId: finance });
		const staff = await newUser(db(), { name: '李明', departmentId: office });
		const clerk = await newUser(db(), { name: '王芳', departmentId: office });
		const planner = await newUser(db(), { roles: ['office'], departmentId: office });
		const accountant = await newUser(db(), { name: '赵强', departmentId: finance });
		return { office, finance, head, otherHead, staff, clerk, planner, accountant };
	}

	it('shows the department head their own department, people × days, half days marked', async () => {
		const b = await bureau();
		const leave = await newLeave(db(), {
			applicantId: b.staff.id,
			departmentId: b.office,
			startHalf: 'pm'
		});
		await newLeave(db(), {
			applicantId: b.accountant.id,
			departmentId: b.finance,
			type: 'sick'
		});
		const month = await departmentLeaveMonth(db(), b.head.actor, { month: '2026-12' });
		expect(month.departmentId).toBe(b.office);
		expect(month.departmentName).toBe('办公室');
		expect(month.departments).toEqual([]);
		expect(month.days).toHaveLength(31);
		expect(month.days[5]).toEqual({ date: '2026-12-06', day: 6, off: true });
		expect(month.leaveCount).toBe(1);
		expect(month.types).toEqual(['annual']);
		const row = month.rows.find((r) => r.userId === b.staff.id)!;
		expect(row.cells.slice(6, 11)).toEqual([
			null,
			{ type: 'annual', half: 'pm', leaveId: leave.id },
			{ type: 'annual', half: null, leaveId: leave.id },
			{ type: 'annual', half: null, leaveId: leave.id },
			null
		]);
		// Everyone of the department has a row; nobody of another department.
		expect(month.rows.map((r) => r.name)).toContain('王芳');
		expect(month.rows.map((r) => r.name)).not.toContain('赵强');
		expect(month.prevMonth).toBe('2026-11');
		expect(month.nextMonth).toBe('2027-01');
	});

	it('refuses another department’s head and staff', async () => {
		const b = await bureau();
		await expect(
			departmentLeaveMonth(db(), b.otherHead.actor, { month: '2026-12', departmentId: b.office })
		).rejects.toMatchObject({ name: 'ForbiddenError' });
		await expect(
			departmentLeaveMonth(db(), b.staff.actor, { month: '2026-12' })
		).rejects.toMatchObject({ name: 'ForbiddenError' });
		await expect(
			departmentLeaveMonth(db(), b.staff.actor, { month: '2026-12', departmentId: b.office })
		).rejects.toMatchObject({ name: 'ForbiddenError' });
	});

	it('lets the office pick any department, or all of them', async () => {
		const b = await bureau();
		await newLeave(db(), { applicantId: b.staff.id, departmentId: b.office });
		await newLeave(db(), { applicantId: b.accountant.id, departmentId: b.finance, type: 'sick' });
		const finance = await departmentLeaveMonth(db(), b.planner.actor, {
			month: '2026-12',
			departmentId: b.finance
		});
		expect(finance.rows.map((r) => r.userId).sort((x, y) => x - y)).toEqual([
			b.otherHead.id,
			b.accountant.id
		]);
		expect(finance.departments.map((d) => d.name)).toEqual(['办公室', '财务科']);
		const all = await departmentLeaveMonth(db(), b.planner.actor, { month: '2026-12' });
		expect(all.departmentId).toBeNull();
		expect(all.rows.map((r) => [r.name, r.departmentName])).toEqual([
			['李明', '办公室'],
			['赵强', '财务科']
		]);
		expect(all.types).toEqual(['annual', 'sick']);
	});

	it('shows an empty month, and the current month by default', async () => {
		setClock('2027-03-15T02:00:00.000Z');
		const b = await bureau();
		const month = await departmentLeaveMonth(db(), b.head.actor, {});
		expect(month.month).toBe('2027-03');
		expect(month.leaveCount).toBe(0);
		expect(month.types).toEqual([]);
	});
});
