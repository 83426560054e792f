import * as m from '$lib/paraglide/messages';
import {
	slotConflict,
	type DutySlot,
	type LedgerEntry,
	type SlotConflict,
	type UnfilledReason
} from '$lib/domain/duty-roster';
import type { Actor } from '../actor';
import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';
import { NotFoundError } from '../errors';
import { loadManagedPeriod } from './access';
import {
	findAssignmentById,
	listAssignments,
	listShiftsOfPeopleAround,
	type DutyAssignment
} from './assignments.repository';
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

export async function ledgerMap(db: DB, periodId: number): Promise<Map<number, LedgerEntry>> {
	const { rows, labels } = await loadLedger(db, periodId);
	const map = new Map<number, LedgerEntry>();
	for (const r of rows) map.set(r.userId, { load: r.load, lastServed: r.lastServed, labels: {} });
	for (const l of labels) {
		const e = map.get(l.userId);
		if (e) e.labels[l.label] = l.n;
	}
	return map;
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
	const candidates = pool.filter((p) => p.role === a.role).map((p) => p.id);
	const around = await listShiftsOfPeopleAround(db, candidates, period.id, a.startsAt, a.endsAt);
	const current = [...all, ...around].map((x) => ({ slot: toSlot(x), userId: x.userId }));
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
