import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, wideDbPerTest } from '../testing/parallel';
import { insertNotifications } from './notifications.repository';
import { markMyNotificationsRead, myUnreadCount } from './notifications.service';

const N = 20;

describeEachDialect('notifications, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	it('marking all read at once is harmless and leaves none unread', async () => {
		const u = await newUser(ctx.db());
		const row = (i: number) => ({
			userId: u.id,
			kind: 'meeting.notice',
			title: `会议通知：第${i}次局务会议`,
			link: `/meetings/${i}`,
			createdAt: '2026-11-30T08:00:00.000Z'
		});
		await insertNotifications(ctx.db(), [row(1), row(2), row(3)]);
		const db = openWide();
		const { errors } = await inParallel(N, () => markMyNotificationsRead(db, u.actor, 'all'));
		expect(errors).toEqual([]);
		expect(await myUnreadCount(ctx.db(), u.actor)).toBe(0);
		const reads = await ctx.db().selectFrom('notifications').select('read_at').execute();
		// Each was marked by exactly one of the calls: one read time per notification.
		expect(reads.every((r) => r.read_at != null)).toBe(true);
	});
});
