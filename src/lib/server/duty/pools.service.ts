import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../validation';
import { OFF_DUTY_ROLES, POOL_BY_ROLE_ROLES } from '../permissions';
import { loadDraft, required, type Input } from './period-rules';
import { deletePoolMember, findActiveUserIds, insertPoolMembers } from './periods.repository';

const poolSchema = z.object({
	role: z.enum(['leader', 'officer'], { error: () => m.err_choose_one() }),
	by: z.enum(['person', 'department', 'role'], { error: () => m.err_choose_one() }),
	userId: z.coerce.number().int().positive().optional(),
	departmentId: z.coerce.number().int().positive().optional(),
	userRole: z.enum(POOL_BY_ROLE_ROLES).optional()
});

/** Adds people to a pool by hand, a whole department, or everyone with a role. */
export async function addToPool(
	db: DB,
	actor: Actor,
	periodId: number,
	input: Input<typeof poolSchema>
): Promise<number> {
	const v = parseInput(poolSchema, input);
	return inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		let ids: number[];
		if (v.by === 'person') {
			if (!v.userId) throw new ValidationError({ userId: m.err_choose_one() });
			ids = await findActiveUserIds(trx, { ids: [v.userId], excludeRoles: [...OFF_DUTY_ROLES] });
			if (!ids.length) {
				const known = await findActiveUserIds(trx, { ids: [v.userId] });
				throw new ValidationError({
					userId: known.length ? m.duty_err_auditor() : m.duty_err_person_unknown()
				});
			}
		} else if (v.by === 'department') {
			if (!v.departmentId) throw new ValidationError({ departmentId: m.err_choose_one() });
			ids = await findActiveUserIds(trx, {
				departmentId: v.departmentId,
				excludeRoles: [...OFF_DUTY_ROLES]
			});
		} else {
			if (!v.userRole) throw new ValidationError({ userRole: m.err_choose_one() });
			ids = await findActiveUserIds(trx, {
				roles: [v.userRole],
				excludeRoles: [...OFF_DUTY_ROLES]
			});
		}
		const added = await insertPoolMembers(trx, periodId, v.role, ids);
		// Everyone was in the pool already (a second click): nothing to record.
		if (!added) return 0;
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_pool.add',
			entity: 'duty_period',
			entityId: periodId,
			changes: { ...v, added }
		});
		return added;
	});
}

export async function removeFromPool(
	db: DB,
	actor: Actor,
	periodId: number,
	role: DutyRole,
	userId: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		if (!(await deletePoolMember(trx, periodId, role, userId))) throw new NotFoundError();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_pool.remove',
			entity: 'duty_period',
			entityId: periodId,
			changes: { role, userId }
		});
	});
}

const exemptionSchema = z.object({
	userId: z.coerce
		.number({ error: () => m.err_choose_one() })
		.int()
		.positive({ error: () => m.err_choose_one() }),
	reason: required(200)
});

/** Exempts a person for this period (e.g. pregnancy, long-term sickness). */
export async function addExemption(
	db: DB,
	actor: Actor,
	periodId: number,
	input: Input<typeof exemptionSchema>
): Promise<void> {
	const v = parseInput(exemptionSchema, input);
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		if (!(await findActiveUserIds(trx, { ids: [v.userId] })).length)
			throw new ValidationError({ userId: m.duty_err_person_unknown() });
		const exists = await trx
			.selectFrom('duty_exemptions')
			.select('user_id')
			.where('period_id', '=', periodId)
			.where('user_id', '=', v.userId)
			.executeTakeFirst();
		if (exists) throw new ValidationError({ userId: m.duty_err_already_exempt() });
		await trx
			.insertInto('duty_exemptions')
			.values({ period_id: periodId, user_id: v.userId, reason: v.reason })
			.execute();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_exemption.add',
			entity: 'duty_period',
			entityId: periodId,
			changes: v
		});
	});
}

export async function removeExemption(
	db: DB,
	actor: Actor,
	periodId: number,
	userId: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const r = await trx
			.deleteFrom('duty_exemptions')
			.where('period_id', '=', periodId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		if (Number(r.numDeletedRows) === 0) throw new NotFoundError();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_exemption.remove',
			entity: 'duty_period',
			entityId: periodId,
			changes: { userId }
		});
	});
}
