import type { Actor } from '../actor';
import type { DB } from '../db';
import { nextDate } from '$lib/domain/zoned-time';
import { instantToZonedDate, zonedToInstant } from '$lib/domain/zoned-time';
import { findMeetings, findPendingDeputyConfirmations } from './meetings-list.repository';
import { myPendingReplies, summarise } from './meetings.query';
import { contentVisibleTo } from './visibility.repository';
import * as clock from '../clock';

/**
 * 我的工作台: my next meetings, replies I owe, deputy confirmations I owe, and today's meetings
 * to check in to.
 */
export async function myMeetingDashboard(
	db: DB,
	actor: Actor,
	timeZone: string,
	now = clock.now()
) {
	const today = instantToZonedDate(now.toISOString(), timeZone);
	const [upcoming, pendingReplies, deputies] = await Promise.all([
		// A short list: no count of every upcoming meeting.
		findMeetings(db, {
			userId: actor.id,
			includeDrafts: false,
			status: 'issued',
			from: now.toISOString(),
			order: 'asc',
			page: 1,
			pageSize: 8,
			count: false,
			visible: contentVisibleTo(actor)
		}),
		myPendingReplies(db, actor),
		findPendingDeputyConfirmations(db, actor.id, now.toISOString())
	]);
	const meetings = upcoming.rows.map((r) => summarise(r, now));
	const endOfToday = zonedToInstant(nextDate(today), '00:00', timeZone);
	return {
		upcoming: meetings,
		today: meetings.filter((mt) => mt.startsAt < endOfToday),
		pendingReplies,
		pendingDeputies: deputies.map((r) => ({ ...summarise(r, now), principal: r.principalName }))
	};
}
