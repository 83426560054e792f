import type { DB } from '../db';

export interface Delegation {
	id: number;
	userId: number;
	userName: string;
	delegateId: number;
	delegateName: string;
	startDate: string;
	endDate: string;
	reason: string;
	source: 'manual' | 'leave';
	sourceId: number | null;
	createdBy: number;
	createdAt: string;
	endedAt: string | null;
}

function selectDelegations(db: DB) {
	return db
		.selectFrom('approval_delegations as g')
		.innerJoin('users as u', 'u.id', 'g.user_id')
		.innerJoin('users as d', 'd.id', 'g.delegate_id')
		.select([
			'g.id',
			'g.user_id',
			'u.name as user_name',
			'g.delegate_id',
			'd.name as delegate_name',
			'g.start_date',
			'g.end_date',
			'g.reason',
			'g.source',
			'g.source_id',
			'g.created_by',
			'g.created_at',
			'g.ended_at'
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectDelegations>['executeTakeFirstOrThrow']>>;

function toDelegation(r: Row): Delegation {
	return {
		id: r.id,
		userId: r.user_id,
		userName: r.user_name,
		delegateId: r.delegate_id,
		delegateName: r.delegate_name,
		startDate: r.start_date,
		endDate: r.end_date,
		reason: r.reason,
		source: r.source,
		sourceId: r.source_id,
		createdBy: r.created_by,
		createdAt: r.created_at,
		endedAt: r.ended_at
	};
}

export async function findDelegationById(db: DB, id: number): Promise<Delegation | undefined> {
	const row = await selectDelegations(db).where('g.id', '=', id).executeTakeFirst();
	return row && toDelegation(row);
}

/** Active (not ended) delegations of `userId` whose dates meet [startDate, endDate]. */
export async function findOverlappingDelegation(
	db: DB,
	userId: number,
	startDate: string,
	endDate: string
): Promise<Delegation | undefined> {
	const row = await selectDelegations(db)
		.where('g.user_id', '=', userId)
		.where('g.ended_at', 'is', null)
		.where('g.start_date', '<=', endDate)
		.where('g.end_date', '>=', startDate)
		.executeTakeFirst();
	return row && toDelegation(row);
}

/** Delegations not ended whose end is on or after `from`: of a user, to a delegate, or all. */
export async function listCurrentDelegations(
	db: DB,
	o: { userId?: number; delegateId?: number; from: string }
): Promise<Delegation[]> {
	let q = selectDelegations(db).where('g.ended_at', 'is', null).where('g.end_date', '>=', o.from);
	if (o.userId !== undefined) q = q.where('g.user_id', '=', o.userId);
	if (o.delegateId !== undefined) q = q.where('g.delegate_id', '=', o.delegateId);
	const rows = await q.orderBy('g.start_date').orderBy('g.id').limit(500).execute();
	return rows.map(toDelegation);
}

/** The stand-in for `userId` on `onDate`, if any. */
export async function findStandIn(
	db: DB,
	userId: number,
	onDate: string
): Promise<{ id: number; name: string } | undefined> {
	return db
		.selectFrom('approval_delegations as g')
		.innerJoin('users as d', 'd.id', 'g.delegate_id')
		.select(['d.id', 'd.name'])
		.where('g.user_id', '=', userId)
		.where('g.start_date', '<=', onDate)
		.where('g.end_date', '>=', onDate)
		.where('g.ended_at', 'is', null)
		.where('d.is_active', '=', true)
		.orderBy('g.id')
		.executeTakeFirst();
}

export async function insertDelegation(
	trx: DB,
	d: {
		userId: number;
		delegateId: number;
		startDate: string;
		endDate: string;
		reason: string;
		source: 'manual' | 'leave';
		sourceId: number | null;
		createdBy: number;
		at: string;
	}
): Promise<number> {
	const row = await trx
		.insertInto('approval_delegations')
		.values({
			user_id: d.userId,
			delegate_id: d.delegateId,
			start_date: d.startDate,
			end_date: d.endDate,
			reason: d.reason,
			source: d.source,
			source_id: d.sourceId,
			created_by: d.createdBy,
			created_at: d.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Compare-and-set: ends a delegation still running. */
export async function markDelegationEnded(trx: DB, id: number, at: string): Promise<boolean> {
	const row = await trx
		.updateTable('approval_delegations')
		.set({ ended_at: at })
		.where('id', '=', id)
		.where('ended_at', 'is', null)
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

/** The running delegations a leave request made. */
export async function findLeaveDelegations(trx: DB, leaveId: number): Promise<Delegation[]> {
	const rows = await selectDelegations(trx)
		.where('g.source', '=', 'leave')
		.where('g.source_id', '=', leaveId)
		.where('g.ended_at', 'is', null)
		.execute();
	return rows.map(toDelegation);
}

export async function setDelegationEndDate(trx: DB, id: number, endDate: string): Promise<void> {
	await trx
		.updateTable('approval_delegations')
		.set({ end_date: endDate })
		.where('id', '=', id)
		.execute();
}

/** Whether the person is active (a delegate must be). */
export async function isActivePerson(db: DB, id: number): Promise<boolean> {
	const row = await db
		.selectFrom('users')
		.select('id')
		.where('id', '=', id)
		.where('is_active', '=', true)
		.executeTakeFirst();
	return row !== undefined;
}
