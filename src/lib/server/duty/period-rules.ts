import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { loadManagedPeriod } from './access';
import type { DutyPeriod } from './duty.repository';
import { lockPeriod } from './locks';

/** A service input: the typed shape, or the raw fields of a posted form. */
export type Input<S extends z.ZodType> = z.input<S> | Record<string, unknown>;

export const date = () => z.iso.date({ error: () => m.err_date() });
export const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.err_too_long({ max }) });
export const required = (max: number) => text(max).min(1, { error: () => m.err_required() });

export const weightSchema = z.coerce
	.number({ error: () => m.duty_err_weight() })
	.min(0.1, { error: () => m.duty_err_weight() })
	.max(10, { error: () => m.duty_err_weight() });

/**
 * Days, shifts and pools change only while the roster is a draft. Holds the period's lock (see
 * locks.ts), so the draft is still one when the change commits.
 */
export async function loadDraft(trx: DB, actor: Actor, periodId: number): Promise<DutyPeriod> {
	await lockPeriod(trx, periodId);
	const p = await loadManagedPeriod(trx, actor, periodId);
	if (p.status !== 'draft') throw new ValidationError({ _: m.duty_err_published() });
	return p;
}

/** Removes a draft's generated roster after its days or shifts change; it must be generated again. */
export async function dropRoster(trx: DB, periodId: number): Promise<void> {
	await trx.deleteFrom('duty_assignments').where('period_id', '=', periodId).execute();
	await trx.updateTable('duty_periods').set({ report: '' }).where('id', '=', periodId).execute();
}
