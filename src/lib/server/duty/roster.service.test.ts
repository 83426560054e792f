import { expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { DAY_AND_NIGHT, newDutyPeriod } from '../testing/duty-fixtures';
import { auditCount } from '../testing/fixtures';
import { dutyBureau, rosterSnapshot } from './duty.test-helpers';
import { createPeriod, useDayAndNightShifts } from './periods.service';
import { assignSlot, generatePeriodRoster, publishPeriod } from './roster.service';
import { addUnavailability, addExemption } from './pools.service';
import { getRoster, slotCandidates } from './roster.query';
import { listAssignments } from './roster.repository';
import { listPeriods } from './periods.query';

const OCT = { source: 'range' as const, startDate: '2026-10-01', endDate: '2026-10-07' };

describeEachDialect('duty roster generation and publishing', ({ db }) => {
	it('fills every slot fairly and never with someone unavailable or exempt', async () => {
		const { office, officers } = await dutyBureau(db(), { leaders: 3, officers: 8 });
		const id = await createPeriod(db(), office.actor, OCT);
		await useDayAndNightShifts(db(), office.actor, id);
		await addUnavailability(db(), office.actor, {
			userId: officers[0].id,
			startDate: '2026-09-30',
			endDate: '2026-10-08',
			reason: '年休假'
		});
		await addExemption(db(), office.actor, id, { userId: officers[1].id, reason: '孕期' });
		const report = await generatePeriodRoster(db(), office.actor, id);
		const roster = await listAssignments(db(), id);
		expect(roster).toHaveLength(7 * 2 * 2);
		expect(roster.every((a) => a.userId !== null)).toBe(true);
		expect(roster.some((a) => a.userId === officers[0].id || a.userId === officers[1].id)).toBe(
			false
		);
		expect(report.unfilled).toEqual([]);
		// The heaviest slot is a night shift (1.5): nobody carries more than that above anyone else.
		expect(report.spread.officer.period).toBeLessThanOrEqual(1.5);
		expect(report.spread.leader.period).toBeLessThanOrEqual(1.5);
		// Nobody has two shifts that touch: each person's shifts are apart in time.
		const byPerson = new Map<number, typeof roster>();
		for (const a of roster) byPerson.set(a.userId!, [...(byPerson.get(a.userId!) ?? []), a]);
		for (const shifts of byPerson.values()) {
			const sorted = [...shifts].sort((x, y) => x.startsAt.localeCompare(y.startsAt));
			for (let i = 1; i < sorted.length; i++)
				expect(sorted[i].startsAt > sorted[i - 1].endsAt).toBe(true);
		}
		expect((await getRoster(db(), office.actor, id)).report?.spread).toEqual(report.spread);
	});

	it('counts past published periods: last year’s heavy loads go last', async () => {
		const { office, officers, leaders } = await dutyBureau(db(), { leaders: 2, officers: 4 });
		// Last year officers 1 and 2 did five days each; 3 and 4 none.
		await newDutyPeriod(db(), {
			createdBy: office.id,
			dates: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05'],
			shifts: [
				{
					name: '全天',
					startTime: '08:30',
					endTime: '08:30',
					isOvernight: true,
					leaders: 0,
					officers: 2
				}
			],
			assign: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05'].flatMap(
				(date) => [
					{ date, shift: 0, role: 'officer' as const, position: 0, userId: officers[0].id },
					{ date, shift: 0, role: 'officer' as const, position: 1, userId: officers[1].id }
				]
			)
		});
		const id = await createPeriod(db(), office.actor, {
			source: 'range',
			startDate: '2026-10-01',
			endDate: '2026-10-02'
		});
		await generatePeriodRoster(db(), office.actor, id);
		const officerIds = (await listAssignments(db(), id))
			.filter((a) => a.role === 'officer')
			.map((a) => a.userId);
		// Two days, one officer a day: 3 and 4 (or the office person, also unloaded) — never 1 or 2.
		expect(officerIds).not.toContain(officers[0].id);
		expect(officerIds).not.toContain(officers[1].id);
		expect(leaders).toHaveLength(2);
	});

	it('reports every slot a too-small pool cannot fill, and refuses to publish it', async () => {
		const { office } = await dutyBureau(db(), { leaders: 1, officers: 1 });
		const id = await createPeriod(db(), office.actor, {
			source: 'range',
			startDate: '2026-10-01',
			endDate: '2026-10-03'
		});
		const report = await generatePeriodRoster(db(), office.actor, id);
		// One leader for three back-to-back 24-hour shifts: only days 1 and 3 can be filled.
		expect(report.unfilled).toEqual([
			{ date: '2026-10-02', shiftName: '全天', role: 'leader', reason: 'all_busy' }
		]);
		const before = await rosterSnapshot(db(), id);
		await expect(publishPeriod(db(), office.actor, id)).rejects.toMatchObject({
			fields: { _: '还有 1 个岗位未排人，请补齐后再发布' }
		});
		expect(await rosterSnapshot(db(), id)).toEqual(before);
	});

	it('lets the office replace a person by hand, shows loads and conflicts, and keeps the choice on regeneration', async () => {
		const { office, officers } = await dutyBureau(db(), { leaders: 3, officers: 4 });
		const id = await createPeriod(db(), office.actor, OCT);
		await addUnavailability(db(), office.actor, {
			userId: officers[3].id,
			startDate: '2026-10-01',
			endDate: '2026-10-01',
			reason: '病假'
		});
		await generatePeriodRoster(db(), office.actor, id);
		const first = (await listAssignments(db(), id)).find(
			(a) => a.date === '2026-10-01' && a.role === 'officer'
		)!;
		const candidates = await slotCandidates(db(), office.actor, first.id);
		expect(candidates.find((c) => c.id === officers[3].id)?.conflict).toBe('unavailable');
		const free = candidates.find((c) => !c.conflict && c.id !== first.userId)!;
		expect(free.periodLoad).toBeGreaterThanOrEqual(0);
		const before = await rosterSnapshot(db(), id);
		const audits = await auditCount(db());
		await expect(
			assignSlot(db(), office.actor, { assignmentId: first.id, userId: officers[3].id })
		).rejects.toMatchObject({
			fields: { userId: '值班员4 当天请假或不可值班' }
		});
		expect(await rosterSnapshot(db(), id)).toEqual(before);
		expect(await auditCount(db())).toBe(audits);
		await assignSlot(db(), office.actor, { assignmentId: first.id, userId: free.id });
		await generatePeriodRoster(db(), office.actor, id);
		const again = (await listAssignments(db(), id)).find(
			(a) => a.date === '2026-10-01' && a.role === 'officer'
		)!;
		expect(again).toMatchObject({ userId: free.id, isLocked: true });
	});

	it('publishes, tells everyone on the roster, and then changes only with a recorded reason', async () => {
		const { office, officers, leaders } = await dutyBureau(db(), { leaders: 3, officers: 6 });
		const id = await createPeriod(db(), office.actor, OCT);
		await generatePeriodRoster(db(), office.actor, id);
		// Staff do not see a draft at all.
		await expect(getRoster(db(), officers[0].actor, id)).rejects.toThrow(NotFoundError);
		expect((await listPeriods(db(), officers[0].actor)).map((p) => p.id)).toEqual([]);
		await expect(publishPeriod(db(), leaders[0].actor, id)).rejects.toThrow();
		await publishPeriod(db(), office.actor, id);
		const roster = await listAssignments(db(), id);
		const people = new Set(roster.map((a) => a.userId));
		const notices = await db()
			.selectFrom('notifications')
			.select(['user_id', 'title', 'body'])
			.where('kind', '=', 'duty_published')
			.execute();
		expect(new Set(notices.map((n) => n.user_id))).toEqual(people);
		expect(notices[0].title).toBe('「2026-10-01至2026-10-07值班」值班表已发布');
		expect((await listPeriods(db(), officers[0].actor)).map((p) => p.id)).toEqual([id]);
		// Published: no regeneration, and an office edit needs a reason.
		await expect(generatePeriodRoster(db(), office.actor, id)).rejects.toThrow(ValidationError);
		const slot = roster.find((a) => a.role === 'officer' && a.userId !== office.id)!;
		const other = (await slotCandidates(db(), office.actor, slot.id)).find(
			(c) => !c.conflict && c.id !== slot.userId
		)!;
		const before = await rosterSnapshot(db(), id);
		await expect(
			assignSlot(db(), office.actor, { assignmentId: slot.id, userId: other.id })
		).rejects.toMatchObject({
			fields: { reason: '值班表已发布，调整须填写原因' }
		});
		expect(await rosterSnapshot(db(), id)).toEqual(before);
		await assignSlot(db(), office.actor, {
			assignmentId: slot.id,
			userId: other.id,
			reason: '原值班人临时出差'
		});
		const edited = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'duty_roster.office_edit')
			.execute();
		expect(edited).toHaveLength(1);
		const told = await db()
			.selectFrom('notifications')
			.select('user_id')
			.where('kind', '=', 'duty_edit')
			.execute();
		expect(told.map((t) => t.user_id).sort()).toEqual([slot.userId, other.id].sort());
	});

	it('keeps a person on the fixture roster visible to everyone once published', async () => {
		const { office, officers } = await dutyBureau(db(), { leaders: 1, officers: 1 });
		const p = await newDutyPeriod(db(), {
			createdBy: office.id,
			dates: ['2026-05-01'],
			shifts: DAY_AND_NIGHT,
			assign: [{ date: '2026-05-01', shift: 0, role: 'officer', userId: officers[0].id }]
		});
		const roster = await getRoster(db(), officers[0].actor, p.periodId);
		expect(roster.canManage).toBe(false);
		expect(roster.report).toBeNull();
		expect(roster.assignments.filter((a) => a.userId === officers[0].id)).toHaveLength(1);
	});
});
