import * as m from '$lib/paraglide/messages';
import { defaultDay, NIGHT_SHIFT_WEIGHT } from '$lib/domain/duty-days';
import { addDays, eachDate } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../validation';
import {
	canManageDuty,
	DUTY_ROLE_HOLDERS,
	OFF_DUTY_ROLES,
	requirePermission
} from '../permissions';
import { nowIso } from '../clock';
import { holidaysBetween } from '../holidays/holidays.service';
import { lockDutyCalendar, lockPeriod } from './locks.repository';
import {
	deleteShiftRow,
	deleteShiftsOf,
	findOverlappingPeriods,
	findPeriodById,
	insertPeriod,
	insertPeriodDays,
	insertShift,
	listPeriodDays,
	listShifts,
	updatePeriod,
	updatePeriodDayRow,
	updateShift,
	type DutyPeriod,
	type DutyShift,
	type ShiftFields
} from './periods.repository';
import { deleteAssignments } from './roster.repository';
import { findActiveUserIds, insertPoolMembers } from './pools.repository';
import {
	createPeriodSchema,
	periodDaySchema,
	periodDetailsSchema,
	shiftSchema,
	type CreatePeriodInput,
	type PeriodDayInput,
	type PeriodDetailsInput,
	type ShiftInput
} from './periods.schema';

// A duty period (值班安排): created from a holiday or a date range, its details, days and shifts.
// Days and shifts change only while the roster is a draft, and a change drops the generated
// roster (it must be generated again).

// ---- who may see and change a period -------------------------------------------------------

/**
 * A period the actor may see: drafts only to the office; anything else is "not found". The
 * generation report is the office's working paper, so nobody else receives it.
 */
export async function loadVisiblePeriod(db: DB, actor: Actor, id: number): Promise<DutyPeriod> {
	const p = await findPeriodById(db, id);
	if (!p) throw new NotFoundError();
	if (canManageDuty(actor)) return p;
	if (p.status === 'draft') throw new NotFoundError();
	return { ...p, report: '' };
}

export async function loadManagedPeriod(db: DB, actor: Actor, id: number): Promise<DutyPeriod> {
	const p = await loadVisiblePeriod(db, actor, id);
	if (!canManageDuty(actor)) throw new ForbiddenError();
	return p;
}

/**
 * Days, shifts and pools change only while the roster is a draft. Holds the period's lock (see
 * locks.repository.ts), so the draft is still one when the change commits.
 */
export async function loadDraft(trx: DB, actor: Actor, periodId: number): Promise<DutyPeriod> {
	await lockPeriod(trx, periodId);
	const p = await loadManagedPeriod(trx, actor, periodId);
	if (p.status !== 'draft') throw new ValidationError({ _: m.duty_err_published() });
	return p;
}

/** Removes a draft's roster after its days or shifts change: it must be generated again. */
export async function dropRoster(trx: DB, periodId: number): Promise<void> {
	await deleteAssignments(trx, periodId);
	await updatePeriod(trx, periodId, { report: '' });
}

// ---- holiday breaks -----------------------------------------------------------------------

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
	requirePermission(actor, canManageDuty);
	const rows = await holidaysBetween(db, `${year - 1}-12-20`, `${year + 1}-01-15`);
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

// ---- the period ----------------------------------------------------------------------------

const MAX_DAYS = 62;
const fmtDay = (d: string) =>
	m.duty_date_short({ month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) });

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
	const v = parseInput(createPeriodSchema, input);
	let dates: string[];
	let holidayName = '';
	if (v.source === 'holiday') {
		const choice = (await holidayChoices(db, actor, v.year!)).find((h) => h.name === v.holidayName);
		if (!choice) throw new ValidationError({ holidayName: m.duty_err_holiday_unknown() });
		dates = choice.dates;
		holidayName = choice.name;
	} else {
		dates = eachDate(v.startDate, v.endDate);
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
		// Periods never overlap: creations wait for each other (see locks.repository.ts).
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
		const id = await insertPeriod(trx, {
			name,
			holidayName,
			startDate: start,
			endDate: end,
			phone: v.phone,
			createdBy: actor.id,
			createdAt: nowIso()
		});
		await insertPeriodDays(trx, id, dates.map(defaultDay));
		await insertShift(trx, id, {
			name: m.duty_shift_full_day(),
			startTime: '08:30',
			endTime: '08:30',
			isOvernight: true,
			leadersNeeded: 1,
			officersNeeded: 1,
			weight: 1,
			sortOrder: 10
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
		await audit(trx, actor, 'duty_period.create', 'duty_period', id, {
			name,
			start,
			end,
			days: dates.length,
			holidayName,
			leaders: leaders.length,
			officers: officers.length
		});
		return id;
	});
}

export async function updatePeriodDetails(
	db: DB,
	actor: Actor,
	periodId: number,
	input: PeriodDetailsInput
): Promise<void> {
	const v = parseInput(periodDetailsSchema, input);
	await inTransaction(db, async (trx) => {
		await lockPeriod(trx, periodId);
		const p = await loadManagedPeriod(trx, actor, periodId);
		if (p.name === v.name && p.phone === v.phone && p.note === v.note) return;
		await updatePeriod(trx, periodId, { ...v, updatedAt: nowIso() });
		await audit(trx, actor, 'duty_period.update', 'duty_period', periodId, {
			before: { name: p.name, phone: p.phone, note: p.note },
			after: v
		});
	});
}

export async function updatePeriodDay(
	db: DB,
	actor: Actor,
	periodId: number,
	input: PeriodDayInput
): Promise<void> {
	const v = parseInput(periodDaySchema, input);
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const day = (await listPeriodDays(trx, periodId)).find((d) => d.date === v.date);
		if (!day) throw new NotFoundError();
		if (day.weight === v.weight && day.label === v.label) return;
		await updatePeriodDayRow(trx, periodId, v);
		await dropRoster(trx, periodId);
		await audit(trx, actor, 'duty_period.day', 'duty_period', periodId, v);
	});
}

// ---- shifts --------------------------------------------------------------------------------

function sameShift(s: DutyShift, f: ShiftFields): boolean {
	return (
		s.name === f.name &&
		s.startTime === f.startTime &&
		s.endTime === f.endTime &&
		s.isOvernight === f.isOvernight &&
		s.leadersNeeded === f.leadersNeeded &&
		s.officersNeeded === f.officersNeeded &&
		s.weight === f.weight &&
		s.sortOrder === f.sortOrder
	);
}

export async function saveShift(
	db: DB,
	actor: Actor,
	periodId: number,
	input: ShiftInput
): Promise<number> {
	const v = parseInput(shiftSchema, input);
	return inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const shifts = await listShifts(trx, periodId);
		if (shifts.some((x) => x.name === v.name && x.id !== v.id))
			throw new ValidationError({ name: m.duty_err_shift_name_taken({ name: v.name }) });
		const current = shifts.find((x) => x.id === v.id);
		const fields: ShiftFields = {
			name: v.name,
			startTime: v.startTime,
			endTime: v.endTime,
			isOvernight: v.isOvernight,
			leadersNeeded: v.leadersNeeded,
			officersNeeded: v.officersNeeded,
			weight: v.weight,
			sortOrder:
				v.sortOrder ??
				(v.id ? (current?.sortOrder ?? 0) : Math.max(0, ...shifts.map((x) => x.sortOrder)) + 10)
		};
		// Saved again as it is (a second click): nothing changes, the roster stays.
		if (current && sameShift(current, fields)) return current.id;
		let id = v.id;
		if (id) {
			if (!(await updateShift(trx, periodId, id, fields))) throw new NotFoundError();
		} else {
			id = await insertShift(trx, periodId, fields);
		}
		await dropRoster(trx, periodId);
		await audit(trx, actor, v.id ? 'duty_shift.update' : 'duty_shift.create', 'duty_shift', id, {
			periodId,
			...fields
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
		await deleteShiftRow(trx, shiftId);
		await dropRoster(trx, periodId);
		await audit(trx, actor, 'duty_shift.delete', 'duty_shift', shiftId, {
			periodId,
			name: s.name
		});
	});
}

/** Replaces the shifts with 白班 08:30–17:30 (weight 1) and 夜班 17:30–08:30 (weight 1.5). */
export async function useDayAndNightShifts(db: DB, actor: Actor, periodId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		const base = { leadersNeeded: 1, officersNeeded: 1 };
		const preset: ShiftFields[] = [
			{
				...base,
				name: m.duty_shift_day(),
				startTime: '08:30',
				endTime: '17:30',
				isOvernight: false,
				weight: 1,
				sortOrder: 10
			},
			{
				...base,
				name: m.duty_shift_night(),
				startTime: '17:30',
				endTime: '08:30',
				isOvernight: true,
				weight: NIGHT_SHIFT_WEIGHT,
				sortOrder: 20
			}
		];
		const shifts = await listShifts(trx, periodId);
		// Already these two shifts (a second click): nothing changes, the roster stays.
		if (shifts.length === preset.length && preset.every((p, i) => sameShift(shifts[i], p))) return;
		await deleteShiftsOf(trx, periodId);
		for (const fields of preset) await insertShift(trx, periodId, fields);
		await dropRoster(trx, periodId);
		await audit(trx, actor, 'duty_shift.preset', 'duty_period', periodId, {
			preset: 'day_and_night'
		});
	});
}
