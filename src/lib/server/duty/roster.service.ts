import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { shiftInterval } from '$lib/domain/duty-days';
import {
	generateRoster as assignFairly,
	slotConflict,
	type DutySlot,
	type LedgerEntry,
	type SlotConflict,
	type UnfilledReason
} from '$lib/domain/duty-roster';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { NotFoundError, ValidationError } from '../errors';
import { insertNotifications } from '../notifications/notifications.repository';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { canManageDuty, loadManagedPeriod, loadVisiblePeriod } from './access';
import {
	findAssignmentById,
	insertAssignments,
	listAssignments,
	listPeriodDays,
	listShifts,
	listUpcomingShiftsOf,
	setAssignmentUser,
	type DutyAssignment,
	type DutyPeriod
} from './duty.repository';
import {
	listExemptions,
	listPoolMembers,
	listUnavailability,
	loadLedger,
	type DutyPerson
} from './periods.repository';

/** What the last generation found: the spread per pool and every slot it could not fill. */
export interface GenerationReport {
	generatedAt: string;
	slots: number;
	spread: Record<DutyRole, { period: number; total: number }>;
	unfilled: Array<{ date: string; shiftName: string; role: DutyRole; reason: UnfilledReason }>;
}

export function parseReport(text: string): GenerationReport | null {
	if (!text) return null;
	try {
		return JSON.parse(text) as GenerationReport;
	} catch {
		return null;
	}
}

export function toSlot(
	a: Pick<
		DutyAssignment,
		'id' | 'shiftId' | 'date' | 'startsAt' | 'endsAt' | 'role' | 'weight' | 'label'
	>
): DutySlot {
	return {
		key: String(a.id),
		shiftKey: `${a.shiftId}:${a.date}`,
		date: a.date,
		startsAt: a.startsAt,
		endsAt: a.endsAt,
		role: a.role,
		weight: a.weight,
		label: a.label || null
	};
}

async function ledgerMap(db: DB, periodId: number): Promise<Map<number, LedgerEntry>> {
	const { rows, labels } = await loadLedger(db, periodId);
	const map = new Map<number, LedgerEntry>();
	for (const r of rows) map.set(r.userId, { load: r.load, lastServed: r.lastServed, labels: {} });
	for (const l of labels) {
		const e = map.get(l.userId);
		if (e) e.labels[l.label] = l.n;
	}
	return map;
}

/**
 * Fills every unlocked slot of a draft fairly (see $lib/domain/duty-roster) from the pools,
 * the ledger of all published periods, the unavailability and the exemptions. Locked slots
 * (set by hand) stay. Returns the report that the roster page shows.
 */
export async function generatePeriodRoster(
	db: DB,
	actor: Actor,
	periodId: number
): Promise<GenerationReport> {
	const { timeZone } = await getSettings(db);
	return inTransaction(db, async (trx) => {
		const period = await loadManagedPeriod(trx, actor, periodId);
		if (period.status !== 'draft') throw new ValidationError({ _: m.duty_err_published() });
		const [days, shifts, existing, pool, exemptions, unavailable, ledger] = await Promise.all([
			listPeriodDays(trx, periodId),
			listShifts(trx, periodId),
			listAssignments(trx, periodId),
			listPoolMembers(trx, periodId),
			listExemptions(trx, periodId),
			listUnavailability(trx, { start: period.startDate, end: period.endDate }),
			ledgerMap(trx, periodId)
		]);
		const locked = new Map(
			existing
				.filter((a) => a.isLocked && a.userId)
				.map((a) => [`${a.shiftId}:${a.date}:${a.role}:${a.position}`, a.userId])
		);
		const slots: DutySlot[] = [];
		const rows = [];
		for (const d of days) {
			for (const s of shifts) {
				const t = shiftInterval(
					d.date,
					{ start_time: s.startTime, end_time: s.endTime, is_overnight: s.isOvernight },
					timeZone
				);
				for (const [role, n] of [
					['leader', s.leadersNeeded],
					['officer', s.officersNeeded]
				] as const) {
					for (let position = 0; position < n; position++) {
						const key = `${s.id}:${d.date}:${role}:${position}`;
						const weight = Math.round(d.weight * s.weight * 1000) / 1000;
						slots.push({
							key,
							shiftKey: `${s.id}:${d.date}`,
							date: d.date,
							startsAt: t.startsAt,
							endsAt: t.endsAt,
							role,
							weight,
							label: d.label || null,
							fixedUserId: locked.get(key) ?? null
						});
						rows.push({
							period_id: periodId,
							shift_id: s.id,
							duty_date: d.date,
							role,
							position,
							weight,
							label: d.label,
							starts_at: t.startsAt,
							ends_at: t.endsAt,
							is_locked: locked.has(key)
						});
					}
				}
			}
		}
		const candidates = (role: DutyRole) =>
			pool
				.filter((p) => p.role === role)
				.map((p) => ({ id: p.id, precedence: p.precedence, name: p.name }));
		const result = assignFairly({
			slots,
			pools: { leader: candidates('leader'), officer: candidates('officer') },
			ledger,
			unavailable: unavailable.map((u) => ({
				userId: u.userId,
				startDate: u.startDate,
				endDate: u.endDate,
				reason: u.reason
			})),
			exempt: new Set(exemptions.map((e) => e.id))
		});
		const who = new Map(result.assignments.map((a) => [a.slotKey, a.userId]));
		await trx.deleteFrom('duty_assignments').where('period_id', '=', periodId).execute();
		await insertAssignments(
			trx,
			rows.map((r, i) => ({ ...r, user_id: who.get(slots[i].key) ?? null }))
		);
		const shiftName = new Map(shifts.map((s) => [s.id, s.name]));
		const bySlot = new Map(slots.map((s) => [s.key, s]));
		const report: GenerationReport = {
			generatedAt: new Date().toISOString(),
			slots: slots.length,
			spread: result.spread,
			unfilled: result.unfilled.map((u) => {
				const s = bySlot.get(u.slotKey)!;
				return {
					date: s.date,
					shiftName: shiftName.get(Number(s.shiftKey.split(':')[0])) ?? '',
					role: s.role,
					reason: u.reason
				};
			})
		};
		await trx
			.updateTable('duty_periods')
			.set({ report: JSON.stringify(report), updated_at: report.generatedAt })
			.where('id', '=', periodId)
			.execute();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_roster.generate',
			entity: 'duty_period',
			entityId: periodId,
			changes: {
				slots: slots.length,
				locked: locked.size,
				unfilled: report.unfilled.length,
				spread: report.spread
			}
		});
		return report;
	});
}

/** A pool member as the slot editor offers them: loads and why they may not fit. */
export interface SlotCandidate extends DutyPerson {
	periodLoad: number;
	totalLoad: number;
	conflict: SlotConflict | 'exempt' | null;
}

/** The people who could take a slot, least loaded first, each with their conflicts. */
export async function slotCandidates(
	db: DB,
	actor: Actor,
	assignmentId: number
): Promise<SlotCandidate[]> {
	const a = await findAssignmentById(db, assignmentId);
	if (!a) throw new NotFoundError();
	const period = await loadManagedPeriod(db, actor, a.periodId);
	const [pool, all, exemptions, unavailable, ledger] = await Promise.all([
		listPoolMembers(db, period.id),
		listAssignments(db, period.id),
		listExemptions(db, period.id),
		listUnavailability(db, { start: period.startDate, end: period.endDate }),
		ledgerMap(db, period.id)
	]);
	const exempt = new Set(exemptions.map((e) => e.id));
	const current = all.map((x) => ({ slot: toSlot(x), userId: x.userId }));
	const periodLoad = new Map<number, number>();
	for (const x of all)
		if (x.userId) periodLoad.set(x.userId, (periodLoad.get(x.userId) ?? 0) + x.weight);
	const slot = toSlot(a);
	return pool
		.filter((p) => p.role === a.role)
		.map((p) => {
			const pl = periodLoad.get(p.id) ?? 0;
			return {
				...p,
				periodLoad: pl,
				totalLoad: pl + (ledger.get(p.id)?.load ?? 0),
				conflict: exempt.has(p.id)
					? ('exempt' as const)
					: slotConflict(slot, p.id, current, unavailable)
			};
		})
		.sort(
			(x, y) =>
				Number(!!x.conflict) - Number(!!y.conflict) ||
				x.totalLoad - y.totalLoad ||
				x.precedence - y.precedence
		);
}

const assignSchema = z.object({
	assignmentId: z.coerce.number().int().positive(),
	userId: z.union([z.literal('').transform(() => null), z.coerce.number().int().positive()]),
	reason: z
		.string()
		.trim()
		.max(200, { error: () => m.err_too_long({ max: 200 }) })
		.optional()
		.default('')
});

/**
 * The office puts a person in a slot by hand (or empties it). The slot is then locked, so a
 * new generation keeps it. On a published roster this is a recorded office edit: it needs a
 * reason, and both people are told.
 */
export async function assignSlot(
	db: DB,
	actor: Actor,
	input: z.input<typeof assignSchema> | Record<string, unknown>
): Promise<void> {
	const v = parseInput(assignSchema, input);
	await inTransaction(db, async (trx) => {
		const a = await findAssignmentById(trx, v.assignmentId);
		if (!a) throw new NotFoundError();
		const period = await loadManagedPeriod(trx, actor, a.periodId);
		if (period.status === 'published' && !v.reason)
			throw new ValidationError({ reason: m.duty_err_edit_reason() });
		if (v.userId !== null && v.userId !== a.userId) {
			const candidate = (await slotCandidates(trx, actor, a.id)).find((c) => c.id === v.userId);
			if (!candidate) throw new ValidationError({ userId: m.duty_err_not_in_pool() });
			if (candidate.conflict)
				throw new ValidationError({ userId: conflictMessage(candidate.conflict, candidate.name) });
		}
		await setAssignmentUser(trx, a.id, v.userId);
		await trx
			.updateTable('duty_assignments')
			.set({ is_locked: v.userId !== null })
			.where('id', '=', a.id)
			.execute();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: period.status === 'published' ? 'duty_roster.office_edit' : 'duty_roster.assign',
			entity: 'duty_assignment',
			entityId: a.id,
			changes: {
				periodId: period.id,
				date: a.date,
				role: a.role,
				before: a.userId,
				after: v.userId,
				reason: v.reason
			}
		});
		if (period.status === 'published') {
			const now = new Date().toISOString();
			const body = m.duty_notice_edit_body({ period: period.name, date: a.date, reason: v.reason });
			const rows = [a.userId, v.userId].filter((id): id is number => !!id && id !== actor.id);
			await insertNotifications(
				trx,
				rows.map((user_id) => ({
					user_id,
					kind: 'duty_edit',
					title: m.duty_notice_edit_title(),
					body,
					link: `/duty/${period.id}`,
					created_at: now
				}))
			);
		}
	});
}

export function conflictMessage(c: SlotConflict | 'exempt', name: string): string {
	switch (c) {
		case 'unavailable':
			return m.duty_conflict_unavailable({ name });
		case 'exempt':
			return m.duty_conflict_exempt({ name });
		case 'same_shift':
			return m.duty_conflict_same_shift({ name });
		case 'back_to_back':
			return m.duty_conflict_back_to_back({ name });
		case 'overlap':
			return m.duty_conflict_overlap({ name });
	}
}

/** Publishes a complete draft and tells everyone on it their shifts. */
export async function publishPeriod(db: DB, actor: Actor, periodId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const period = await loadManagedPeriod(trx, actor, periodId);
		if (period.status !== 'draft') throw new ValidationError({ _: m.duty_err_published() });
		const all = await listAssignments(trx, periodId);
		if (!all.length) throw new ValidationError({ _: m.duty_err_not_generated() });
		const empty = all.filter((a) => !a.userId).length;
		if (empty) throw new ValidationError({ _: m.duty_err_unfilled({ count: empty }) });
		const now = new Date().toISOString();
		await trx
			.updateTable('duty_periods')
			.set({ status: 'published', published_at: now, updated_at: now })
			.where('id', '=', periodId)
			.execute();
		const shifts = new Map<number, string[]>();
		for (const a of all) {
			const list = shifts.get(a.userId!) ?? [];
			list.push(a.date.slice(5).replace('-', '/'));
			shifts.set(a.userId!, list);
		}
		await insertNotifications(
			trx,
			[...shifts].map(([user_id, dates]) => ({
				user_id,
				kind: 'duty_published',
				title: m.duty_notice_published_title({ period: period.name }),
				body: m.duty_notice_published_body({
					count: dates.length,
					dates: [...new Set(dates)].join('、')
				}),
				link: `/duty/${periodId}`,
				created_at: now
			}))
		);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_period.publish',
			entity: 'duty_period',
			entityId: periodId,
			changes: { slots: all.length, people: shifts.size }
		});
	});
}

/** Everything the roster page shows. */
export async function getRoster(db: DB, actor: Actor, periodId: number) {
	const period = await loadVisiblePeriod(db, actor, periodId);
	const manage = canManageDuty(actor);
	const [days, shifts, assignments] = await Promise.all([
		listPeriodDays(db, periodId),
		listShifts(db, periodId),
		listAssignments(db, periodId)
	]);
	return {
		period,
		days,
		shifts,
		assignments,
		canManage: manage,
		report: manage ? parseReport(period.report) : null
	};
}

/** Periods the actor may see, newest first: drafts only for the office. */
export async function listPeriods(
	db: DB,
	actor: Actor
): Promise<Array<DutyPeriod & { slots: number; mine: number }>> {
	let q = db
		.selectFrom('duty_periods as p')
		.leftJoin('duty_assignments as a', 'a.period_id', 'p.id')
		.selectAll('p')
		.select((eb) => [
			eb.fn.count<number>('a.id').as('slots'),
			eb.fn.sum<number>(eb.case().when('a.user_id', '=', actor.id).then(1).else(0).end()).as('mine')
		])
		.groupBy('p.id');
	if (!canManageDuty(actor)) q = q.where('p.status', '=', 'published');
	const rows = await q.orderBy('p.start_date', 'desc').execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		holidayName: r.holiday_name,
		startDate: r.start_date,
		endDate: r.end_date,
		status: r.status,
		phone: r.phone,
		note: r.note,
		report: '',
		createdBy: r.created_by,
		createdAt: r.created_at,
		updatedAt: r.updated_at,
		publishedAt: r.published_at,
		slots: Number(r.slots),
		mine: Number(r.mine ?? 0)
	}));
}

/** My shifts on published rosters that have not ended yet, soonest first (home page, /duty). */
export function myUpcomingShifts(
	db: DB,
	actor: Actor,
	limit: number,
	now = new Date()
): Promise<DutyAssignment[]> {
	return listUpcomingShiftsOf(db, actor.id, now.toISOString(), limit);
}
