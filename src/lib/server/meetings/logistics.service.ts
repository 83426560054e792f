import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { NotFoundError } from '../errors';
import { loadManagedMeeting } from './access';
import { logisticsTaskExists, setLogisticsDone } from './meetings.repository';
import { logisticsTaskSchema, parseRecordRef, type LogisticsTaskInput } from './meetings.schema';
import { inTransaction } from '../db/transaction';

/** Ticks a 会务准备 task done or open again; ticking it to what it already is changes nothing. */
export async function setLogisticsTask(
	db: DB,
	actor: Actor,
	meetingId: number,
	input: LogisticsTaskInput
) {
	const { taskId, done } = parseRecordRef(logisticsTaskSchema, input);
	await inTransaction(db, async (trx) => {
		await loadManagedMeeting(trx, actor, meetingId);
		if (!(await setLogisticsDone(trx, meetingId, taskId, done))) {
			if (await logisticsTaskExists(trx, meetingId, taskId)) return;
			throw new NotFoundError();
		}
		await audit(
			trx,
			actor,
			done ? 'meeting.logistics_done' : 'meeting.logistics_open',
			'meeting',
			meetingId,
			{ task: taskId }
		);
	});
}
