import { expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount } from '../testing/fixtures';
import { dutyBureau, rosterSnapshot } from './duty.test-helpers';
import { createPeriod } from './periods.service';
import { assignSlot, generatePeriodRoster, publishPeriod } from './roster.service';
import { getRoster, slotCandidates } from './roster.query';
import { listAssignments } from './roster.repository';

const OCT = { source: 'range' as const, startDate: '2026-10-01', endDate: '2026-10-03' };

describeEachDialect('duty roster hand edits and the roster page', ({ db }) => {
	async function published() {
		const bureau = await dutyBureau(db(), { leaders: 3, officers: 6 });
		const id = await createPeriod(db(), bureau.office.actor, OCT);
		await generatePeriodRoster(db(), bureau.office.actor, id);
		await publishPeriod(db(), bureau.office.actor, id);
		const slot = (await listAssignments(db(), id)).find(
			(a) => a.role === 'officer' && a.userId !== bureau.office.id
		)!;
		return { ...bureau, id, slot };
	}

	it('empties a published slot only when asked to in so many words', async () => {
		const { office, id, slot } = await published();
		const before = await rosterSnapshot(db(), id);
		const audits = await auditCount(db());
		// "未排" with a reason is not a choice to leave the post empty.
		await expect(
			assignSlot(db(), office.actor, { assignmentId: slot.id, userId: '', reason: '临时出差' })
		).rejects.toMatchObject({
			fields: { userId: '请选择接替的值班人员；确需空出此岗位，请勾选“清空此岗位”' }
		});
		// Keeping the same person is no edit (and tells nobody anything).
		await expect(
			assignSlot(db(), office.actor, {
				assignmentId: slot.id,
				userId: String(slot.userId),
				reason: '临时出差'
			})
		).rejects.toMatchObject({ fields: { userId: '所选人员就是现在的值班人员，未作调整' } });
		expect(await rosterSnapshot(db(), id)).toEqual(before);
		expect(await auditCount(db())).toBe(audits);

		await assignSlot(db(), office.actor, {
			assignmentId: slot.id,
			userId: '',
			clear: 'on',
			reason: '临时出差'
		});
		const after = (await listAssignments(db(), id)).find((a) => a.id === slot.id)!;
		expect(after.userId).toBeNull();
		const told = await db()
			.selectFrom('notifications')
			.select('user_id')
			.where('kind', '=', 'duty_edit')
			.execute();
		expect(told.map((t) => t.user_id)).toEqual([slot.userId]);
	});

	it('shows an emptied slot as unfilled in the roster summary', async () => {
		const { office, id, slot } = await published();
		expect((await getRoster(db(), office.actor, id)).report?.unfilled).toEqual([]);
		await assignSlot(db(), office.actor, {
			assignmentId: slot.id,
			userId: '',
			clear: 'on',
			reason: '临时出差'
		});
		const roster = await getRoster(db(), office.actor, id);
		expect(roster.report?.unfilled).toEqual([
			{ date: slot.date, shiftName: '全天', role: 'officer', reason: 'emptied' }
		]);
	});

	it('keeps the generation report from everyone but the office', async () => {
		const { officers, id } = await published();
		const roster = await getRoster(db(), officers[0].actor, id);
		expect(roster.report).toBeNull();
		expect(roster.period.report).toBe('');
		expect(roster.confirm).toBeNull();
	});

	it('tells the office before generating or publishing what it will do', async () => {
		const { office } = await dutyBureau(db(), { leaders: 3, officers: 6 });
		const id = await createPeriod(db(), office.actor, OCT);
		expect((await getRoster(db(), office.actor, id)).confirm).toEqual({
			overwritten: 0,
			locked: 0,
			people: 0
		});
		await generatePeriodRoster(db(), office.actor, id);
		const slots = await listAssignments(db(), id);
		// One slot chosen by hand is kept by the next generation.
		const officer = slots.find((a) => a.role === 'officer')!;
		const other = (await slotCandidates(db(), office.actor, officer.id)).find(
			(c) => !c.conflict && c.id !== officer.userId
		)!;
		await assignSlot(db(), office.actor, { assignmentId: officer.id, userId: other.id });
		const people = new Set(
			(await listAssignments(db(), id)).map((a) => a.userId).filter((u) => u !== null)
		);
		expect((await getRoster(db(), office.actor, id)).confirm).toEqual({
			overwritten: slots.length - 1,
			locked: 1,
			people: people.size
		});
	});

	it('refuses a hand edit of a person who is not in the pool', async () => {
		const { office, id, slot } = await published();
		await expect(
			assignSlot(db(), office.actor, { assignmentId: slot.id, userId: 999_999, reason: 'x' })
		).rejects.toBeInstanceOf(ValidationError);
		expect((await listAssignments(db(), id)).find((a) => a.id === slot.id)?.userId).toBe(
			slot.userId
		);
	});
});
