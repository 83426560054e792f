import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { defaultDay, NIGHT_SHIFT_WEIGHT, shiftTimesProblem } from '$lib/domain/duty-days';
import { addDays, eachDate } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { requireRole } from '../auth/guard';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { NotFoundError, ValidationError } from '../errors';
import { listHolidaysBetween } from '../holidays/holidays.repository';
import { parseInput } from '../validation';

/** A service input: the typed shape, or the raw fields of a posted form. */
type Input<S extends z.ZodType> = z.input<S> | Record<string, unknown>;
import { loadManagedPeriod } from './access';
import {
	findOverlappingPeriods,
	insertPeriod,
	insertShift,
	listPeriodDays,
	listShifts,
	type DutyPeriod
} from './duty.repository';
import { listDepartments } from '../org/departments.repository';
import {
	deletePoolMember,
	findActiveUserIds,
	insertPoolMembers,
	listActivePeople,
	listExemptions,
	listPoolMembers,
	listUnavailability
} from './periods.repository';

const MAX_DAYS = 62;
const date = () => z.iso.date({ error: () => m.err_date() });
const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.err_too_long({ max }) });
const required = (max: number) => text(max).min(1, { error: () => m.err_required() });
const fmtDay = (d: string) =>
	m.duty_date_short({ month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) });

/** A holiday break of a year as the "new period" form offers it. */
export interface HolidayChoice {
	/** The holiday the break starts with, e.g. 国庆节: the period's holiday for the ledger. */
	name: string;
	/** Every holiday in the break, e.g. 国庆节、中秋 when the two are joined. */
	label: string;
	dates: string[];
}

/**
 * The year's holiday breaks: runs of consecutive days off (调休 workdays are not days off, so
 * never listed). A break belongs to the year it ends in: 元旦 may begin on 31 December.
 */
export async function holidayChoices(db: DB, actor: Actor, year: number): Promise<HolidayChoice[]> {
	requireRole(actor, 'office', 'admin');
	const rows = await listHolidaysBetween(db, `${year - 1}-12-20`, `${year + 1}-01-15`);
	const out: Array<HolidayChoice & { names: string[] }> = [];
	for (const r of rows) {
		if (r.kind !== 'holiday') continue;
		const last = out[out.length - 1];
		if (last && addDays(last.dates[last.dates.length - 1], 1) === r.date) {
			last.dates.push(r.date);
			if (!last.names.includes(r.name)) last.names.push(r.name);
		} else {
			out.push({ name: r.name, label: '', names: [r.name], dates: [r.date] });
		}
	}
	return out
		.filter((h) => h.dates[h.dates.length - 1].startsWith(String(year)))
		.map(({ names, ...h }) => ({ ...h, label: names.join('、') }));
}

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
	requireRole(actor, 'office', 'admin');
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
		(holidayName
			? m.duty_period_default_name({ year: start.slice(0, 4), holiday: holidayName })
			: m.duty_period_range_name({ start, end }));
	return inTransaction(db, async (trx) => {
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
		const now = new Date().toISOString();
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
		const leaders = await findActiveUserIds(trx, { roles: ['leader'] });
		const officers = await findActiveUserIds(trx, {
			roles: ['staff', 'dept_head', 'office'],
			excludeRoles: ['leader', 'auditor']
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
		const p = await loadManagedPeriod(trx, actor, periodId);
		await trx
			.updateTable('duty_periods')
			.set({ ...v, updated_at: new Date().toISOString() })
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

/** Days, shifts and pools change only while the roster is a draft. */
async function loadDraft(trx: DB, actor: Actor, periodId: number): Promise<DutyPeriod> {
	const p = await loadManagedPeriod(trx, actor, periodId);
	if (p.status !== 'draft') throw new ValidationError({ _: m.duty_err_published() });
	return p;
}

/** Removes a draft's generated roster after its days or shifts change; it must be generated again. */
async function dropRoster(trx: DB, periodId: number): Promise<void> {
	await trx.deleteFrom('duty_assignments').where('period_id', '=', periodId).execute();
	await trx.updateTable('duty_periods').set({ report: '' }).where('id', '=', periodId).execute();
}

const weightSchema = z.coerce
	.number({ error: () => m.duty_err_weight() })
	.min(0.1, { error: () => m.duty_err_weight() })
	.max(10, { error: () => m.duty_err_weight() });

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
		const r = await trx
			.updateTable('duty_period_days')
			.set({ weight: v.weight, label: v.label })
			.where('period_id', '=', periodId)
			.where('date', '=', v.date)
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) === 0) throw new NotFoundError();
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

const time = () =>
	z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.duty_err_time() });
const count = () =>
	z.coerce
		.number({ error: () => m.duty_err_count() })
		.int({ error: () => m.duty_err_count() })
		.min(0, { error: () => m.duty_err_count() })
		.max(20, { error: () => m.duty_err_count() });

const shiftSchema = z
	.object({
		id: z.coerce.number().int().positive().optional(),
		name: required(20),
		startTime: time(),
		endTime: time(),
		isOvernight: z.preprocess((x) => x === true || x === 'on' || x === 'true', z.boolean()),
		leadersNeeded: count(),
		officersNeeded: count(),
		weight: weightSchema,
		sortOrder: z.coerce.number().int().min(0).max(9999).optional()
	})
	.superRefine((v, ctx) => {
		const problem = shiftTimesProblem({
			start_time: v.startTime,
			end_time: v.endTime,
			is_overnight: v.isOvernight
		});
		if (problem === 'ends_before_start')
			ctx.addIssue({
				code: 'custom',
				path: ['endTime'],
				message: m.duty_err_shift_ends_before_start()
			});
		if (problem === 'longer_than_a_day')
			ctx.addIssue({ code: 'custom', path: ['endTime'], message: m.duty_err_shift_too_long() });
		if (v.leadersNeeded + v.officersNeeded === 0)
			ctx.addIssue({
				code: 'custom',
				path: ['officersNeeded'],
				message: m.duty_err_nobody_needed()
			});
	});

export type ShiftInput = Input<typeof shiftSchema>;

export async function saveShift(
	db: DB,
	actor: Actor,
	periodId: number,
	input: ShiftInput
): Promise<number> {
	const v = parseInput(shiftSchema, input);
	return inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const row = {
			name: v.name,
			start_time: v.startTime,
			end_time: v.endTime,
			is_overnight: v.isOvernight,
			leaders_needed: v.leadersNeeded,
			officers_needed: v.officersNeeded,
			weight: v.weight,
			sort_order: v.sortOrder as number | undefined
		};
		if (row.sort_order === undefined) {
			const shifts = await listShifts(trx, periodId);
			row.sort_order = v.id
				? (shifts.find((x) => x.id === v.id)?.sortOrder ?? 0)
				: Math.max(0, ...shifts.map((x) => x.sortOrder)) + 10;
		}
		let id = v.id;
		if (id) {
			const r = await trx
				.updateTable('duty_shifts')
				.set(row)
				.where('id', '=', id)
				.where('period_id', '=', periodId)
				.executeTakeFirst();
			if (Number(r.numUpdatedRows) === 0) throw new NotFoundError();
		} else {
			id = await insertShift(trx, { period_id: periodId, ...row });
		}
		await dropRoster(trx, periodId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: v.id ? 'duty_shift.update' : 'duty_shift.create',
			entity: 'duty_shift',
			entityId: id,
			changes: { periodId, ...row }
		});
		return id;
	});
}

export async function deleteShift(
	db: DB,
	actor: Actor,
	periodId: number,
	shiftId: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const shifts = await listShifts(trx, periodId);
		const s = shifts.find((x) => x.id === shiftId);
		if (!s) throw new NotFoundError();
		if (shifts.length === 1) throw new ValidationError({ _: m.duty_err_last_shift() });
		await trx.deleteFrom('duty_shifts').where('id', '=', shiftId).execute();
		await dropRoster(trx, periodId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_shift.delete',
			entity: 'duty_shift',
			entityId: shiftId,
			changes: { periodId, name: s.name }
		});
	});
}

/** Replaces the shifts with 白班 08:30–17:30 (weight 1) and 夜班 17:30–08:30 (weight 1.5). */
export async function useDayAndNightShifts(db: DB, actor: Actor, periodId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		await trx.deleteFrom('duty_shifts').where('period_id', '=', periodId).execute();
		const base = { period_id: periodId, leaders_needed: 1, officers_needed: 1 };
		await insertShift(trx, {
			...base,
			name: m.duty_shift_day(),
			start_time: '08:30',
			end_time: '17:30',
			is_overnight: false,
			weight: 1,
			sort_order: 10
		});
		await insertShift(trx, {
			...base,
			name: m.duty_shift_night(),
			start_time: '17:30',
			end_time: '08:30',
			is_overnight: true,
			weight: NIGHT_SHIFT_WEIGHT,
			sort_order: 20
		});
		await dropRoster(trx, periodId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_shift.preset',
			entity: 'duty_period',
			entityId: periodId,
			changes: { preset: 'day_and_night' }
		});
	});
}

const poolSchema = z.object({
	role: z.enum(['leader', 'officer'], { error: () => m.err_choose_one() }),
	by: z.enum(['person', 'department', 'role'], { error: () => m.err_choose_one() }),
	userId: z.coerce.number().int().positive().optional(),
	departmentId: z.coerce.number().int().positive().optional(),
	userRole: z.enum(['leader', 'dept_head', 'staff', 'office', 'supervisor']).optional()
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
			ids = await findActiveUserIds(trx, { ids: [v.userId] });
			if (!ids.length) throw new ValidationError({ userId: m.duty_err_person_unknown() });
		} else if (v.by === 'department') {
			if (!v.departmentId) throw new ValidationError({ departmentId: m.err_choose_one() });
			ids = await findActiveUserIds(trx, {
				departmentId: v.departmentId,
				excludeRoles: ['auditor']
			});
		} else {
			if (!v.userRole) throw new ValidationError({ userRole: m.err_choose_one() });
			ids = await findActiveUserIds(trx, { roles: [v.userRole] });
		}
		const added = await insertPoolMembers(trx, periodId, v.role, ids);
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

const unavailableSchema = z
	.object({
		userId: z.coerce
			.number({ error: () => m.err_choose_one() })
			.int()
			.positive({ error: () => m.err_choose_one() }),
		startDate: date(),
		endDate: date(),
		reason: required(200)
	})
	.refine((v) => v.endDate >= v.startDate, {
		path: ['endDate'],
		message: m.duty_err_end_before_start()
	});

/** Marks a person unavailable for duty on some dates (approved leave will add these too). */
export async function addUnavailability(
	db: DB,
	actor: Actor,
	input: Input<typeof unavailableSchema>
): Promise<number> {
	requireRole(actor, 'office', 'admin');
	const v = parseInput(unavailableSchema, input);
	return inTransaction(db, async (trx) => {
		if (!(await findActiveUserIds(trx, { ids: [v.userId] })).length)
			throw new ValidationError({ userId: m.duty_err_person_unknown() });
		const r = await trx
			.insertInto('duty_unavailability')
			.values({
				user_id: v.userId,
				start_date: v.startDate,
				end_date: v.endDate,
				reason: v.reason,
				created_by: actor.id,
				created_at: new Date().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_unavailability.add',
			entity: 'duty_unavailability',
			entityId: r.id,
			changes: v
		});
		return r.id;
	});
}

export async function removeUnavailability(db: DB, actor: Actor, id: number): Promise<void> {
	requireRole(actor, 'office', 'admin');
	await inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('duty_unavailability')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row) throw new NotFoundError();
		await trx.deleteFrom('duty_unavailability').where('id', '=', id).execute();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_unavailability.remove',
			entity: 'duty_unavailability',
			entityId: id,
			changes: { userId: row.user_id, startDate: row.start_date, endDate: row.end_date }
		});
	});
}

/** Everything the setup page edits: details, days, shifts, pools, exemptions and the pickers. */
export async function getPeriodSetup(db: DB, actor: Actor, periodId: number) {
	const period = await loadManagedPeriod(db, actor, periodId);
	const [days, shifts, pool, exemptions, people, departments] = await Promise.all([
		listPeriodDays(db, periodId),
		listShifts(db, periodId),
		listPoolMembers(db, periodId),
		listExemptions(db, periodId),
		listActivePeople(db),
		listDepartments(db)
	]);
	return {
		period,
		days,
		shifts,
		leaders: pool.filter((p) => p.role === 'leader'),
		officers: pool.filter((p) => p.role === 'officer'),
		exemptions,
		people,
		departments: departments.filter((d) => d.isActive).map((d) => ({ id: d.id, name: d.name }))
	};
}

/** The unavailability list and the people picker, for the office. */
export async function getUnavailability(db: DB, actor: Actor) {
	requireRole(actor, 'office', 'admin');
	const [entries, people] = await Promise.all([listUnavailability(db), listActivePeople(db)]);
	return { entries, people };
}
