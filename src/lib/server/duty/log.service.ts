import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { shiftInterval } from '$lib/domain/duty-days';
import { zonedToInstant } from '$lib/domain/zoned-time';
import { formatSpan } from '$lib/format';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { canManageDuty } from '../permissions';
import { loadVisiblePeriod } from './access';
import { listPeriodDays, listShifts } from './duty.repository';
import { listAssignments } from './assignments.repository';
import { findSameLogEntry, insertLogEntry } from './log.repository';
import { lockPeriod } from './locks';
import { nowIso } from '../clock';

export interface DutyPerson {
	userId: number;
	name: string;
	role: DutyRole;
	phone: string | null;
	departmentName: string | null;
}

/** One shift on one duty date (the unit a log and a handover belong to), with its people. */
export interface ShiftInstance {
	shiftId: number;
	shiftName: string;
	date: string;
	startTime: string;
	endTime: string;
	startsAt: string;
	endsAt: string;
	people: DutyPerson[];
}

/** Every shift instance of a period in the order they start. */
export async function loadInstances(db: DB, periodId: number): Promise<ShiftInstance[]> {
	const days = await listPeriodDays(db, periodId);
	const shifts = await listShifts(db, periodId);
	const slots = await listAssignments(db, periodId);
	const { timeZone } = await getSettings(db);
	const out: ShiftInstance[] = [];
	for (const { date } of days) {
		for (const s of shifts) {
			const mine = slots.filter((a) => a.shiftId === s.id && a.date === date);
			// The slots carry the instants fixed when the roster was made; a shift without slots
			// falls back to the office's zone.
			const times = mine[0] ?? {
				...shiftInterval(
					date,
					{ start_time: s.startTime, end_time: s.endTime, is_overnight: s.isOvernight },
					timeZone
				)
			};
			out.push({
				shiftId: s.id,
				shiftName: s.name,
				date,
				startTime: s.startTime,
				endTime: s.endTime,
				startsAt: times.startsAt,
				endsAt: times.endsAt,
				people: mine.flatMap((a) =>
					a.userId == null
						? []
						: [
								{
									userId: a.userId,
									name: a.userName ?? '',
									role: a.role,
									phone: a.userPhone,
									departmentName: a.departmentName
								}
							]
				)
			});
		}
	}
	// Stable: equal start times keep the shifts' own order.
	return out.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

export function indexOfInstance(instances: ShiftInstance[], shiftId: number, date: string): number {
	const i = instances.findIndex((x) => x.shiftId === shiftId && x.date === date);
	if (i < 0) throw new NotFoundError();
	return i;
}

export function isOnDuty(inst: ShiftInstance | undefined, userId: number): boolean {
	return !!inst?.people.some((p) => p.userId === userId);
}

export const id = z.coerce.number().int().positive();
export const date = z.iso.date({ error: () => m.err_date() });
const time = z
	.string()
	.trim()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.duty_log_err_time() });
export const blankAsMissing = <T extends z.ZodType>(s: T) =>
	z.preprocess((v) => (v === '' || v == null ? undefined : v), s.optional());
export const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.err_too_long({ max }) })
		.default('');
export const required = (max: number) =>
	z
		.string({ error: () => m.err_required() })
		.trim()
		.min(1, { error: () => m.err_required() })
		.max(max, { error: () => m.err_too_long({ max }) });
export const instanceSchema = z.object({ periodId: id, shiftId: id, date });

const entrySchema = instanceSchema.extend({
	kind: z.enum(['call', 'visit', 'incident'], { error: () => m.err_choose_one() }),
	occurredDate: date,
	occurredTime: time,
	caller: text(60),
	unit: text(100),
	phone: text(40),
	matter: required(2000),
	handling: text(2000),
	reportedDate: blankAsMissing(date),
	reportedTime: blankAsMissing(time),
	reportedTo: text(100)
});

/** Records a call, visit or incident in a shift: by its people on duty, or by the office. */
export async function addLogEntry(db: DB, actor: Actor, input: unknown): Promise<number> {
	const data = parseInput(entrySchema, input);
	const incident = data.kind === 'incident';
	if (incident) {
		const missing: Record<string, string> = {};
		if (!data.reportedTime) missing.reportedTime = m.duty_log_err_reported_time();
		if (!data.reportedTo) missing.reportedTo = m.duty_log_err_reported_to();
		if (Object.keys(missing).length) throw new ValidationError(missing);
	}
	const { timeZone } = await getSettings(db);
	const occurredAt = zonedToInstant(data.occurredDate, data.occurredTime, timeZone);
	const reportedAt = incident
		? zonedToInstant(data.reportedDate ?? data.occurredDate, data.reportedTime!, timeZone)
		: null;
	if (reportedAt && Date.parse(reportedAt) < Date.parse(occurredAt))
		throw new ValidationError({ reportedTime: m.duty_log_err_reported_before() });
	return inTransaction(db, async (trx) => {
		// Under the period's lock (locks.ts) a resent entry finds the first one saved.
		await lockPeriod(trx, data.periodId);
		await loadVisiblePeriod(trx, actor, data.periodId);
		const instances = await loadInstances(trx, data.periodId);
		const inst = instances[indexOfInstance(instances, data.shiftId, data.date)];
		if (!isOnDuty(inst, actor.id) && !canManageDuty(actor)) throw new ForbiddenError();
		const t = Date.parse(occurredAt);
		if (t < Date.parse(inst.startsAt) || t > Date.parse(inst.endsAt)) {
			const span = formatSpan(inst.startsAt, inst.endsAt, timeZone);
			throw new ValidationError({ occurredTime: m.duty_log_err_outside_shift({ span }) });
		}
		const entry = {
			period_id: data.periodId,
			shift_id: data.shiftId,
			duty_date: data.date,
			kind: data.kind,
			occurred_at: occurredAt,
			caller: data.caller,
			unit: data.unit,
			phone: data.phone,
			matter: data.matter,
			handling: data.handling,
			reported_at: reportedAt,
			reported_to: incident ? data.reportedTo : '',
			created_by: actor.id,
			created_at: nowIso()
		};
		if (await findSameLogEntry(trx, entry))
			throw new ValidationError({ _: m.duty_err_log_duplicate() });
		const entryId = await insertLogEntry(trx, entry);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_log.add',
			entity: 'duty_log_entry',
			entityId: entryId,
			changes: { periodId: data.periodId, shiftId: data.shiftId, date: data.date, kind: data.kind }
		});
		return entryId;
	});
}
