import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { newDutyPeriod } from '../testing/duty-fixtures';
import { newUser } from '../testing/fixtures';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import { getMeetingDetail } from './meetings.query';

describeEachDialect('meeting conflict warnings', ({ db }) => {
	it('warns the planner about a participant on a published duty shift, and not about a draft one', async () => {
		const planner = await newUser(db(), { roles: ['office'] });
		const onDuty = await newUser(db(), { name: '值班的人' });
		const other = await newUser(db(), { name: '草稿里的人' });
		// 10:00–11:00 Beijing time on 1 October, inside the 08:30–17:30 day shift.
		const id = await newMeeting(db(), {
			createdBy: planner.id,
			startsAt: '2026-10-01T02:00:00.000Z',
			endsAt: '2026-10-01T03:00:00.000Z'
		});
		await addParticipant(db(), id, onDuty.id);
		await addParticipant(db(), id, other.id);
		const published = await newDutyPeriod(db(), {
			createdBy: planner.id,
			name: '国庆节值班',
			dates: ['2026-10-01'],
			assign: [{ date: '2026-10-01', shift: 0, role: 'officer', userId: onDuty.id }]
		});
		await newDutyPeriod(db(), {
			createdBy: planner.id,
			status: 'draft',
			name: '草稿值班',
			dates: ['2026-10-01'],
			assign: [{ date: '2026-10-01', shift: 0, role: 'officer', userId: other.id }]
		});
		const detail = await getMeetingDetail(db(), planner.actor, id);
		expect(detail.conflicts).toEqual([
			{
				userName: '值班的人',
				href: `/duty/${published.periodId}`,
				title: '值班（国庆节值班）',
				startsAt: '2026-10-01T00:30:00.000Z',
				endsAt: '2026-10-01T09:30:00.000Z'
			}
		]);
		// A participant sees no warnings about colleagues.
		expect((await getMeetingDetail(db(), onDuty.actor, id)).conflicts).toEqual([]);
	});
});
