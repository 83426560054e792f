import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { newMeeting } from '../testing/meeting-fixtures';
import { searchMeetings } from './meetings.query';
import { createMeeting } from './meetings.service';
import { planForm } from './meetings.test-helpers';
import { ValidationError } from '../errors';
import { auditCount } from '../testing/fixtures';

describeEachDialect('meetings given malformed input', ({ db }) => {
	it('matches % and _ literally, and Latin letters in any case', async () => {
		const planner = await newUser(db(), { roles: ['office'] });
		for (const title of ['完成率 100% 通报会', '预算_调整会', '周例会', 'OA 系统培训']) {
			await newMeeting(db(), { createdBy: planner.id, title });
		}
		const found = async (q: string) =>
			(
				await searchMeetings(db(), planner.actor, {
					scope: 'all',
					departmentId: null,
					q,
					page: 1,
					pageSize: 20
				})
			).meetings.map((mt) => mt.title);
		expect(await found('%')).toEqual(['完成率 100% 通报会']);
		expect(await found('_')).toEqual(['预算_调整会']);
		expect(await found('周_会')).toEqual([]);
		expect(await found('oa')).toEqual(['OA 系统培训']);
	});

	it('refuses a logistics owner that names nobody, writing nothing', async () => {
		const planner = await newUser(db(), { roles: ['office'] });
		const attendee = await newUser(db());
		const before = await auditCount(db());
		for (const owner of ['-1', '1.5', '99999999999', '424242']) {
			const form = await planForm(db(), {
				attendeeIds: [attendee.id],
				logisticsItem: ['茶水'],
				logisticsOwner: [owner]
			});
			const e = await createMeeting(db(), planner.actor, form).catch((x) => x);
			expect(e, owner).toBeInstanceOf(ValidationError);
			expect(e.fields._, owner).toBe('所选人员不存在或已停用');
		}
		expect(await auditCount(db())).toBe(before);
		expect(await db().selectFrom('meetings').select('id').execute()).toEqual([]);
	});
});
