import * as m from '$lib/paraglide/messages';
import type { Role } from '$lib/domain/roles';
import type { Actor } from '../actor';
import { audit } from '../audit';
import { nowIso } from '../clock';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError } from '../errors';
import { canKeepStudyRecords, canManageStudy, requirePermission } from '../permissions';
import { parseInput } from '../validation';
import {
	deleteTargetRow,
	findTarget,
	findTargetById,
	insertTarget,
	listTargets,
	updateTargetAmount,
	type StudyTarget
} from './targets.repository';
import { studyTargetSchema, type StudyTargetInput } from './targets.schema';

// 学习目标: the office's table of targets — {role | all, month | year, sessions | hours, amount}.
// Saving a target for a key that has one changes its amount. The table is locked by name so two
// saves of a new key at once make one row.

export type { StudyTarget, StudyTargetInput };

/** The targets (anyone may read them: everyone sees their own progress against them). */
export function getStudyTargets(db: DB): Promise<StudyTarget[]> {
	return listTargets(db);
}

/** Sets a target: a new row, or the amount of the one for the same role, period and metric. */
export async function setStudyTarget(
	db: DB,
	actor: Actor,
	input: StudyTargetInput
): Promise<number> {
	requirePermission(actor, canManageStudy);
	const t = parseInput(studyTargetSchema, input);
	if (t.role !== 'all' && !canKeepStudyRecords({ roles: [t.role as Role] }))
		throw new ValidationError({ role: m.study_err_target_role() });
	return inTransaction(db, async (trx) => {
		await lockName(trx, 'study_targets');
		const at = nowIso();
		const before = await findTarget(trx, t);
		if (!before) {
			const id = await insertTarget(trx, { ...t, role: t.role as Role | 'all' }, actor.id, at);
			await audit(trx, actor, 'study.target_set', 'study_target', id, { ...t });
			return id;
		}
		if (before.amount === t.amount) return before.id;
		if (!(await updateTargetAmount(trx, before.id, before.amount, t.amount, actor.id, at)))
			throw new ValidationError({ _: m.study_err_target_changed() });
		await audit(trx, actor, 'study.target_set', 'study_target', before.id, {
			role: t.role,
			period: t.period,
			metric: t.metric,
			amount: [before.amount, t.amount]
		});
		return before.id;
	});
}

/** Removes a target. */
export async function deleteStudyTarget(db: DB, actor: Actor, id: number): Promise<void> {
	requirePermission(actor, canManageStudy);
	await inTransaction(db, async (trx) => {
		await lockName(trx, 'study_targets');
		const before = await findTargetById(trx, id);
		if (!before || !(await deleteTargetRow(trx, id))) throw new NotFoundError();
		await audit(trx, actor, 'study.target_delete', 'study_target', id, {
			role: before.role,
			period: before.period,
			metric: before.metric,
			amount: before.amount
		});
	});
}
