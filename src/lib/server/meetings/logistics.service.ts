import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { NotFoundError } from '../errors';
import { loadManagedMeeting } from './access';
import { logisticsTaskExists, setLogisticsDone } from './meetings.repository';
import { inTransaction } from '../db/transaction';

/** Ticks a 会务准备 task done or open again; ticking it to what it already is changes nothing. */
export async function setLogisticsTask(
	db: DB,
	actor: Actor,
	meetingId: number,
	taskId: number,
	isDone: boolean
) {
	await inTransaction(db, async (trx) => {
		await loadManagedMeeting(trx, actor, meetingId);
		if (!(await setLogisticsDone(trx, meetingId, taskId, isDone))) {
			if (await logisticsTaskExists(trx, meetingId, taskId)) return;
			throw new NotFoundError();
		}
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: isDone ? 'meeting.logistics_done' : 'meeting.logistics_open',
			entity: 'meeting',
			entityId: meetingId,
			changes: { task: taskId }
		});
	});
}
