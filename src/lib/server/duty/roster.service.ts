import type { Insertable } from 'kysely';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { formatDateShort, formatDateWeekday } from '$lib/format';
import { shiftInterval } from '$lib/domain/duty-days';
import { generateRoster as assignFairly, type DutySlot } from '$lib/domain/duty-roster';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyAssignmentsTable, DutyRole } from '../db/schema-duty';
import { NotFoundError, ValidationError } from '../errors';
import { notify } from '../notifications/notify';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { loadManagedPeriod } from './access';
import { lockPeople, lockPeriod } from './locks';
import { listPeriodDays, listShifts } from './duty.repository';
import {
	findAssignmentById,
	findDutyShiftsOverlapping,
	insertAssignments,
	listAssignments,
	setAssignmentUser,
	type DutyAssignment
} from './assignments.repository';
import { listExemptions, listPoolMembers, listUnavailability } from './periods.repository';
import {
	conflictMessage,
	ledgerMap,
	parseReport,
	slotCandidates,
	type GenerationReport
} from './roster.rules';
import { nowIso } from '../clock';

/** Whether the roster about to be written is exactly the one stored (same slots, same people). */
function sameRoster(
	existing: DutyAssignment[],
	rows: Pick<
		Insertable<DutyAssignmentsTable>,
		| 'shift_id'
		| 'duty_date'
		| 'role'
		| 'position'
		| 'weight'
		| 'label'
		| 'starts_at'
		| 'ends_at'
		| 'is_locked'
	>[],
	userOf: (i: number) => number | null
): boolean {
	if (existing.length !== rows.length) return false;
	const stored = new Map(
		existing.map((a) => [`${a.shiftId}:${a.date}:${a.role}:${a.position}`, a])
	);
	return rows.every((r, i) => {
		const a = stored.get(`${r.shift_id}:${r.duty_date}:${r.role}:${r.position}`);
		return (
			!!a &&
			a.userId === userOf(i) &&
			a.weight === r.weight &&
			a.label === r.label &&
			a.startsAt === r.starts_at &&
			a.endsAt === r.ends_at &&
			a.isLocked === r.is_locked
		);
	});
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
		// A second generation waits for the first, then starts again from what it left.
		await lockPeriod(trx, periodId);
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
		const previous = parseReport(period.report);
		if (previous && sameRoster(existing, rows, (i) => who.get(slots[i].key) ?? null)) {
			// Nothing would change (e.g. a second click): no rewrite, no audit row.
			return previous;
		}
		await trx.deleteFrom('duty_assignments').where('period_id', '=', periodId).execute();
		await insertAssignments(
			trx,
			rows.map((r, i) => ({ ...r, user_id: who.get(slots[i].key) ?? null }))
		);
		const shiftName = new Map(shifts.map((s) => [s.id, s.name]));
		const bySlot = new Map(slots.map((s) => [s.key, s]));
		const report: GenerationReport = {
			generatedAt: nowIso(),
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

const assignSchema = z.object({
	assignmentId: z.coerce.number().int().positive(),
	userId: z.union([z.literal('').transform(() => null), z.coerce.number().int().positive()]),
	reason: z
		.string()
		.trim()
		.max(200, { error: () => m.err_too_long({ max: 200 }) })
		.optional()
		.default(''),
	/** 清空此岗位: on a published roster an empty slot is chosen by this box, never by default. */
	clear: z.preprocess((x) => x === true || x === 'on' || x === 'true', z.boolean())
});

/**
 * The office puts a person in a slot by hand (or empties it). The slot is then locked, so a
 * new generation keeps it. On a published roster this is a recorded office edit: it needs a
 * reason, emptying the slot needs `clear`, and both people are told.
 */
export async function assignSlot(
	db: DB,
	actor: Actor,
	input: z.input<typeof assignSchema> | Record<string, unknown>
): Promise<void> {
	const v = parseInput(assignSchema, input);
	await inTransaction(db, async (trx) => {
		const seen = await findAssignmentById(trx, v.assignmentId);
		if (!seen) throw new NotFoundError();
		// The period's lock holds its roster still while the slot's rules are checked (locks.ts).
		await lockPeriod(trx, seen.periodId);
		const a = await findAssignmentById(trx, v.assignmentId);
		if (!a) throw new NotFoundError();
		const period = await loadManagedPeriod(trx, actor, a.periodId);
		if (period.status === 'published' && !v.reason)
			throw new ValidationError({ reason: m.duty_err_edit_reason() });
		const userId = v.clear ? null : v.userId;
		if (period.status === 'published') {
			if (userId === null && !v.clear)
				throw new ValidationError({ userId: m.duty_err_choose_or_clear() });
			if (userId === a.userId) throw new ValidationError({ userId: m.duty_err_edit_unchanged() });
		}
		// The same person again (a second click on a draft): nothing changes.
		if (userId === a.userId && a.isLocked === (userId !== null)) return;
		if (userId !== null && userId !== a.userId) {
			// Their shifts in a neighbouring period may touch this one: held by a person lock.
			await lockPeople(trx, [userId]);
			const candidate = (await slotCandidates(trx, actor, a.id)).find((c) => c.id === userId);
			if (!candidate) throw new ValidationError({ userId: m.duty_err_not_in_pool() });
			if (candidate.conflict)
				throw new ValidationError({ userId: conflictMessage(candidate.conflict, candidate.name) });
		}
		await setAssignmentUser(trx, a.id, userId);
		await trx
			.updateTable('duty_assignments')
			.set({ is_locked: userId !== null })
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
				after: userId,
				reason: v.reason
			}
		});
		if (period.status === 'published') {
			const rows = [a.userId, userId].filter((id): id is number => !!id && id !== actor.id);
			await notify(trx, rows, {
				kind: 'duty_edit',
				title: (o) => m.duty_notice_edit_title({}, o),
				body: (o) =>
					m.duty_notice_edit_body(
						{
							period: period.name,
							date: formatDateWeekday(a.date, undefined, o.locale),
							reason: v.reason
						},
						o
					),
				link: `/duty/${period.id}`
			});
		}
	});
}

/** Publishes a complete draft and tells everyone on it their shifts. */
export async function publishPeriod(db: DB, actor: Actor, periodId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		// Hand edits and generations of this period wait until it is published (locks.ts).
		await lockPeriod(trx, periodId);
		const period = await loadManagedPeriod(trx, actor, periodId);
		if (period.status !== 'draft') throw new ValidationError({ _: m.duty_err_published() });
		const all = await listAssignments(trx, periodId);
		if (!all.length) throw new ValidationError({ _: m.duty_err_not_generated() });
		const empty = all.filter((a) => !a.userId).length;
		if (empty) throw new ValidationError({ _: m.duty_err_unfilled({ count: empty }) });
		const now = nowIso();
		const published = await trx
			.updateTable('duty_periods')
			.set({ status: 'published', published_at: now, updated_at: now })
			.where('id', '=', periodId)
			.where('status', '=', 'draft')
			.returning('id')
			.executeTakeFirst();
		if (!published) throw new ValidationError({ _: m.duty_err_published() });
		const shifts = new Map<number, string[]>();
		for (const a of all) {
			const list = shifts.get(a.userId!) ?? [];
			list.push(a.date);
			shifts.set(a.userId!, list);
		}
		await notify(trx, shifts.keys(), {
			kind: 'duty_published',
			title: (o) => m.duty_notice_published_title({ period: period.name }, o),
			bodyFor: (userId) => {
				const dates = shifts.get(userId) ?? [];
				return (o) =>
					m.duty_notice_published_body(
						{
							count: dates.length,
							dates: [...new Set(dates)]
								.map((d) => formatDateShort(d, undefined, o.locale))
								.join('、')
						},
						o
					);
			},
			link: `/duty/${periodId}`
		});
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

/**
 * Duty shifts of these people overlapping [from, to) — for other modules (a meeting warns
 * that an attendee is on duty then). Other modules reach the roster through this service.
 */
export function dutyShiftsOverlapping(db: DB, userIds: number[], from: string, to: string) {
	return findDutyShiftsOverlapping(db, userIds, from, to);
}
