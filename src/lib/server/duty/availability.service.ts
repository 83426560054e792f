import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { canManageDuty, requirePermission } from '../permissions';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../validation';
import { lockPeople } from './locks';
import { date, required, type Input } from './period-rules';
import { findActiveUserIds, listActivePeople, listUnavailability } from './periods.repository';
import { nowIso } from '../clock';

const unavailableSchema = z
	.object({
		userId: z.coerce
			.number({ error: () => m.err_choose_one() })
			.int()
			.positive({ error: () => m.err_choose_one() }),
		startDate: date(),
		endDate: date(),
		reason: required(200)
	})
	.refine((v) => v.endDate >= v.startDate, {
		path: ['endDate'],
		message: m.duty_err_end_before_start()
	});

/** Marks a person unavailable for duty on some dates (approved leave will add these too). */
export async function addUnavailability(
	db: DB,
	actor: Actor,
	input: Input<typeof unavailableSchema>
): Promise<number> {
	requirePermission(actor, canManageDuty);
	const v = parseInput(unavailableSchema, input);
	return inTransaction(db, async (trx) => {
		await lockPeople(trx, [v.userId]);
		if (!(await findActiveUserIds(trx, { ids: [v.userId] })).length)
			throw new ValidationError({ userId: m.duty_err_person_unknown() });
		const covered = await trx
			.selectFrom('duty_unavailability')
			.select('id')
			.where('user_id', '=', v.userId)
			.where('start_date', '<=', v.startDate)
			.where('end_date', '>=', v.endDate)
			.executeTakeFirst();
		if (covered) throw new ValidationError({ startDate: m.duty_err_unavailable_exists() });
		const r = await trx
			.insertInto('duty_unavailability')
			.values({
				user_id: v.userId,
				start_date: v.startDate,
				end_date: v.endDate,
				reason: v.reason,
				created_by: actor.id,
				created_at: nowIso()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_unavailability.add',
			entity: 'duty_unavailability',
			entityId: r.id,
			changes: v
		});
		return r.id;
	});
}

export async function removeUnavailability(db: DB, actor: Actor, id: number): Promise<void> {
	requirePermission(actor, canManageDuty);
	await inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('duty_unavailability')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row) throw new NotFoundError();
		const r = await trx.deleteFrom('duty_unavailability').where('id', '=', id).executeTakeFirst();
		// Removed meanwhile by someone else: as if it had not been found.
		if (Number(r.numDeletedRows) === 0) throw new NotFoundError();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_unavailability.remove',
			entity: 'duty_unavailability',
			entityId: id,
			changes: { userId: row.user_id, startDate: row.start_date, endDate: row.end_date }
		});
	});
}

/** The unavailability list and the people picker, for the office. */
export async function getUnavailability(db: DB, actor: Actor) {
	requirePermission(actor, canManageDuty);
	const [entries, people] = await Promise.all([listUnavailability(db), listActivePeople(db)]);
	return { entries, people };
}
