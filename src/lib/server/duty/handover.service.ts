import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { formatDateWeekday } from '$lib/format';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { notify } from '../notifications/notify';
import { parseInput } from '../validation';
import { loadVisiblePeriod } from './access';
import { lockPeriod } from './locks';
import {
	findHandover,
	findShiftPeriodId,
	setHandoverAcknowledged,
	upsertHandover
} from './log.repository';
import {
	date,
	id,
	indexOfInstance,
	instanceSchema,
	isOnDuty,
	loadInstances,
	required
} from './log.service';
import { nowIso } from '../clock';

const handoverSchema = instanceSchema.extend({ note: required(2000) });

/** 交班事项: written (and rewritten) by a person on duty until the next shift acknowledges it. */
export async function writeHandover(db: DB, actor: Actor, input: unknown): Promise<void> {
	const data = parseInput(handoverSchema, input);
	await inTransaction(db, async (trx) => {
		await lockPeriod(trx, data.periodId);
		await loadVisiblePeriod(trx, actor, data.periodId);
		const instances = await loadInstances(trx, data.periodId);
		const inst = instances[indexOfInstance(instances, data.shiftId, data.date)];
		if (!isOnDuty(inst, actor.id)) throw new ForbiddenError();
		const before = await findHandover(trx, data.shiftId, data.date);
		if (before?.acknowledgedAt) throw new ValidationError({ _: m.duty_log_err_acknowledged() });
		// Sent again as it stands (a second click): nothing changes.
		if (before && before.note === data.note && before.writtenBy === actor.id) return;
		await upsertHandover(trx, {
			shift_id: data.shiftId,
			duty_date: data.date,
			period_id: data.periodId,
			note: data.note,
			written_by: actor.id,
			written_at: nowIso()
		});
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_handover.write',
			entity: 'duty_handover',
			entityId: `${data.shiftId}:${data.date}`,
			changes: { note: before ? [before.note, data.note] : data.note }
		});
	});
}

/** 接班确认: by a person on duty in the period's next shift instance, once, not by the writer. */
export async function acknowledgeHandover(db: DB, actor: Actor, input: unknown): Promise<void> {
	const data = parseInput(z.object({ shiftId: id, date }), input);
	await inTransaction(db, async (trx) => {
		const periodId = await findShiftPeriodId(trx, data.shiftId);
		if (periodId === undefined) throw new NotFoundError();
		const period = await loadVisiblePeriod(trx, actor, periodId);
		const instances = await loadInstances(trx, periodId);
		const i = indexOfInstance(instances, data.shiftId, data.date);
		const handover = await findHandover(trx, data.shiftId, data.date);
		if (!handover) throw new ValidationError({ _: m.duty_log_err_no_handover() });
		if (handover.writtenBy === actor.id)
			throw new ValidationError({ _: m.duty_log_err_own_handover() });
		if (!isOnDuty(instances[i + 1], actor.id)) throw new ForbiddenError();
		const now = nowIso();
		const done = await setHandoverAcknowledged(trx, data.shiftId, data.date, actor.id, now);
		if (!done) throw new ValidationError({ _: m.duty_log_err_already_acknowledged() });
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_handover.acknowledge',
			entity: 'duty_handover',
			entityId: `${data.shiftId}:${data.date}`,
			changes: { writtenBy: handover.writtenByName }
		});
		const shift = instances[i];
		await notify(trx, [handover.writtenBy], {
			kind: 'duty_handover',
			title: (o) =>
				m.duty_log_notify_ack(
					{
						name: actor.name,
						date: formatDateWeekday(data.date, undefined, o.locale),
						shift: shift.shiftName
					},
					o
				),
			body: period.name,
			link: `/duty/${periodId}/log/${data.shiftId}/${data.date}`
		});
	});
}
