import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DB } from '../db';
import { dialectOfDb } from '../db/connect';
import type { DutyRole, DutySwapsTable, DutySwapStatus } from '../db/schema-duty';

export const OPEN_SWAP_STATUSES: DutySwapStatus[] = ['proposed', 'accepted'];

export interface DutySwap {
	id: number;
	periodId: number;
	kind: 'swap' | 'handover';
	assignmentId: number;
	counterpartAssignmentId: number | null;
	requesterId: number;
	counterpartId: number;
	reason: string;
	status: DutySwapStatus;
	createdAt: string;
	respondedAt: string | null;
	decidedBy: number | null;
	decisionNote: string;
	decidedAt: string | null;
}

export function toSwap(r: Selectable<DutySwapsTable>): DutySwap {
	return {
		id: r.id,
		periodId: r.period_id,
		kind: r.kind,
		assignmentId: r.assignment_id,
		counterpartAssignmentId: r.counterpart_assignment_id,
		requesterId: r.requester_id,
		counterpartId: r.counterpart_id,
		reason: r.reason,
		status: r.status,
		createdAt: r.created_at,
		respondedAt: r.responded_at,
		decidedBy: r.decided_by,
		decisionNote: r.decision_note,
		decidedAt: r.decided_at
	};
}

export async function findSwapById(db: DB, id: number): Promise<DutySwap | undefined> {
	const r = await db.selectFrom('duty_swaps').selectAll().where('id', '=', id).executeTakeFirst();
	return r && toSwap(r);
}

export async function insertSwap(db: DB, row: Insertable<DutySwapsTable>): Promise<number> {
	const r = await db.insertInto('duty_swaps').values(row).returning('id').executeTakeFirstOrThrow();
	return r.id;
}

/** Moves a swap on only from the status the caller saw; false when someone else got there first. */
export async function updateSwapFrom(
	db: DB,
	id: number,
	from: DutySwapStatus[],
	set: Updateable<DutySwapsTable>
): Promise<boolean> {
	const r = await db
		.updateTable('duty_swaps')
		.set(set)
		.where('id', '=', id)
		.where('status', 'in', from)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Open requests (proposed or accepted) that involve any of these slots, on either side. */
export async function findOpenSwapsForSlots(db: DB, slotIds: number[]): Promise<DutySwap[]> {
	const rows = await db
		.selectFrom('duty_swaps')
		.selectAll()
		.where('status', 'in', OPEN_SWAP_STATUSES)
		.where((eb) =>
			eb.or([eb('assignment_id', 'in', slotIds), eb('counterpart_assignment_id', 'in', slotIds)])
		)
		.execute();
	return rows.map(toSwap);
}

export async function listOpenSwapsOfPeriod(db: DB, periodId: number): Promise<DutySwap[]> {
	const rows = await db
		.selectFrom('duty_swaps')
		.selectAll()
		.where('period_id', '=', periodId)
		.where('status', 'in', OPEN_SWAP_STATUSES)
		.execute();
	return rows.map(toSwap);
}

/**
 * PostgreSQL: locks the slots so a second proposal or decision on them waits for this one.
 * SQLite serialises writers already (see lockRoom in rooms.repository).
 */
export async function lockSlots(trx: DB, slotIds: number[]): Promise<void> {
	if (dialectOfDb(trx) !== 'postgres') return;
	await trx
		.selectFrom('duty_assignments')
		.select('id')
		.where('id', 'in', slotIds)
		.orderBy('id')
		.forUpdate()
		.execute();
}

export interface Person {
	id: number;
	name: string;
	departmentName: string | null;
	isActive: boolean;
}

function personQuery(db: DB) {
	return db
		.selectFrom('users as u')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.select(['u.id', 'u.name', 'd.name as department_name', 'u.is_active']);
}

function toPerson(r: {
	id: number;
	name: string;
	department_name: string | null;
	is_active: boolean;
}): Person {
	return { id: r.id, name: r.name, departmentName: r.department_name, isActive: r.is_active };
}

export async function findPeopleByIds(db: DB, ids: number[]): Promise<Person[]> {
	if (!ids.length) return [];
	const rows = await personQuery(db).where('u.id', 'in', ids).orderBy('u.id').execute();
	return rows.map(toPerson);
}

/** Active people holding a role, in precedence order. */
export async function listActivePeopleWithRoles(db: DB, roles: string[]): Promise<Person[]> {
	const rows = await personQuery(db)
		.where('u.is_active', '=', true)
		.where('u.id', 'in', (eb) =>
			eb.selectFrom('user_roles').select('user_id').where('role', 'in', roles)
		)
		.orderBy('u.precedence')
		.orderBy('u.id')
		.execute();
	return rows.map(toPerson);
}

export async function listPoolUserIds(db: DB, periodId: number, role: DutyRole): Promise<number[]> {
	const rows = await db
		.selectFrom('duty_pool_members')
		.select('user_id')
		.where('period_id', '=', periodId)
		.where('role', '=', role)
		.execute();
	return rows.map((r) => r.user_id);
}

/** Who is exempt from a period, with the reason. */
export async function listExemptions(db: DB, periodId: number): Promise<Map<number, string>> {
	const rows = await db
		.selectFrom('duty_exemptions')
		.select(['user_id', 'reason'])
		.where('period_id', '=', periodId)
		.execute();
	return new Map(rows.map((r) => [r.user_id, r.reason]));
}

/** Leave and marked absences of these people that meet the dates [start, end]. */
export async function listUnavailabilityOf(
	db: DB,
	userIds: number[],
	start: string,
	end: string
): Promise<Array<{ userId: number; startDate: string; endDate: string; reason: string }>> {
	if (!userIds.length) return [];
	const rows = await db
		.selectFrom('duty_unavailability')
		.select(['user_id', 'start_date', 'end_date', 'reason'])
		.where('user_id', 'in', userIds)
		.where('start_date', '<=', end)
		.where('end_date', '>=', start)
		.orderBy('start_date')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		userId: r.user_id,
		startDate: r.start_date,
		endDate: r.end_date,
		reason: r.reason
	}));
}
