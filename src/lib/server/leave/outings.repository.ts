import type { OutingStatus } from '../db/schema-leave';
import type { DB } from '../db';

/** One 外出报备 with its person's and department's names. */
export interface Outing {
	id: number;
	userId: number;
	userName: string;
	departmentId: number | null;
	departmentName: string | null;
	date: string;
	outAt: string;
	backBy: string;
	destination: string;
	matter: string;
	status: OutingStatus;
	createdAt: string;
	backAt: string | null;
}

function selectOutings(db: DB) {
	return db
		.selectFrom('outings as o')
		.innerJoin('users as u', 'u.id', 'o.user_id')
		.leftJoin('departments as d', 'd.id', 'o.department_id')
		.select([
			'o.id',
			'o.user_id',
			'u.name as user_name',
			'o.department_id',
			'd.name as department_name',
			'o.date',
			'o.out_at',
			'o.back_by',
			'o.destination',
			'o.matter',
			'o.status',
			'o.created_at',
			'o.back_at'
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectOutings>['execute']>>[number];

function toOuting(r: Row): Outing {
	return {
		id: r.id,
		userId: r.user_id,
		userName: r.user_name,
		departmentId: r.department_id,
		departmentName: r.department_name,
		date: r.date,
		outAt: r.out_at,
		backBy: r.back_by,
		destination: r.destination,
		matter: r.matter,
		status: r.status,
		createdAt: r.created_at,
		backAt: r.back_at
	};
}

export interface NewOuting {
	userId: number;
	departmentId: number | null;
	date: string;
	outAt: string;
	backBy: string;
	destination: string;
	matter: string;
	createdAt: string;
}

export async function insertOuting(db: DB, o: NewOuting): Promise<number> {
	const row = await db
		.insertInto('outings')
		.values({
			user_id: o.userId,
			department_id: o.departmentId,
			date: o.date,
			out_at: o.outAt,
			back_by: o.backBy,
			destination: o.destination,
			matter: o.matter,
			status: 'out',
			created_at: o.createdAt,
			back_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function findOutingById(db: DB, id: number): Promise<Outing | undefined> {
	const row = await selectOutings(db).where('o.id', '=', id).executeTakeFirst();
	return row ? toOuting(row) : undefined;
}

/** A person's outings of a date that are not cancelled (for the overlap check). */
export async function findLiveOutingsOf(db: DB, userId: number, date: string): Promise<Outing[]> {
	const rows = await selectOutings(db)
		.where('o.user_id', '=', userId)
		.where('o.date', '=', date)
		.where('o.status', '!=', 'cancelled')
		.execute();
	return rows.map(toOuting);
}

/** Compare-and-set: out → back / cancelled. False when it was no longer out. */
export async function moveOuting(
	db: DB,
	id: number,
	to: Exclude<OutingStatus, 'out'>,
	backAt: string | null
): Promise<boolean> {
	const won = await db
		.updateTable('outings')
		.set({ status: to, back_at: backAt })
		.where('id', '=', id)
		.where('status', '=', 'out')
		.returning('id')
		.executeTakeFirst();
	return won !== undefined;
}

/** A person's latest outings, newest first. */
export async function listOutingsOfUser(db: DB, userId: number, limit = 50): Promise<Outing[]> {
	const rows = await selectOutings(db)
		.where('o.user_id', '=', userId)
		.orderBy('o.date', 'desc')
		.orderBy('o.out_at', 'desc')
		.orderBy('o.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map(toOuting);
}

/**
 * The outings of a date that are not cancelled, of one department (the person's when they
 * reported it) or of all (`departmentId` undefined), by department order, person and time.
 */
export async function listOutingsOn(
	db: DB,
	date: string,
	departmentId?: number | null
): Promise<Outing[]> {
	let q = selectOutings(db)
		.where('o.date', '=', date)
		.where('o.status', '!=', 'cancelled')
		.where('u.is_active', '=', true);
	if (departmentId !== undefined)
		q =
			departmentId === null
				? q.where('o.department_id', 'is', null)
				: q.where('o.department_id', '=', departmentId);
	const rows = await q.orderBy('o.out_at').orderBy('u.precedence').orderBy('o.id').execute();
	return rows.map(toOuting);
}
