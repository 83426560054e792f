/**
 * 假期额度 (issue 11): the office sets a person's quota of a year and type (探亲假 by family, a
 * carried-over 年休假) or sends it back to the type's rule. The table shows, per active person
 * who asks for leave, the rule's quota, the office's setting, the days taken and left — all
 * from the balance code (`balancesForYear`, `ruleQuota`), so the rule is written once.
 *
 * A change runs under the person's leave lock (`leave:<id>`, the lock a request takes while
 * checking the balance), so a quota is never cut below days approved meanwhile and N saves at
 * once apply one after another: one row, each audit row's "before" the previous one's "after".
 */
import * as m from '$lib/paraglide/messages';
import { LEAVE_TYPES, type LeaveType } from '$lib/domain/leave';
import { leaveTypeName } from '$lib/leave-words';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { ValidationError } from '../errors';
import { getDepartments } from '../org/departments.service';
import { findPersonById, listAllPeople } from '../org/users.service';
import type { User } from '../org/users.repository';
import { canManageLeave, canRequestLeave, requirePermission } from '../permissions';
import { parseInput } from '../validation';
import { sumLeaveByUserAndType } from './balance.repository';
import { balancesForYear, ruleQuota } from './balance.service';
import { officeMoment } from './outings.service';
import {
	deleteQuota,
	findQuotaSetting,
	listQuotaSettings,
	upsertQuota,
	type QuotaKey
} from './quotas.repository';
import {
	leaveQuotaKeySchema,
	leaveQuotaSchema,
	type LeaveQuotaInput,
	type LeaveQuotaKeyInput
} from './quotas.schema';
import { getLeaveTypeRules } from './types.service';

export type { LeaveQuotaInput, LeaveQuotaKeyInput };

/** Years the office may set: five back (corrections) to next year (planning). */
const YEARS_BACK = 5;
const YEARS_AHEAD = 1;

export interface QuotaOverride {
	halfDays: number;
	note: string;
	setByName: string | null;
	setAt: string;
}

export interface QuotaRow {
	userId: number;
	name: string;
	departmentId: number | null;
	departmentName: string | null;
	workStartDate: string | null;
	/** The type's rule (half days); null: the rule gives no yearly quota. */
	ruleHalfDays: number | null;
	/** 年休假 by years of service without a 参加工作时间 on file (the rule gives 0). */
	needsWorkStart: boolean;
	/** The office's setting, or null (the rule applies). */
	override: QuotaOverride | null;
	/** The quota in force (the setting, else the rule). */
	quotaHalfDays: number | null;
	/** Approved and reported, less the days an early 销假 gave back. */
	takenHalfDays: number;
	pendingHalfDays: number;
	/** quota − taken − pending; null without a quota. */
	leftHalfDays: number | null;
}

export interface QuotaTable {
	year: number;
	type: LeaveType;
	departmentId: number | null;
	/** The office's current year (the page's default). */
	thisYear: number;
	/** The years a quota may be set for. */
	minYear: number;
	maxYear: number;
	departments: { id: number; name: string }[];
	rows: QuotaRow[];
}

async function officeYear(db: DB, at?: Date): Promise<number> {
	const { today } = await officeMoment(db, (at ?? clock.now()).toISOString());
	return Number(today.slice(0, 4));
}

/** Every active person who asks for leave, with the quotas and days of `year` and `type`. */
export async function listQuotas(
	db: DB,
	actor: Actor,
	o: { year?: number | null; type?: LeaveType | null; departmentId?: number | null; at?: Date } = {}
): Promise<QuotaTable> {
	requirePermission(actor, canManageLeave);
	const thisYear = await officeYear(db, o.at);
	const year =
		o.year && Number.isInteger(o.year) && o.year >= 2000 && o.year <= 2100 ? o.year : thisYear;
	const type: LeaveType = o.type && LEAVE_TYPES.includes(o.type) ? o.type : 'annual';
	const departmentId = o.departmentId ?? null;
	const [people, balances, settings, rules, departments] = await Promise.all([
		listAllPeople(db),
		// Everyone's days (a person who changed department keeps the days asked for before).
		balancesForYear(db, year),
		listQuotaSettings(db, year, type),
		getLeaveTypeRules(db),
		getDepartments(db)
	]);
	const balanceOf = new Map(
		balances.map((b) => [b.userId, b.balances.find((x) => x.type === type)])
	);
	const settingOf = new Map(settings.map((s) => [s.userId, s]));
	const orderOf = new Map(departments.map((d, i) => [d.id, i]));
	const deptOrder = (id: number | null) => (id === null ? Infinity : (orderOf.get(id) ?? Infinity));

	const rows: QuotaRow[] = people
		.filter(
			(p) =>
				p.isActive &&
				canRequestLeave({ roles: p.roles }) &&
				(departmentId === null || p.departmentId === departmentId)
		)
		.map((p, i) => ({ p, i }))
		// Department by department (as the directory orders them), then by precedence.
		.sort((a, b) => deptOrder(a.p.departmentId) - deptOrder(b.p.departmentId) || a.i - b.i)
		.map(({ p }) => {
			const rule = ruleQuota(rules[type], p.workStartDate, year);
			const setting = settingOf.get(p.id);
			const b = balanceOf.get(p.id);
			const taken = (b?.takenHalfDays ?? 0) - (b?.returnedHalfDays ?? 0);
			const pending = b?.pendingHalfDays ?? 0;
			const quota = setting ? setting.halfDays : rule.quota;
			return {
				userId: p.id,
				name: p.name,
				departmentId: p.departmentId,
				departmentName: p.departmentName,
				workStartDate: p.workStartDate,
				ruleHalfDays: rule.quota,
				needsWorkStart: rule.needsWorkStart,
				override: setting
					? {
							halfDays: setting.halfDays,
							note: setting.note,
							setByName: setting.setByName,
							setAt: setting.setAt
						}
					: null,
				quotaHalfDays: quota,
				takenHalfDays: taken,
				pendingHalfDays: pending,
				leftHalfDays: quota === null ? null : quota - taken - pending
			};
		});
	return {
		year,
		type,
		departmentId,
		thisYear,
		minYear: thisYear - YEARS_BACK,
		maxYear: thisYear + YEARS_AHEAD,
		departments: departments
			.filter((d) => d.isActive || d.id === departmentId)
			.map((d) => ({ id: d.id, name: d.name })),
		rows
	};
}

/** The person a quota is for: known, active, someone who asks for leave. */
async function quotaPerson(db: DB, userId: number, forSetting: boolean): Promise<User> {
	const person = await findPersonById(db, userId);
	if (!person) throw new ValidationError({ userId: m.leavequota_err_unknown_person() });
	if (forSetting && !person.isActive)
		throw new ValidationError({ userId: m.leavequota_err_inactive({ name: person.name }) });
	if (forSetting && !canRequestLeave({ roles: person.roles }))
		throw new ValidationError({ userId: m.leavequota_err_no_leave({ name: person.name }) });
	return person;
}

async function checkYear(db: DB, year: number, at?: Date): Promise<void> {
	const thisYear = await officeYear(db, at);
	const min = thisYear - YEARS_BACK;
	const max = thisYear + YEARS_AHEAD;
	if (year < min || year > max)
		throw new ValidationError({ year: m.leavequota_err_year({ min, max }) });
}

const daysOf = (halfDays: number) => halfDays / 2;

/**
 * 设定额度: the office's quota for a person, year and type (an upsert on the key). Refused below
 * the days already taken that year; the same days and note again change nothing.
 */
export async function setLeaveQuota(
	db: DB,
	actor: Actor,
	input: LeaveQuotaInput,
	o: { at?: Date } = {}
): Promise<void> {
	requirePermission(actor, canManageLeave);
	const v = parseInput(leaveQuotaSchema, input);
	const key: QuotaKey = { userId: v.userId, year: v.year, type: v.type };
	const halfDays = Math.round(v.days * 2);
	await inTransaction(db, async (trx) => {
		const person = await quotaPerson(trx, key.userId, true);
		await checkYear(trx, key.year, o.at);
		// The person's leave lock: requests check the balance under it, and saves queue on it.
		await lockName(trx, `leave:${key.userId}`);
		const before = await findQuotaSetting(trx, key);
		const sums = (await sumLeaveByUserAndType(trx, key.year, { userId: key.userId })).find(
			(s) => s.type === key.type
		);
		const taken = (sums?.takenHalfDays ?? 0) - (sums?.returnedHalfDays ?? 0);
		if (halfDays < taken)
			throw new ValidationError({
				days: m.leavequota_err_below_taken({
					name: person.name,
					year: key.year,
					type: leaveTypeName(key.type),
					taken: daysOf(taken)
				})
			});
		if (before && before.halfDays === halfDays && before.note === v.note) return;
		await upsertQuota(trx, key, {
			halfDays,
			note: v.note,
			setBy: actor.id,
			setAt: (o.at ?? clock.now()).toISOString()
		});
		await audit(trx, actor, 'leave.quota_set', 'user', key.userId, {
			year: key.year,
			leaveType: key.type,
			days: [before ? daysOf(before.halfDays) : null, daysOf(halfDays)],
			note: [before ? before.note : null, v.note]
		});
	});
}

/** 恢复按规则: removes the office's quota, so the type's rule decides again. */
export async function clearLeaveQuota(
	db: DB,
	actor: Actor,
	input: LeaveQuotaKeyInput
): Promise<void> {
	requirePermission(actor, canManageLeave);
	const key: QuotaKey = parseInput(leaveQuotaKeySchema, input);
	await inTransaction(db, async (trx) => {
		const person = await quotaPerson(trx, key.userId, false);
		await lockName(trx, `leave:${key.userId}`);
		const before = await findQuotaSetting(trx, key);
		if (!before || !(await deleteQuota(trx, key)))
			throw new ValidationError({
				_: m.leavequota_err_no_override({
					name: person.name,
					year: key.year,
					type: leaveTypeName(key.type)
				})
			});
		await audit(trx, actor, 'leave.quota_clear', 'user', key.userId, {
			year: key.year,
			leaveType: key.type,
			days: [daysOf(before.halfDays), null],
			note: [before.note, null]
		});
	});
}
