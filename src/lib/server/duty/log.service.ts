import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { shiftInterval } from '$lib/domain/duty-days';
import { instantToZonedDate, instantToZonedTime, zonedToInstant } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { insertNotifications } from '../notifications/notifications.repository';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { canManageDuty, loadManagedPeriod, loadVisiblePeriod } from './access';
import { listAssignments, listPeriodDays, listShifts, type DutyPeriod } from './duty.repository';
import {
	countLogEntriesByInstance,
	findHandover,
	findShiftPeriodId,
	insertLogEntry,
	listHandovers,
	listLogEntries,
	listPeriodOptions,
	searchLogEntries,
	setHandoverAcknowledged,
	upsertHandover,
	type DutyHandover,
	type DutyLogEntry
} from './log.repository';

export const LOG_PAGE_SIZE = 20;

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
async function loadInstances(db: DB, periodId: number): Promise<ShiftInstance[]> {
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

function indexOfInstance(instances: ShiftInstance[], shiftId: number, date: string): number {
	const i = instances.findIndex((x) => x.shiftId === shiftId && x.date === date);
	if (i < 0) throw new NotFoundError();
	return i;
}

function isOnDuty(inst: ShiftInstance | undefined, userId: number): boolean {
	return !!inst?.people.some((p) => p.userId === userId);
}

const id = z.coerce.number().int().positive();
const date = z.iso.date({ error: () => m.err_date() });
const time = z
	.string()
	.trim()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.duty_log_err_time() });
const blankAsMissing = <T extends z.ZodType>(s: T) =>
	z.preprocess((v) => (v === '' || v == null ? undefined : v), s.optional());
const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.err_too_long({ max }) })
		.default('');
const required = (max: number) =>
	z
		.string({ error: () => m.err_required() })
		.trim()
		.min(1, { error: () => m.err_required() })
		.max(max, { error: () => m.err_too_long({ max }) });
const instanceSchema = z.object({ periodId: id, shiftId: id, date });

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

function stamp(iso: string, timeZone: string): string {
	return `${instantToZonedDate(iso, timeZone)} ${instantToZonedTime(iso, timeZone)}`;
}

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
		await loadVisiblePeriod(trx, actor, data.periodId);
		const instances = await loadInstances(trx, data.periodId);
		const inst = instances[indexOfInstance(instances, data.shiftId, data.date)];
		if (!isOnDuty(inst, actor.id) && !canManageDuty(actor)) throw new ForbiddenError();
		const t = Date.parse(occurredAt);
		if (t < Date.parse(inst.startsAt) || t > Date.parse(inst.endsAt)) {
			const span = { from: stamp(inst.startsAt, timeZone), to: stamp(inst.endsAt, timeZone) };
			throw new ValidationError({ occurredTime: m.duty_log_err_outside_shift(span) });
		}
		const entryId = await insertLogEntry(trx, {
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
			created_at: new Date().toISOString()
		});
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

const handoverSchema = instanceSchema.extend({ note: required(2000) });

/** 交班事项: written (and rewritten) by a person on duty until the next shift acknowledges it. */
export async function writeHandover(db: DB, actor: Actor, input: unknown): Promise<void> {
	const data = parseInput(handoverSchema, input);
	await inTransaction(db, async (trx) => {
		await loadVisiblePeriod(trx, actor, data.periodId);
		const instances = await loadInstances(trx, data.periodId);
		const inst = instances[indexOfInstance(instances, data.shiftId, data.date)];
		if (!isOnDuty(inst, actor.id)) throw new ForbiddenError();
		const before = await findHandover(trx, data.shiftId, data.date);
		if (before?.acknowledgedAt) throw new ValidationError({ _: m.duty_log_err_acknowledged() });
		await upsertHandover(trx, {
			shift_id: data.shiftId,
			duty_date: data.date,
			period_id: data.periodId,
			note: data.note,
			written_by: actor.id,
			written_at: new Date().toISOString()
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
		const now = new Date().toISOString();
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
		await insertNotifications(trx, [
			{
				user_id: handover.writtenBy,
				kind: 'duty_handover',
				title: m.duty_log_notify_ack({ name: actor.name, date: data.date, shift: shift.shiftName }),
				body: period.name,
				link: `/duty/${periodId}/log/${data.shiftId}/${data.date}`,
				created_at: now
			}
		]);
	});
}

export type HandoverStatus = 'acknowledged' | 'pending' | 'none';

function statusOf(h: DutyHandover | undefined): HandoverStatus {
	if (!h) return 'none';
	return h.acknowledgedAt ? 'acknowledged' : 'pending';
}

const instanceKey = (shiftId: number, date: string) => `${shiftId}:${date}`;

/** The period's shift instances with their entry counts and handover states, for the log index. */
export async function listShiftLogs(db: DB, actor: Actor, periodId: number) {
	const period = await loadVisiblePeriod(db, actor, periodId);
	const instances = await loadInstances(db, periodId);
	const counts = new Map(
		(await countLogEntriesByInstance(db, periodId)).map((c) => [
			instanceKey(c.shiftId, c.date),
			c.count
		])
	);
	const handovers = new Map(
		(await listHandovers(db, periodId)).map((h) => [instanceKey(h.shiftId, h.date), h])
	);
	return {
		period,
		canManage: canManageDuty(actor),
		instances: instances.map((x) => ({
			...x,
			entryCount: counts.get(instanceKey(x.shiftId, x.date)) ?? 0,
			handover: statusOf(handovers.get(instanceKey(x.shiftId, x.date)))
		}))
	};
}

export interface ShiftLog {
	period: DutyPeriod;
	shift: ShiftInstance;
	entries: DutyLogEntry[];
	handover: DutyHandover | null;
	previous: {
		shiftId: number;
		shiftName: string;
		date: string;
		handover: DutyHandover | null;
	} | null;
	canWrite: boolean;
	canWriteHandover: boolean;
	canAcknowledge: boolean;
	canManage: boolean;
}

/** One shift's log page: people, entries, its handover and the previous shift's handover. */
export async function getShiftLog(
	db: DB,
	actor: Actor,
	periodId: number,
	shiftId: number,
	date: string
): Promise<ShiftLog> {
	const period = await loadVisiblePeriod(db, actor, periodId);
	const instances = await loadInstances(db, periodId);
	const i = indexOfInstance(instances, shiftId, date);
	const shift = instances[i];
	const prev = instances[i - 1];
	const handover = (await findHandover(db, shiftId, date)) ?? null;
	const prevHandover = prev ? ((await findHandover(db, prev.shiftId, prev.date)) ?? null) : null;
	const onDuty = isOnDuty(shift, actor.id);
	return {
		period,
		shift,
		entries: await listLogEntries(db, periodId, { shiftId, date }),
		handover,
		previous: prev
			? {
					shiftId: prev.shiftId,
					shiftName: prev.shiftName,
					date: prev.date,
					handover: prevHandover
				}
			: null,
		canWrite: onDuty || canManageDuty(actor),
		canWriteHandover: onDuty && !handover?.acknowledgedAt,
		canAcknowledge:
			onDuty &&
			!!prevHandover &&
			!prevHandover.acknowledgedAt &&
			prevHandover.writtenBy !== actor.id,
		canManage: canManageDuty(actor)
	};
}

const searchSchema = z.object({
	periodId: blankAsMissing(id),
	date: blankAsMissing(date),
	q: text(100),
	page: z.coerce.number().int().positive().catch(1)
});

/** The office searches every period's log by period, duty date and text. */
export async function searchLogs(db: DB, actor: Actor, input: unknown) {
	if (!canManageDuty(actor)) throw new ForbiddenError();
	const f = parseInput(searchSchema, input);
	const { rows, total } = await searchLogEntries(db, {
		periodId: f.periodId,
		date: f.date,
		q: f.q || undefined,
		page: f.page,
		pageSize: LOG_PAGE_SIZE
	});
	return { rows, total, page: f.page, pages: Math.max(1, Math.ceil(total / LOG_PAGE_SIZE)) };
}

/** The periods the office can filter the search by. */
export async function logSearchPeriods(db: DB, actor: Actor) {
	if (!canManageDuty(actor)) throw new ForbiddenError();
	return listPeriodOptions(db);
}

/** A whole period's log for printing, grouped by date and then by shift in time order. */
export async function periodLog(db: DB, actor: Actor, periodId: number) {
	const period = await loadManagedPeriod(db, actor, periodId);
	const instances = await loadInstances(db, periodId);
	const entries = await listLogEntries(db, periodId);
	const handovers = await listHandovers(db, periodId);
	const days: Array<{
		date: string;
		shifts: Array<ShiftInstance & { entries: DutyLogEntry[]; handover: DutyHandover | null }>;
	}> = [];
	for (const x of instances) {
		let day = days.find((d) => d.date === x.date);
		if (!day) days.push((day = { date: x.date, shifts: [] }));
		day.shifts.push({
			...x,
			entries: entries.filter((e) => e.shiftId === x.shiftId && e.date === x.date),
			handover: handovers.find((h) => h.shiftId === x.shiftId && h.date === x.date) ?? null
		});
	}
	return { period, days, entryCount: entries.length };
}
