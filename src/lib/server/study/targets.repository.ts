import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import type { StudyMetric, StudyPeriod } from '../db/schema-study';
import type { StudyTarget } from './study-rules';

export type { StudyTarget };

export async function listTargets(db: DB): Promise<StudyTarget[]> {
	const rows = await db
		.selectFrom('study_targets')
		.select(['id', 'role', 'period', 'metric', 'amount'])
		.orderBy('metric')
		.orderBy('period')
		.orderBy('role')
		.execute();
	return rows.map((r) => ({ ...r, role: r.role as Role | 'all' }));
}

export async function findTarget(
	db: DB,
	key: { role: string; period: StudyPeriod; metric: StudyMetric }
): Promise<StudyTarget | undefined> {
	const r = await db
		.selectFrom('study_targets')
		.select(['id', 'role', 'period', 'metric', 'amount'])
		.where('role', '=', key.role)
		.where('period', '=', key.period)
		.where('metric', '=', key.metric)
		.executeTakeFirst();
	return r && { ...r, role: r.role as Role | 'all' };
}

export async function findTargetById(db: DB, id: number): Promise<StudyTarget | undefined> {
	const r = await db
		.selectFrom('study_targets')
		.select(['id', 'role', 'period', 'metric', 'amount'])
		.where('id', '=', id)
		.executeTakeFirst();
	return r && { ...r, role: r.role as Role | 'all' };
}

export async function insertTarget(
	db: DB,
	t: Omit<StudyTarget, 'id'>,
	by: number,
	at: string
): Promise<number> {
	const r = await db
		.insertInto('study_targets')
		.values({ ...t, updated_by: by, updated_at: at })
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** Sets the amount when it is still `from` (compare-and-set); 0 when someone changed it first. */
export async function updateTargetAmount(
	db: DB,
	id: number,
	from: number,
	amount: number,
	by: number,
	at: string
): Promise<number> {
	const r = await db
		.updateTable('study_targets')
		.set({ amount, updated_by: by, updated_at: at })
		.where('id', '=', id)
		.where('amount', '=', from)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function deleteTargetRow(db: DB, id: number): Promise<number> {
	const r = await db.deleteFrom('study_targets').where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows);
}
