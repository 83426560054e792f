import * as m from '$lib/paraglide/messages';
import { shiftInterval } from '$lib/domain/duty-days';
import { zonedToInstant } from '$lib/domain/zoned-time';
import { formatDateWeekday, formatSpan } from '$lib/format';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { notify } from '../notifications/notify';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { canManageDuty } from '../permissions';
import { nowIso } from '../clock';
import { lockPeriod } from './locks.repository';
import { findShiftPeriodId, listPeriodDays, listShifts } from './periods.repository';
import { loadVisiblePeriod } from './periods.service';
import { listAssignments } from './roster.repository';
import {
	findHandover,
	findSameLogEntry,
	insertLogEntry,
	setHandoverAcknowledged,
	upsertHandover
} from './log.repository';
import {
	acknowledgeSchema,
	handoverSchema,
	logEntrySchema,
	type AcknowledgeInput,
	type HandoverInput,
	type LogEntryInput
} from './log.schema';

// The duty log (值班记录) of each shift instance — calls, visits, incidents — and the handover
// note (交班事项) the next shift acknowledges.

export interface OnDutyPerson {
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
	people: OnDutyPerson[];
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

/** Records a call, visit or incident in a shift: by its people on duty, or by the office. */
export async function addLogEntry(db: DB, actor: Actor, input: LogEntryInput): Promise<number> {
	const data = parseInput(logEntrySchema, input);
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
		? zonedToInstant(data.reportedDate || data.occurredDate, data.reportedTime, timeZone)
		: null;
	if (reportedAt && Date.parse(reportedAt) < Date.parse(occurredAt))
		throw new ValidationError({ reportedTime: m.duty_log_err_reported_before() });
	return inTransaction(db, async (trx) => {
		// Under the period's lock (locks.repository) a resent entry finds the first one saved.
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
			periodId: data.periodId,
			shiftId: data.shiftId,
			date: data.date,
			kind: data.kind,
			occurredAt,
			caller: data.caller,
			unit: data.unit,
			phone: data.phone,
			matter: data.matter,
			handling: data.handling,
			reportedAt,
			reportedTo: incident ? data.reportedTo : '',
			createdBy: actor.id,
			createdAt: nowIso()
		};
		if (await findSameLogEntry(trx, entry))
			throw new ValidationError({ _: m.duty_err_log_duplicate() });
		const entryId = await insertLogEntry(trx, entry);
		await audit(trx, actor, 'duty_log.add', 'duty_log_entry', entryId, {
			periodId: data.periodId,
			shiftId: data.shiftId,
			date: data.date,
			kind: data.kind
		});
		return entryId;
	});
}

// ---- handover ------------------------------------------------------------------------------

/** 交班事项: written (and rewritten) by a person on duty until the next shift acknowledges it. */
export async function writeHandover(db: DB, actor: Actor, input: HandoverInput): Promise<void> {
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
			shiftId: data.shiftId,
			date: data.date,
			periodId: data.periodId,
			note: data.note,
			writtenBy: actor.id,
			writtenAt: nowIso()
		});
		await audit(
			trx,
			actor,
			'duty_handover.write',
			'duty_handover',
			`${data.shiftId}:${data.date}`,
			{ note: before ? [before.note, data.note] : data.note }
		);
	});
}

/** 接班确认: by a person on duty in the period's next shift instance, once, not by the writer. */
export async function acknowledgeHandover(
	db: DB,
	actor: Actor,
	input: AcknowledgeInput
): Promise<void> {
	const data = parseInput(acknowledgeSchema, input);
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
		await audit(
			trx,
			actor,
			'duty_handover.acknowledge',
			'duty_handover',
			`${data.shiftId}:${data.date}`,
			{ writtenBy: handover.writtenByName }
		);
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
