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

function toSwap(r: Selectable<DutySwapsTable>): DutySwap {
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

/** A slot as lists show it: when, which shift, which period. */
export interface SlotView {
	assignmentId: number;
	periodId: number;
	periodName: string;
	date: string;
	shiftName: string;
	startsAt: string;
	endsAt: string;
	role: DutyRole;
	weight: number;
	label: string;
}

export interface SwapView extends Omit<DutySwap, 'assignmentId' | 'counterpartAssignmentId'> {
	periodName: string;
	requesterName: string;
	counterpartName: string;
	decidedByName: string | null;
	slot: SlotView;
	counterpartSlot: SlotView | null;
}

function swapViewQuery(db: DB) {
	return db
		.selectFrom('duty_swaps as s')
		.innerJoin('duty_periods as p', 'p.id', 's.period_id')
		.innerJoin('users as ru', 'ru.id', 's.requester_id')
		.innerJoin('users as cu', 'cu.id', 's.counterpart_id')
		.leftJoin('users as du', 'du.id', 's.decided_by')
		.innerJoin('duty_assignments as a', 'a.id', 's.assignment_id')
		.innerJoin('duty_shifts as sh', 'sh.id', 'a.shift_id')
		.leftJoin('duty_assignments as ca', 'ca.id', 's.counterpart_assignment_id')
		.leftJoin('duty_shifts as csh', 'csh.id', 'ca.shift_id')
		.selectAll('s')
		.select([
			'p.name as period_name',
			'ru.name as requester_name',
			'cu.name as counterpart_name',
			'du.name as decided_by_name',
			'a.duty_date as a_date',
			'sh.name as a_shift',
			'a.starts_at as a_starts',
			'a.ends_at as a_ends',
			'a.role as a_role',
			'a.weight as a_weight',
			'a.label as a_label',
			'ca.duty_date as c_date',
			'csh.name as c_shift',
			'ca.starts_at as c_starts',
			'ca.ends_at as c_ends',
			'ca.role as c_role',
			'ca.weight as c_weight',
			'ca.label as c_label'
		]);
}

type SwapViewRow = Awaited<ReturnType<ReturnType<typeof swapViewQuery>['execute']>>[number];

function toSwapView(r: SwapViewRow): SwapView {
	const { assignmentId, counterpartAssignmentId, ...swap } = toSwap(r);
	const slot = (id: number, p: 'a' | 'c') => ({
		assignmentId: id,
		periodId: r.period_id,
		periodName: r.period_name,
		date: r[`${p}_date`]!,
		shiftName: r[`${p}_shift`]!,
		startsAt: r[`${p}_starts`]!,
		endsAt: r[`${p}_ends`]!,
		role: r[`${p}_role`]!,
		weight: r[`${p}_weight`]!,
		label: r[`${p}_label`]!
	});
	return {
		...swap,
		periodName: r.period_name,
		requesterName: r.requester_name,
		counterpartName: r.counterpart_name,
		decidedByName: r.decided_by_name,
		slot: slot(assignmentId, 'a'),
		counterpartSlot: counterpartAssignmentId === null ? null : slot(counterpartAssignmentId, 'c')
	};
}

export async function findSwapView(db: DB, id: number): Promise<SwapView | undefined> {
	const r = await swapViewQuery(db).where('s.id', '=', id).executeTakeFirst();
	return r && toSwapView(r);
}

/** Newest first; `party` limits to requests a person made or received. */
export async function listSwapViews(
	db: DB,
	f: { party?: number; statuses?: DutySwapStatus[]; limit: number }
): Promise<SwapView[]> {
	let q = swapViewQuery(db);
	if (f.party !== undefined) {
		const id = f.party;
		q = q.where((eb) => eb.or([eb('s.requester_id', '=', id), eb('s.counterpart_id', '=', id)]));
	}
	if (f.statuses) q = q.where('s.status', 'in', f.statuses);
	const rows = await q
		.orderBy('s.created_at', 'desc')
		.orderBy('s.id', 'desc')
		.limit(f.limit)
		.execute();
	return rows.map(toSwapView);
}

/** A person's slots in published periods that have not started yet, soonest first. */
export async function listUpcomingSlotsOf(
	db: DB,
	userId: number,
	from: string,
	limit: number
): Promise<SlotView[]> {
	const rows = await db
		.selectFrom('duty_assignments as a')
		.innerJoin('duty_periods as p', 'p.id', 'a.period_id')
		.innerJoin('duty_shifts as sh', 'sh.id', 'a.shift_id')
		.select([
			'a.id',
			'a.period_id',
			'p.name as period_name',
			'a.duty_date',
			'sh.name as shift_name',
			'a.starts_at',
			'a.ends_at',
			'a.role',
			'a.weight',
			'a.label'
		])
		.where('p.status', '=', 'published')
		.where('a.user_id', '=', userId)
		.where('a.starts_at', '>', from)
		.orderBy('a.starts_at')
		.orderBy('a.id')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		assignmentId: r.id,
		periodId: r.period_id,
		periodName: r.period_name,
		date: r.duty_date,
		shiftName: r.shift_name,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		role: r.role,
		weight: r.weight,
		label: r.label
	}));
}
