import { expect, it } from 'vitest';
import type { DutyRole } from '../db/schema-duty';
import { describeEachDialect } from '../testing/each-dialect';
import { newDutyPeriod, type FixtureShift } from '../testing/duty-fixtures';
import { dutyBureau, N, parallelHarness } from './duty.test-helpers';
import { createPeriod } from './periods.service';
import { assignSlot, generatePeriodRoster, publishPeriod } from './roster.service';
import { listAssignments } from './roster.repository';

const DATES = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05'];
const FULL_DAY: FixtureShift[] = [
	{ name: '全天', startTime: '08:30', endTime: '08:30', isOvernight: true, leaders: 1, officers: 1 }
];

describeEachDialect('duty roster, 20 identical calls at once', (ctx) => {
	const { burst } = parallelHarness(ctx);
	const db = () => ctx.db();

	/** Five 24-hour days, a leader and an officer a day; filled when `filled`. */
	async function fiveDays(o: { status: 'draft' | 'published'; filled: boolean }) {
		const b = await dutyBureau(db(), { leaders: 3, officers: 6 });
		const assign = o.filled
			? DATES.flatMap((date, i) => [
					{ date, shift: 0, role: 'leader' as DutyRole, userId: b.leaders[i % 3].id },
					{ date, shift: 0, role: 'officer' as DutyRole, userId: b.officers[i].id }
				])
			: [];
		const p = await newDutyPeriod(db(), {
			createdBy: b.office.id,
			dates: DATES,
			status: o.status,
			shifts: FULL_DAY,
			assign,
			pools: { leader: b.leaders.map((u) => u.id), officer: b.officers.map((u) => u.id) }
		});
		return { ...b, p };
	}

	/** Shifts of one person that touch or overlap another of theirs. */
	function backToBack(rows: Awaited<ReturnType<typeof listAssignments>>, userId: number) {
		const mine = rows
			.filter((a) => a.userId === userId)
			.sort((x, y) => x.startsAt.localeCompare(y.startsAt));
		return mine.filter((a, i) => i > 0 && a.startsAt <= mine[i - 1].endsAt).length;
	}

	it('自动排班: no 500; one roster, every slot once, one generation recorded', async () => {
		const b = await dutyBureau(db(), { leaders: 3, officers: 6 });
		const id = await createPeriod(db(), b.office.actor, {
			source: 'range',
			startDate: DATES[0],
			endDate: DATES[4]
		});
		const r = await burst((w) => generatePeriodRoster(w, b.office.actor, id));
		expect(r.ok).toHaveLength(N);
		const rows = await listAssignments(db(), id);
		expect(rows).toHaveLength(DATES.length * 2);
		expect(new Set(rows.map((a) => `${a.date}:${a.role}:${a.position}`)).size).toBe(rows.length);
		expect(rows.every((a) => a.userId !== null)).toBe(true);
		for (const u of [...b.leaders, ...b.officers]) expect(backToBack(rows, u.id)).toBe(0);
		// A loser waited for the winner, generated again on the roster it left, found the same
		// roster and changed nothing: one generation recorded.
		expect(r.audit).toEqual({ 'duty_roster.generate': 1 });
		expect([r.notifications, r.mails]).toEqual([[], 0]);
	});

	it('手工排班, the same person into the same slot: one change recorded', async () => {
		const { office, officers, p } = await fiveDays({ status: 'draft', filled: false });
		const slot = await p.slot(DATES[0], 0, 'officer');
		const r = await burst((w) =>
			assignSlot(w, office.actor, { assignmentId: slot, userId: officers[0].id })
		);
		expect(r.ok).toHaveLength(N);
		expect(r.audit).toEqual({ 'duty_roster.assign': 1 });
	});

	it('手工排班 into five 24-hour slots at once: never two in a row', async () => {
		const { office, officers, p } = await fiveDays({ status: 'draft', filled: false });
		const slots = await Promise.all(DATES.map((d) => p.slot(d, 0, 'officer')));
		const who = officers[0];
		const r = await burst((w, i) =>
			assignSlot(w, office.actor, { assignmentId: slots[i % slots.length], userId: who.id })
		);
		const rows = await listAssignments(db(), p.periodId);
		const held = rows.filter((a) => a.userId === who.id).length;
		expect(backToBack(rows, who.id)).toBe(0);
		expect(held).toBeGreaterThanOrEqual(2);
		expect(held).toBeLessThanOrEqual(3);
		expect(new Set(r.messages)).toEqual(new Set([`${who.name} 前后班次相连，不能连续值班`]));
		expect(r.audit).toEqual({ 'duty_roster.assign': held });
	});

	it('手工排班 in two adjacent periods at once: never back to back across them', async () => {
		const b = await dutyBureau(db(), { leaders: 1, officers: 3 });
		const who = b.officers[0];
		const period = (dates: string[]) =>
			newDutyPeriod(db(), {
				createdBy: b.office.id,
				dates,
				status: 'draft',
				shifts: FULL_DAY,
				pools: { officer: b.officers.map((u) => u.id) }
			});
		const first = await period(DATES.slice(0, 2));
		const second = await period(DATES.slice(2));
		// 10-02 08:30 to 10-03 08:30, then 10-03 08:30 on: the two periods meet here.
		const last = await first.slot(DATES[1], 0, 'officer');
		const next = await second.slot(DATES[2], 0, 'officer');
		const r = await burst((w, i) =>
			assignSlot(w, b.office.actor, { assignmentId: i % 2 ? next : last, userId: who.id })
		);
		const held = [
			...(await listAssignments(db(), first.periodId)),
			...(await listAssignments(db(), second.periodId))
		].filter((a) => a.userId === who.id);
		expect(held).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set([`${who.name} 前后班次相连，不能连续值班`]));
		expect(r.audit).toEqual({ 'duty_roster.assign': 1 });
	});

	it('办公室调整 on a published roster: each person told once, one change recorded', async () => {
		const { office, officers, p } = await fiveDays({ status: 'published', filled: true });
		const slot = await p.slot(DATES[0], 0, 'officer');
		const r = await burst((w) =>
			assignSlot(w, office.actor, { assignmentId: slot, userId: officers[5].id, reason: '出差' })
		);
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set(['所选人员就是现在的值班人员，未作调整']));
		expect(r.audit).toEqual({ 'duty_roster.office_edit': 1 });
		expect(r.notifications).toEqual(
			[`${officers[0].id}:duty_edit`, `${officers[5].id}:duty_edit`].sort()
		);
		expect(r.mails).toBe(0);
	});

	it('发布值班表: published once, each person told once', async () => {
		const { office, leaders, officers, p } = await fiveDays({ status: 'draft', filled: true });
		const r = await burst((w) => publishPeriod(w, office.actor, p.periodId));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set(['值班表已发布，只能通过调班或办公室调整变更']));
		const people = [...leaders, ...officers.slice(0, 5)].map((u) => `${u.id}:duty_published`);
		expect(r.notifications).toEqual(people.sort());
		expect(r.audit).toEqual({ 'duty_period.publish': 1 });
		expect(r.mails).toBe(0);
	});
});
