import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { shiftInterval } from '$lib/domain/duty-days';
import { generateRoster as assignFairly, type DutySlot } from '$lib/domain/duty-roster';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { NotFoundError, ValidationError } from '../errors';
import { insertNotifications } from '../notifications/notifications.repository';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { loadManagedPeriod } from './access';
import { listPeriodDays, listShifts } from './duty.repository';
import {
	findAssignmentById,
	insertAssignments,
	listAssignments,
	setAssignmentUser
} from './assignments.repository';
import { listExemptions, listPoolMembers, listUnavailability } from './periods.repository';
import { conflictMessage, ledgerMap, slotCandidates, type GenerationReport } from './roster.rules';

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
