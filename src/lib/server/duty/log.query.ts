import type { Actor } from '../actor';
import type { DB } from '../db';
import { ForbiddenError } from '../errors';
import { parseInput } from '../validation';
import { canManageDuty, canReadDutyLog } from '../permissions';
import type { DutyPeriod } from './periods.repository';
import { listPeriodOptions } from './periods.repository';
import { loadVisiblePeriod } from './periods.service';
import { logSearchSchema, type LogSearchInput } from './log.schema';
import {
	countLogEntriesByInstance,
	findHandover,
	listHandovers,
	listLogEntries,
	searchLogEntries,
	type DutyHandover,
	type DutyLogEntry
} from './log.repository';
import { indexOfInstance, isOnDuty, loadInstances, type ShiftInstance } from './log.service';

export const LOG_PAGE_SIZE = 20;

export type HandoverStatus = 'acknowledged' | 'pending' | 'none';

function statusOf(h: DutyHandover | undefined): HandoverStatus {
	if (!h) return 'none';
	return h.acknowledgedAt ? 'acknowledged' : 'pending';
}

const instanceKey = (shiftId: number, date: string) => `${shiftId}:${date}`;

/**
 * The period's shift instances with their entry counts and handover states, for the log index;
 * `canRead` marks the ones the actor may open.
 */
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
		canReadAll: canReadDutyLog(actor),
		instances: instances.map((x) => ({
			...x,
			canRead: canReadDutyLog(actor, x.people),
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
	if (!canReadDutyLog(actor, shift.people)) throw new ForbiddenError();
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

/** The office and the leaders search every period's log by period, duty date and text. */
export async function searchLogs(db: DB, actor: Actor, input: LogSearchInput) {
	if (!canReadDutyLog(actor)) throw new ForbiddenError();
	const f = parseInput(logSearchSchema, input);
	const page = f.page ?? 1;
	const { rows, total } = await searchLogEntries(db, {
		// A draft roster is the office's alone, its log too.
		publishedOnly: !canManageDuty(actor),
		periodId: f.periodId ?? undefined,
		date: f.date || undefined,
		q: f.q || undefined,
		page,
		pageSize: LOG_PAGE_SIZE
	});
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / LOG_PAGE_SIZE)) };
}

/** The periods the search can be filtered by. */
export async function logSearchPeriods(db: DB, actor: Actor) {
	if (!canReadDutyLog(actor)) throw new ForbiddenError();
	return listPeriodOptions(db, !canManageDuty(actor));
}

/** A whole period's log for printing, grouped by date and then by shift in time order. */
export async function periodLog(db: DB, actor: Actor, periodId: number) {
	const period = await loadVisiblePeriod(db, actor, periodId);
	if (!canReadDutyLog(actor)) throw new ForbiddenError();
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
