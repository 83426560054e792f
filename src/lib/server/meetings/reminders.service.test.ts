import { dayFromNow } from '../testing/dates';
import { expect, it } from 'vitest';
import { zonedToInstant } from '$lib/domain/zoned-time';
import { connectPostgres, connectSqlite } from '../db/connect';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { createMeeting, issueNotice } from './meetings.service';
import { outboxRows, planForm } from './meetings.test-helpers';
import { remindPendingReplies } from './reminders.service';
import { replyToMeeting } from './replies.service';

describeEachDialect('automatic reply reminders', ({ db, url, dialect }) => {
	it('reminds those who have not replied once, a day before the deadline, across two processes', async () => {
		const o = await newUser(db(), { roles: ['office'] });
		const a = await newUser(db(), { name: '甲' });
		const b = await newUser(db(), { name: '乙' });
		const day = dayFromNow(5);
		const id = await createMeeting(db(), o.actor, {
			...(await planForm(db(), { attendeeIds: [a.id, b.id] })),
			replyDeadlineDate: day,
			replyDeadlineTime: '17:00'
		});
		await issueNotice(db(), o.actor, id);
		await replyToMeeting(db(), a.actor, id, { reply: 'attend' });
		const deadline = new Date(zonedToInstant(day, '17:00', 'Asia/Shanghai')).getTime();
		const sent = (await outboxRows(db())).length;

		expect(await remindPendingReplies(db(), new Date(deadline - 2 * 86_400_000))).toBe(0);
		// A second app process, with its own connection, runs the same tick at the same moment.
		const other = dialect === 'postgres' ? connectPostgres(url(), 2) : connectSqlite(url());
		try {
			const near = new Date(deadline - 20 * 3600_000);
			const results = await Promise.all([
				remindPendingReplies(db(), near),
				remindPendingReplies(other, near)
			]);
			expect(results.sort()).toEqual([0, 1]);
			expect(await remindPendingReplies(db(), near)).toBe(0);
		} finally {
			await other.destroy();
		}
		const mail = (await outboxRows(db())).slice(sent);
		expect(mail.map((r) => r.to_name)).toEqual(['乙']);
	});
});
