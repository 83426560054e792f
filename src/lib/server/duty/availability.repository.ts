import type { DB } from '../db';

// People's unavailability (出差、学习、病休 …): no slot is given to someone unavailable.

// ---- unavailability ------------------------------------------------------------------------

export interface Unavailability {
	id: number;
	userId: number;
	userName: string;
	departmentName: string | null;
	startDate: string;
	endDate: string;
	reason: string;
	source: string;
}

/**
 * Unavailability that meets [start, end] (all of it when no range is given), of these people
 * only when `userIds` is given; newest first.
 */
export async function listUnavailability(
	db: DB,
	range?: { start: string; end: string; userIds?: number[] }
): Promise<Unavailability[]> {
	if (range?.userIds && !range.userIds.length) return [];
	let q = db
		.selectFrom('duty_unavailability as a')
		.innerJoin('users as u', 'u.id', 'a.user_id')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.select([
			'a.id',
			'a.user_id as userId',
			'u.name as userName',
			'd.name as departmentName',
			'a.start_date as startDate',
			'a.end_date as endDate',
			'a.reason',
			'a.source'
		]);
	if (range) q = q.where('a.start_date', '<=', range.end).where('a.end_date', '>=', range.start);
	if (range?.userIds) q = q.where('a.user_id', 'in', range.userIds);
	return q.orderBy('a.start_date', 'desc').orderBy('a.id', 'desc').execute();
}

/** An entry of the person covering all of [start, end], if any. */
export async function findUnavailabilityCovering(
	db: DB,
	userId: number,
	start: string,
	end: string
): Promise<number | undefined> {
	const r = await db
		.selectFrom('duty_unavailability')
		.select('id')
		.where('user_id', '=', userId)
		.where('start_date', '<=', start)
		.where('end_date', '>=', end)
		.executeTakeFirst();
	return r?.id;
}

export async function insertUnavailability(
	db: DB,
	u: {
		userId: number;
		startDate: string;
		endDate: string;
		reason: string;
		createdBy: number;
		createdAt: string;
		/** Another module's record that made it ('leave' + the leave request's id). */
		source?: string;
		sourceId?: number | null;
	}
): Promise<number> {
	const r = await db
		.insertInto('duty_unavailability')
		.values({
			user_id: u.userId,
			start_date: u.startDate,
			end_date: u.endDate,
			reason: u.reason,
			created_by: u.createdBy,
			created_at: u.createdAt,
			...(u.source ? { source: u.source, source_id: u.sourceId ?? null } : {})
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function findUnavailabilityById(
	db: DB,
	id: number
): Promise<{ id: number; userId: number; startDate: string; endDate: string } | undefined> {
	return db
		.selectFrom('duty_unavailability')
		.select(['id', 'user_id as userId', 'start_date as startDate', 'end_date as endDate'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function deleteUnavailability(db: DB, id: number): Promise<boolean> {
	const r = await db.deleteFrom('duty_unavailability').where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

/** The entries another module's record made (source 'leave', source_id = the request's id). */
export async function findUnavailabilityBySource(
	db: DB,
	source: string,
	sourceId: number
): Promise<{ id: number; userId: number; startDate: string; endDate: string }[]> {
	return db
		.selectFrom('duty_unavailability')
		.select(['id', 'user_id as userId', 'start_date as startDate', 'end_date as endDate'])
		.where('source', '=', source)
		.where('source_id', '=', sourceId)
		.orderBy('id')
		.execute();
}

/** Moves an entry's last day (a leave cut short); true when this call changed it. */
export async function setUnavailabilityEnd(db: DB, id: number, endDate: string): Promise<boolean> {
	const r = await db
		.updateTable('duty_unavailability')
		.set({ end_date: endDate })
		.where('id', '=', id)
		.where('end_date', '!=', endDate)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}
