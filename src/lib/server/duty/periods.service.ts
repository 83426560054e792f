import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { defaultDay } from '$lib/domain/duty-days';
import { eachDate } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../validation';
import {
	canManageDuty,
	DUTY_ROLE_HOLDERS,
	OFF_DUTY_ROLES,
	requirePermission
} from '../permissions';
import { loadManagedPeriod } from './access';
import {
	findOverlappingPeriods,
	insertPeriod,
	insertShift,
	listPeriodDays
} from './duty.repository';
import { lockDutyCalendar, lockPeriod } from './locks';
import {
	date,
	dropRoster,
	loadDraft,
	required,
	text,
	weightSchema,
	type Input
} from './period-rules';
import { holidayChoices } from './periods.query';
import { findActiveUserIds, insertPoolMembers } from './periods.repository';
import { nowIso } from '../clock';

const MAX_DAYS = 62;
const fmtDay = (d: string) =>
	m.duty_date_short({ month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) });

const createSchema = z
	.object({
		source: z.enum(['holiday', 'range'], { error: () => m.err_choose_one() }),
		year: z.coerce.number().int().min(2000).max(2100).optional(),
		holidayName: text(40).optional().default(''),
		startDate: date().optional().or(z.literal('')),
		endDate: date().optional().or(z.literal('')),
		name: text(60).optional().default(''),
		phone: text(40).optional().default('')
	})
	.superRefine((v, ctx) => {
		if (v.source === 'holiday') {
			if (!v.holidayName)
				ctx.addIssue({ code: 'custom', path: ['holidayName'], message: m.err_choose_one() });
			if (!v.year) ctx.addIssue({ code: 'custom', path: ['year'], message: m.err_required() });
			return;
		}
		if (!v.startDate)
			ctx.addIssue({ code: 'custom', path: ['startDate'], message: m.err_required() });
		if (!v.endDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: m.err_required() });
		if (v.startDate && v.endDate && v.endDate < v.startDate) {
			ctx.addIssue({ code: 'custom', path: ['endDate'], message: m.duty_err_end_before_start() });
		}
	});

export type CreatePeriodInput = Input<typeof createSchema>;

/**
 * A new draft period from a holiday of the calendar (its days off) or from any date range, with
 * one 24-hour shift from 08:30 (1 duty leader, 1 duty officer) and pools filled by role: the
 * leaders pool with every active 局领导 (role leader), the officers pool with the other staff.
 */
export async function createPeriod(
	db: DB,
	actor: Actor,
	input: CreatePeriodInput
): Promise<number> {
	requirePermission(actor, canManageDuty);
	const v = parseInput(createSchema, input);
	let dates: string[];
	let holidayName = '';
	if (v.source === 'holiday') {
		const choice = (await holidayChoices(db, actor, v.year!)).find((h) => h.name === v.holidayName);
		if (!choice) throw new ValidationError({ holidayName: m.duty_err_holiday_unknown() });
		dates = choice.dates;
		holidayName = choice.name;
	} else {
		dates = eachDate(v.startDate!, v.endDate!);
	}
	if (dates.length > MAX_DAYS) {
		throw new ValidationError({ endDate: m.duty_err_too_long({ max: MAX_DAYS }) });
	}
	const start = dates[0];
	const end = dates[dates.length - 1];
	const name =
		v.name ||
		// The holiday's year, not the first day's: 2023年元旦 starts on 2022-12-31.
		(holidayName
			? m.duty_period_default_name({ year: String(v.year), holiday: holidayName })
			: m.duty_period_range_name({ start, end }));
	return inTransaction(db, async (trx) => {
		// Periods never overlap: creations wait for each other (see locks.ts).
		await lockDutyCalendar(trx);
		const clash = await findOverlappingPeriods(trx, start, end);
		if (clash.length) {
			const c = clash[0];
			throw new ValidationError({
				[v.source === 'holiday' ? 'holidayName' : 'startDate']: m.duty_err_overlap({
					name: c.name,
					start: fmtDay(c.startDate),
					end: fmtDay(c.endDate)
				})
			});
		}
		const now = nowIso();
		const id = await insertPeriod(trx, {
			name,
			holiday_name: holidayName,
			start_date: start,
			end_date: end,
			status: 'draft',
			phone: v.phone,
			created_by: actor.id,
			created_at: now,
			updated_at: now
		});
		await trx
			.insertInto('duty_period_days')
			.values(dates.map((d) => ({ period_id: id, ...defaultDay(d) })))
			.execute();
		await insertShift(trx, {
			period_id: id,
			name: m.duty_shift_full_day(),
			start_time: '08:30',
			end_time: '08:30',
			is_overnight: true,
			leaders_needed: 1,
			officers_needed: 1,
			weight: 1,
			sort_order: 10
		});
		const leaders = await findActiveUserIds(trx, {
			roles: [...DUTY_ROLE_HOLDERS.leader],
			excludeRoles: [...OFF_DUTY_ROLES]
		});
		const officers = await findActiveUserIds(trx, {
			roles: [...DUTY_ROLE_HOLDERS.officer],
			excludeRoles: [...DUTY_ROLE_HOLDERS.leader, ...OFF_DUTY_ROLES]
		});
		await insertPoolMembers(trx, id, 'leader', leaders);
		await insertPoolMembers(trx, id, 'officer', officers);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_period.create',
			entity: 'duty_period',
			entityId: id,
			changes: {
				name,
				start,
				end,
				days: dates.length,
				holidayName,
				leaders: leaders.length,
				officers: officers.length
			}
		});
		return id;
	});
}

const detailsSchema = z.object({
	name: required(60),
	phone: text(40).optional().default(''),
	note: text(500).optional().default('')
});

export async function updatePeriodDetails(
	db: DB,
	actor: Actor,
	periodId: number,
	input: Input<typeof detailsSchema>
): Promise<void> {
	const v = parseInput(detailsSchema, input);
	await inTransaction(db, async (trx) => {
		await lockPeriod(trx, periodId);
		const p = await loadManagedPeriod(trx, actor, periodId);
		if (p.name === v.name && p.phone === v.phone && p.note === v.note) return;
		await trx
			.updateTable('duty_periods')
			.set({ ...v, updated_at: nowIso() })
			.where('id', '=', periodId)
			.execute();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_period.update',
			entity: 'duty_period',
			entityId: periodId,
			changes: { before: { name: p.name, phone: p.phone, note: p.note }, after: v }
		});
	});
}

const daySchema = z.object({
	date: date(),
	weight: weightSchema,
	label: text(20).optional().default('')
});

export async function updatePeriodDay(
	db: DB,
	actor: Actor,
	periodId: number,
	input: Input<typeof daySchema>
): Promise<void> {
	const v = parseInput(daySchema, input);
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const day = (await listPeriodDays(trx, periodId)).find((d) => d.date === v.date);
		if (!day) throw new NotFoundError();
		if (day.weight === v.weight && day.label === v.label) return;
		await trx
			.updateTable('duty_period_days')
			.set({ weight: v.weight, label: v.label })
			.where('period_id', '=', periodId)
			.where('date', '=', v.date)
			.execute();
		await dropRoster(trx, periodId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_period.day',
			entity: 'duty_period',
			entityId: periodId,
			changes: v
		});
	});
}
