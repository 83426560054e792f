import { audit } from '../audit';
import type { DB } from '../db';
import { claimOnce, registerTick } from '../jobs/scheduler';
import { findMeetingById, findMeetingsNearDeadline } from './meetings.repository';
import { notifyPeople } from './meetings.notify';
import { listParticipants } from './participants.repository';
import { inTransaction } from '../db/transaction';

const DAY = 86_400_000;

/**
 * 自动催办: one day before the reply deadline, everyone who has not replied gets a reminder —
 * once per meeting and deadline, however many app processes run this tick.
 */
export async function remindPendingReplies(db: DB, now: Date): Promise<number> {
	let reminded = 0;
	for (const mt of await findMeetingsNearDeadline(db, now.toISOString(), DAY)) {
		if (!(await claimOnce(db, `meeting-reply-reminder:${mt.id}:${mt.replyDeadline}`))) continue;
		reminded += await inTransaction(db, async (trx) => {
			const meeting = (await findMeetingById(trx, mt.id))!;
			const pending = (await listParticipants(trx, mt.id)).filter((p) => p.reply === 'pending');
			await notifyPeople(
				trx,
				meeting,
				pending.map((p) => ({ userId: p.userId, name: p.name, email: p.email, role: p.role })),
				'reminder'
			);
			// The scheduler acts for nobody: no person, no address.
			await audit(trx, { ip: '' }, 'meeting.auto_urge', 'meeting', mt.id, {
				reminded: pending.length
			});
			return pending.length;
		});
	}
	return reminded;
}

registerTick('meetings.reply-reminders', remindPendingReplies);
