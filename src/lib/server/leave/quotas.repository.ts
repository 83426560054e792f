/** The SQL of the office's leave quotas (leave_quotas: one row per person, year and type). */
import type { LeaveType } from '$lib/domain/leave';
import type { DB } from '../db';

export interface QuotaKey {
	userId: number;
	year: number;
	type: LeaveType;
}

/** A quota row with who set it. */
export interface QuotaSetting extends QuotaKey {
	halfDays: number;
	note: string;
	setBy: number;
	setByName: string | null;
	setAt: string;
}

function quotaRows(db: DB) {
	return db
		.selectFrom('leave_quotas')
		.leftJoin('users as setter', 'setter.id', 'leave_quotas.set_by')
		.select([
			'leave_quotas.user_id',
			'leave_quotas.year',
			'leave_quotas.type',
			'leave_quotas.half_days',
			'leave_quotas.note',
			'leave_quotas.set_by',
			'leave_quotas.set_at',
			'setter.name as set_by_name'
		]);
}

type QuotaRow = {
	user_id: number;
	year: number;
	type: LeaveType;
	half_days: number;
	note: string;
	set_by: number;
	set_at: string;
	set_by_name: string | null;
};

function toQuotaSetting(r: QuotaRow): QuotaSetting {
	return {
		userId: r.user_id,
		year: r.year,
		type: r.type,
		halfDays: r.half_days,
		note: r.note,
		setBy: r.set_by,
		setByName: r.set_by_name,
		setAt: r.set_at
	};
}

/** Every quota the office set for a year and type. */
export async function listQuotaSettings(
	db: DB,
	year: number,
	type: LeaveType
): Promise<QuotaSetting[]> {
	const rows = await quotaRows(db)
		.where('leave_quotas.year', '=', year)
		.where('leave_quotas.type', '=', type)
		.execute();
	return rows.map(toQuotaSetting);
}

export async function findQuotaSetting(db: DB, k: QuotaKey): Promise<QuotaSetting | undefined> {
	const row = await quotaRows(db)
		.where('leave_quotas.user_id', '=', k.userId)
		.where('leave_quotas.year', '=', k.year)
		.where('leave_quotas.type', '=', k.type)
		.executeTakeFirst();
	return row ? toQuotaSetting(row) : undefined;
}

/** Inserts or replaces the row of the key (the primary key is (user_id, year, type)). */
export async function upsertQuota(
	db: DB,
	k: QuotaKey,
	v: { halfDays: number; note: string; setBy: number; setAt: string }
): Promise<void> {
	await db
		.insertInto('leave_quotas')
		.values({
			user_id: k.userId,
			year: k.year,
			type: k.type,
			half_days: v.halfDays,
			note: v.note,
			set_by: v.setBy,
			set_at: v.setAt
		})
		.onConflict((oc) =>
			oc.columns(['user_id', 'year', 'type']).doUpdateSet({
				half_days: v.halfDays,
				note: v.note,
				set_by: v.setBy,
				set_at: v.setAt
			})
		)
		.execute();
}

/** Deletes the row of the key; whether there was one. */
export async function deleteQuota(db: DB, k: QuotaKey): Promise<boolean> {
	const r = await db
		.deleteFrom('leave_quotas')
		.where('user_id', '=', k.userId)
		.where('year', '=', k.year)
		.where('type', '=', k.type)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}
