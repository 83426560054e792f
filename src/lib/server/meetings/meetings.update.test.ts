import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDb } from '../testing/parallel';
import { setLogisticsTask } from './logistics.service';
import { listLogistics } from './meetings.repository';
import { createMeeting, issueNotice, updateMeeting } from './meetings.service';
import { outboxRows, planForm } from './meetings.test-helpers';

describeEachDialect('editing a meeting', (ctx) => {
	const { db } = ctx;

	it('keeps the done flags of 会务准备 tasks that stay', async () => {
		const o = await newUser(db(), { roles: ['office', 'staff'] });
		const a = await newUser(db());
		const keeper = await newUser(db(), { name: '李会务' });
		const form = {
			...(await planForm(db(), { attendeeIds: [a.id] })),
			logisticsItem: ['会场布置', '桌签', '茶水'],
			logisticsOwner: ['', String(keeper.id), '']
		};
		const id = await createMeeting(db(), o.actor, form);
		const tasks = await listLogistics(db(), id);
		for (const t of tasks) await setLogisticsTask(db(), o.actor, id, { taskId: t.id!, done: true });
		await updateMeeting(db(), o.actor, id, {
			...form,
			// 桌签 changes owner, 茶水 goes, 材料 is new: only 会场布置 stays as it was.
			logisticsItem: ['会场布置', '桌签', '材料'],
			logisticsOwner: ['', '', '']
		});
		expect((await listLogistics(db(), id)).map((t) => [t.item, t.isDone])).toEqual([
			['会场布置', true],
			['桌签', false],
			['材料', false]
		]);
	});

	it('sends one change notice when the same edit is saved 20 times at once', async () => {
		const o = await newUser(db(), { roles: ['office', 'staff'] });
		const a = await newUser(db());
		const form = await planForm(db(), { attendeeIds: [a.id] });
		const id = await createMeeting(db(), o.actor, form);
		await issueNotice(db(), o.actor, id);
		const mails = (await outboxRows(db())).length;
		const wide = wideDb(ctx, 20);
		try {
			const { errors } = await inParallel(20, () =>
				updateMeeting(wide.db, o.actor, id, { ...form, startTime: '14:00', endTime: '15:00' })
			);
			expect(onlyUserErrors(errors)).toBe(true);
		} finally {
			await wide.destroy();
		}
		expect((await outboxRows(db())).slice(mails)).toHaveLength(1);
		const row = await db()
			.selectFrom('meetings')
			.select('sequence')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.sequence).toBe(1);
		const audits = await db()
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'meeting.update')
			.execute();
		expect(audits).toHaveLength(1);
		expect(
			await db().selectFrom('notifications').select('id').where('user_id', '=', a.id).execute()
		).toHaveLength(2);
	});
});
