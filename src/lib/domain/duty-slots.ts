/**
 * A roster's slots (pure): the places a period's days × shifts open, the one mapping from a
 * stored slot to the engine's `DutySlot`, and the generation report kept with the period.
 */
import { shiftInterval } from './duty-days';
import type { DutyRole, DutySlot, UnfilledReason } from './duty-roster';

/** A stored slot of a roster, as far as the rules need it. */
export interface RosterSlot {
	id: number;
	shiftId: number;
	date: string;
	startsAt: string;
	endsAt: string;
	role: DutyRole;
	weight: number;
	label: string;
	userId: number | null;
}

/** The one mapping from a stored slot to what the roster rules check. */
export function toSlot(a: Omit<RosterSlot, 'userId'>): DutySlot {
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

/** A slot about to be written by a generation. */
export interface NewSlot {
	shiftId: number;
	date: string;
	role: DutyRole;
	position: number;
	weight: number;
	label: string;
	startsAt: string;
	endsAt: string;
	isLocked: boolean;
}

export interface PeriodDay {
	date: string;
	weight: number;
	label: string;
}

export interface PeriodShift {
	id: number;
	startTime: string;
	endTime: string;
	isOvernight: boolean;
	leadersNeeded: number;
	officersNeeded: number;
	weight: number;
}

/** The key of a place on a roster: shift, date, role and position. */
export const placeKey = (s: { shiftId: number; date: string; role: DutyRole; position: number }) =>
	`${s.shiftId}:${s.date}:${s.role}:${s.position}`;

/**
 * Every place of a period (each day × shift × role × position) as the engine's slots and as the
 * rows to write; `locked` holds the people set by hand, by place key, who stay.
 */
export function buildPeriodSlots(
	days: PeriodDay[],
	shifts: PeriodShift[],
	timeZone: string,
	locked: Map<string, number | null>
): { slots: DutySlot[]; places: NewSlot[] } {
	const slots: DutySlot[] = [];
	const places: NewSlot[] = [];
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
					const key = placeKey({ shiftId: s.id, date: d.date, role, position });
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
					places.push({
						shiftId: s.id,
						date: d.date,
						role,
						position,
						weight,
						label: d.label,
						startsAt: t.startsAt,
						endsAt: t.endsAt,
						isLocked: locked.has(key)
					});
				}
			}
		}
	}
	return { slots, places };
}

/** Whether the roster about to be written is exactly the one stored (same slots, same people). */
export function sameRoster(
	existing: Array<Omit<RosterSlot, 'id'> & { position: number; isLocked: boolean }>,
	places: NewSlot[],
	userOf: (i: number) => number | null
): boolean {
	if (existing.length !== places.length) return false;
	const stored = new Map(existing.map((a) => [placeKey(a), a]));
	return places.every((r, i) => {
		const a = stored.get(placeKey(r));
		return (
			!!a &&
			a.userId === userOf(i) &&
			a.weight === r.weight &&
			a.label === r.label &&
			a.startsAt === r.startsAt &&
			a.endsAt === r.endsAt &&
			a.isLocked === r.isLocked
		);
	});
}

/** What the last generation found: the spread per pool and every slot it could not fill. */
export interface GenerationReport {
	generatedAt: string;
	slots: number;
	spread: Record<DutyRole, { period: number; total: number }>;
	unfilled: Array<{ date: string; shiftName: string; role: DutyRole; reason: UnfilledReason }>;
}

/** The report stored with a period (JSON), or null when there is none or it is unreadable. */
export function parseReport(text: string): GenerationReport | null {
	if (!text) return null;
	try {
		return JSON.parse(text) as GenerationReport;
	} catch {
		return null;
	}
}
