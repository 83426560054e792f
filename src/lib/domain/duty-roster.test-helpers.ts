import { expect } from 'vitest';
import type { DutyCandidate, DutyRole, DutySlot, RosterInput, RosterResult } from './duty-roster';

/** Builders and rule checks shared by the duty-roster tests. */

const DAY_MS = 86_400_000;

export function addDays(date: string, n: number): string {
	return new Date(Date.parse(date + 'T00:00:00Z') + n * DAY_MS).toISOString().slice(0, 10);
}

/** Beijing wall time (UTC+8, no DST) as a UTC instant. */
export function beijing(date: string, time: string): string {
	return new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();
}

/**
 * 白班 08:30–17:30 (weight 1) and 夜班 17:30–08:30 next day (weight 1.5) on each of `days` days
 * from `from`, with `leaders` and `officers` slots per shift; `labels` weighs special days ×3.
 */
export function holiday(
	from: string,
	days: number,
	leaders: number,
	officers: number,
	labels: Record<string, string> = {}
): DutySlot[] {
	const slots: DutySlot[] = [];
	for (let i = 0; i < days; i++) {
		const date = addDays(from, i);
		const label = labels[date] ?? null;
		const dayWeight = label ? 3 : 1;
		const shifts = [
			{ id: 'day', start: beijing(date, '08:30'), end: beijing(date, '17:30'), weight: 1 },
			{
				id: 'night',
				start: beijing(date, '17:30'),
				end: beijing(addDays(date, 1), '08:30'),
				weight: 1.5
			}
		];
		for (const shift of shifts) {
			const shiftKey = `${shift.id}:${date}`;
			const roles: Array<[DutyRole, number]> = [
				['leader', leaders],
				['officer', officers]
			];
			for (const [role, count] of roles) {
				for (let position = 1; position <= count; position++) {
					slots.push({
						key: `${shiftKey}:${role}:${position}`,
						shiftKey,
						date,
						startsAt: shift.start,
						endsAt: shift.end,
						role,
						weight: dayWeight * shift.weight,
						label
					});
				}
			}
		}
	}
	return slots;
}

export function pool(ids: number[], precedenceBase = 1): DutyCandidate[] {
	return ids.map((id, i) => ({ id, precedence: precedenceBase + i, name: `人员${id}` }));
}

export function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function input(partial: Partial<RosterInput> & Pick<RosterInput, 'slots'>): RosterInput {
	return {
		pools: { leader: [], officer: [] },
		ledger: new Map(),
		unavailable: [],
		exempt: new Set(),
		...partial
	};
}

/** Who holds each slot, by slot key. */
export function holders(slots: DutySlot[], result: RosterResult): Map<string, number | null> {
	expect(result.assignments.map((a) => a.slotKey)).toEqual(slots.map((s) => s.key));
	return new Map(result.assignments.map((a) => [a.slotKey, a.userId]));
}

/** Every rule a published roster must keep; returns the broken ones as readable strings. */
export function violations(rosterInput: RosterInput, result: RosterResult): string[] {
	const out: string[] = [];
	const byPerson = new Map<number, DutySlot[]>();
	result.assignments.forEach(({ userId }, i) => {
		const slot = rosterInput.slots[i];
		if (userId === null || slot.fixedUserId != null) return;
		if (rosterInput.exempt.has(userId)) out.push(`${userId} exempt but on ${slot.key}`);
		if (!rosterInput.pools[slot.role].some((c) => c.id === userId)) {
			out.push(`${userId} not in the ${slot.role} pool but on ${slot.key}`);
		}
		for (const u of rosterInput.unavailable) {
			if (u.userId === userId && u.startDate <= slot.date && slot.date <= u.endDate) {
				out.push(`${userId} on leave but on ${slot.key}`);
			}
		}
	});
	result.assignments.forEach(({ userId }, i) => {
		if (userId === null) return;
		byPerson.set(userId, [...(byPerson.get(userId) ?? []), rosterInput.slots[i]]);
	});
	for (const [userId, slots] of byPerson) {
		for (let i = 0; i < slots.length; i++) {
			for (let j = i + 1; j < slots.length; j++) {
				const [a, b] = [slots[i], slots[j]];
				if (a.fixedUserId != null && b.fixedUserId != null) continue;
				if (a.shiftKey === b.shiftKey) out.push(`${userId} twice in ${a.shiftKey}`);
				else if (a.endsAt >= b.startsAt && a.startsAt <= b.endsAt) {
					out.push(`${userId} back to back on ${a.key} and ${b.key}`);
				}
			}
		}
	}
	return out;
}
