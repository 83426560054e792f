import type { Insertable } from 'kysely';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { NIGHT_SHIFT_WEIGHT, shiftTimesProblem } from '$lib/domain/duty-days';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import type { DutyShiftsTable } from '../db/schema-duty';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../validation';
import { insertShift, listShifts, type DutyShift } from './duty.repository';
import { dropRoster, loadDraft, required, weightSchema, type Input } from './period-rules';

const time = () =>
	z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.duty_err_time() });
const count = () =>
	z.coerce
		.number({ error: () => m.duty_err_count() })
		.int({ error: () => m.duty_err_count() })
		.min(0, { error: () => m.duty_err_count() })
		.max(20, { error: () => m.duty_err_count() });

const shiftSchema = z
	.object({
		id: z.coerce.number().int().positive().optional(),
		name: required(20),
		startTime: time(),
		endTime: time(),
		isOvernight: z.preprocess((x) => x === true || x === 'on' || x === 'true', z.boolean()),
		leadersNeeded: count(),
		officersNeeded: count(),
		weight: weightSchema,
		sortOrder: z.coerce.number().int().min(0).max(9999).optional()
	})
	.superRefine((v, ctx) => {
		const problem = shiftTimesProblem({
			start_time: v.startTime,
			end_time: v.endTime,
			is_overnight: v.isOvernight
		});
		if (problem === 'ends_before_start')
			ctx.addIssue({
				code: 'custom',
				path: ['endTime'],
				message: m.duty_err_shift_ends_before_start()
			});
		if (problem === 'longer_than_a_day')
			ctx.addIssue({ code: 'custom', path: ['endTime'], message: m.duty_err_shift_too_long() });
		if (v.leadersNeeded + v.officersNeeded === 0)
			ctx.addIssue({
				code: 'custom',
				path: ['officersNeeded'],
				message: m.duty_err_nobody_needed()
			});
	});

export type ShiftInput = Input<typeof shiftSchema>;

function sameShift(s: DutyShift, row: Omit<Insertable<DutyShiftsTable>, 'period_id'>): boolean {
	return (
		s.name === row.name &&
		s.startTime === row.start_time &&
		s.endTime === row.end_time &&
		s.isOvernight === row.is_overnight &&
		s.leadersNeeded === row.leaders_needed &&
		s.officersNeeded === row.officers_needed &&
		s.weight === row.weight &&
		s.sortOrder === row.sort_order
	);
}

export async function saveShift(
	db: DB,
	actor: Actor,
	periodId: number,
	input: ShiftInput
): Promise<number> {
	const v = parseInput(shiftSchema, input);
	return inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const row = {
			name: v.name,
			start_time: v.startTime,
			end_time: v.endTime,
			is_overnight: v.isOvernight,
			leaders_needed: v.leadersNeeded,
			officers_needed: v.officersNeeded,
			weight: v.weight,
			sort_order: v.sortOrder as number | undefined
		};
		const shifts = await listShifts(trx, periodId);
		if (shifts.some((x) => x.name === v.name && x.id !== v.id))
			throw new ValidationError({ name: m.duty_err_shift_name_taken({ name: v.name }) });
		const current = shifts.find((x) => x.id === v.id);
		if (row.sort_order === undefined) {
			row.sort_order = v.id
				? (current?.sortOrder ?? 0)
				: Math.max(0, ...shifts.map((x) => x.sortOrder)) + 10;
		}
		// Saved again as it is (a second click): nothing changes, the roster stays.
		if (current && sameShift(current, row)) return current.id;
		let id = v.id;
		if (id) {
			const r = await trx
				.updateTable('duty_shifts')
				.set(row)
				.where('id', '=', id)
				.where('period_id', '=', periodId)
				.executeTakeFirst();
			if (Number(r.numUpdatedRows) === 0) throw new NotFoundError();
		} else {
			id = await insertShift(trx, { period_id: periodId, ...row });
		}
		await dropRoster(trx, periodId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: v.id ? 'duty_shift.update' : 'duty_shift.create',
			entity: 'duty_shift',
			entityId: id,
			changes: { periodId, ...row }
		});
		return id;
	});
}

export async function deleteShift(
	db: DB,
	actor: Actor,
	periodId: number,
	shiftId: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const shifts = await listShifts(trx, periodId);
		const s = shifts.find((x) => x.id === shiftId);
		if (!s) throw new NotFoundError();
		if (shifts.length === 1) throw new ValidationError({ _: m.duty_err_last_shift() });
		await trx.deleteFrom('duty_shifts').where('id', '=', shiftId).execute();
		await dropRoster(trx, periodId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_shift.delete',
			entity: 'duty_shift',
			entityId: shiftId,
			changes: { periodId, name: s.name }
		});
	});
}

/** Replaces the shifts with 白班 08:30–17:30 (weight 1) and 夜班 17:30–08:30 (weight 1.5). */
export async function useDayAndNightShifts(db: DB, actor: Actor, periodId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const base = { leaders_needed: 1, officers_needed: 1 };
		const preset = [
			{
				...base,
				name: m.duty_shift_day(),
				start_time: '08:30',
				end_time: '17:30',
				is_overnight: false,
				weight: 1,
				sort_order: 10
			},
			{
				...base,
				name: m.duty_shift_night(),
				start_time: '17:30',
				end_time: '08:30',
				is_overnight: true,
				weight: NIGHT_SHIFT_WEIGHT,
				sort_order: 20
			}
		];
		const shifts = await listShifts(trx, periodId);
		// Already these two shifts (a second click): nothing changes, the roster stays.
		if (shifts.length === preset.length && preset.every((p, i) => sameShift(shifts[i], p))) return;
		await trx.deleteFrom('duty_shifts').where('period_id', '=', periodId).execute();
		for (const row of preset) await insertShift(trx, { period_id: periodId, ...row });
		await dropRoster(trx, periodId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_shift.preset',
			entity: 'duty_period',
			entityId: periodId,
			changes: { preset: 'day_and_night' }
		});
	});
}
