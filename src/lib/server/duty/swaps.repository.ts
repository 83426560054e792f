import type { Selectable } from 'kysely';
import type { DB } from '../db';
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

export async function insertSwap(
	db: DB,
	s: Pick<
		DutySwap,
		| 'periodId'
		| 'kind'
		| 'assignmentId'
		| 'counterpartAssignmentId'
		| 'requesterId'
		| 'counterpartId'
		| 'reason'
		| 'createdAt'
	>
): Promise<number> {
	const r = await db
		.insertInto('duty_swaps')
		.values({
			period_id: s.periodId,
			kind: s.kind,
			assignment_id: s.assignmentId,
			counterpart_assignment_id: s.counterpartAssignmentId,
			requester_id: s.requesterId,
			counterpart_id: s.counterpartId,
			reason: s.reason,
			status: 'proposed',
			created_at: s.createdAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** Moves a swap on only from the status the caller saw; false when someone else got there first. */
export async function updateSwapFrom(
	db: DB,
	id: number,
	from: DutySwapStatus[],
	set: Partial<
		Pick<DutySwap, 'status' | 'respondedAt' | 'decidedBy' | 'decisionNote' | 'decidedAt'>
	>
): Promise<boolean> {
	const r = await db
		.updateTable('duty_swaps')
		.set({
			status: set.status,
			responded_at: set.respondedAt,
			decided_by: set.decidedBy,
			decision_note: set.decisionNote,
			decided_at: set.decidedAt
		})
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

// ---- requests as the lists show them -------------------------------------------------------

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
