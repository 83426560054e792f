import * as m from '$lib/paraglide/messages';
import { formatDateShort, formatDateWeekday } from '$lib/format';
import { generateRoster as assignFairly, type SlotConflict } from '$lib/domain/duty-roster';
import {
	buildPeriodSlots,
	parseReport,
	placeKey,
	sameRoster,
	type GenerationReport
} from '$lib/domain/duty-slots';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { emitWebhookEvent } from '../webhooks/webhooks.events';
import type { DutyRole } from '../db/schema-duty';
import { NotFoundError, ValidationError } from '../errors';
import { notify } from '../notifications/notify';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { nowIso } from '../clock';
import { lockPeople, lockPeriod } from './locks.repository';
import { listPeriodDays, listShifts, publishDraft, updatePeriod } from './periods.repository';
import {
	deleteAssignments,
	findAssignmentById,
	findDutyShiftsOverlapping,
	findPublishedDutyDaysOf,
	insertAssignments,
	listAssignments,
	listShiftsBetween,
	listShiftsOfBetween,
	setAssignmentUser,
	type CalendarShift
} from './roster.repository';
import { listExemptions, listPoolMembers } from './pools.repository';
import { listUnavailability } from './availability.repository';
import { assignSchema, type AssignInput } from './roster.schema';
import { loadManagedPeriod } from './periods.service';
import { ledgerMap, slotCandidates } from './roster.query';

// The roster of a period: the fair generation from who may serve (pools.service.ts), hand
// edits, publishing — and the held shifts other modules look at.

// ---- generation ----------------------------------------------------------------------------

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
			existing.filter((a) => a.isLocked && a.userId).map((a) => [placeKey(a), a.userId])
		);
		const { slots, places } = buildPeriodSlots(days, shifts, timeZone, locked);
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
		const userOf = (i: number) => who.get(slots[i].key) ?? null;
		const previous = parseReport(period.report);
		if (previous && sameRoster(existing, places, userOf)) {
			// Nothing would change (e.g. a second click): no rewrite, no audit row.
			return previous;
		}
		await deleteAssignments(trx, periodId);
		await insertAssignments(
			trx,
			periodId,
			places.map((p, i) => ({ ...p, userId: userOf(i) }))
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
		await updatePeriod(trx, periodId, {
			report: JSON.stringify(report),
			updatedAt: report.generatedAt
		});
		await audit(trx, actor, 'duty_roster.generate', 'duty_period', periodId, {
			slots: slots.length,
			locked: locked.size,
			unfilled: report.unfilled.length,
			spread: report.spread
		});
		return report;
	});
}

// ---- hand edits and publishing -------------------------------------------------------------

/** Why a person may not take a slot, in words naming them. */
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

/**
 * The office puts a person in a slot by hand (or empties it). The slot is then locked, so a
 * new generation keeps it. On a published roster this is a recorded office edit: it needs a
 * reason, emptying the slot needs `clear`, and both people are told.
 */
export async function assignSlot(db: DB, actor: Actor, input: AssignInput): Promise<void> {
	const v = parseInput(assignSchema, input);
	await inTransaction(db, async (trx) => {
		const seen = await findAssignmentById(trx, v.assignmentId);
		if (!seen) throw new NotFoundError();
		// The period's lock holds its roster still while the slot's rules are checked.
		await lockPeriod(trx, seen.periodId);
		const a = await findAssignmentById(trx, v.assignmentId);
		if (!a) throw new NotFoundError();
		const period = await loadManagedPeriod(trx, actor, a.periodId);
		if (period.status === 'published' && !v.reason)
			throw new ValidationError({ reason: m.duty_err_edit_reason() });
		const userId = v.clear ? null : (v.userId ?? null);
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
		await setAssignmentUser(trx, a.id, userId, userId !== null);
		await audit(
			trx,
			actor,
			period.status === 'published' ? 'duty_roster.office_edit' : 'duty_roster.assign',
			'duty_assignment',
			a.id,
			{
				periodId: period.id,
				date: a.date,
				role: a.role,
				before: a.userId,
				after: userId,
				reason: v.reason
			}
		);
		if (period.status === 'published') {
			const told = [a.userId, userId].filter((id): id is number => !!id && id !== actor.id);
			await notify(trx, told, {
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
		// Hand edits and generations of this period wait until it is published.
		await lockPeriod(trx, periodId);
		const period = await loadManagedPeriod(trx, actor, periodId);
		if (period.status !== 'draft') throw new ValidationError({ _: m.duty_err_published() });
		const all = await listAssignments(trx, periodId);
		if (!all.length) throw new ValidationError({ _: m.duty_err_not_generated() });
		const empty = all.filter((a) => !a.userId).length;
		if (empty) throw new ValidationError({ _: m.duty_err_unfilled({ count: empty }) });
		if (!(await publishDraft(trx, periodId, nowIso())))
			throw new ValidationError({ _: m.duty_err_published() });
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
		await audit(trx, actor, 'duty_period.publish', 'duty_period', periodId, {
			slots: all.length,
			people: shifts.size
		});
		await emitWebhookEvent(trx, 'duty.roster_published', { period });
	});
}

// ---- for other modules ---------------------------------------------------------------------

/**
 * Duty shifts of these people overlapping [from, to) — for other modules (a meeting warns
 * that an attendee is on duty then). Other modules reach the roster through this service.
 */
export function dutyShiftsOverlapping(db: DB, userIds: number[], from: string, to: string) {
	return findDutyShiftsOverlapping(db, userIds, from, to);
}

/** The days a person is on published rosters within [startDate, endDate] (approved leave warns). */
export function publishedDutyDaysOf(
	db: DB,
	userId: number,
	startDate: string,
	endDate: string
): Promise<{ periodId: number; periodName: string; date: string }[]> {
	return findPublishedDutyDaysOf(db, userId, startDate, endDate);
}

export type { CalendarShift };

/** The person's held shifts in published periods overlapping [from, to): their calendar. */
export function dutyShiftsOfBetween(
	db: DB,
	userId: number,
	from: string,
	to: string
): Promise<CalendarShift[]> {
	return listShiftsOfBetween(db, userId, from, to);
}

/** Held shifts in published periods overlapping [from, to), of one department or everybody. */
export function dutyShiftsBetween(
	db: DB,
	q: { from: string; to: string; departmentId?: number }
): Promise<CalendarShift[]> {
	return listShiftsBetween(db, q);
}

/** 带班领导 / 值班员, in the office's language (feeds go out in Chinese, as the invites do). */
export const DUTY_ROLE_LABEL: Record<DutyRole, string> = { leader: '带班领导', officer: '值班员' };

/** The feed's UID for a held slot: stable across publishes and reassignments. */
export function dutyUid(assignmentId: number): string {
	return `duty-${assignmentId}@huiban`;
}
