import { instantToZonedDate, instantToZonedTime } from './zoned-time';
/** Message keys a room check can warn with; the caller renders them through the messages. */
export type CapacityWarning = 'rooms_capacity_exceeded';

/** A room too small for the meeting is a warning, not a refusal: people may stand or share. */
export function capacityWarning(
	room: { capacity: number },
	participantCount: number
): CapacityWarning | null {
	return participantCount > room.capacity ? 'rooms_capacity_exceeded' : null;
}

// People type 、，；or ASCII separators interchangeably; the catalogue stores one form.
const EQUIPMENT_SEPARATORS = /[,，、;；\n]+/;

export function equipmentList(equipment: string): string[] {
	return equipment
		.split(EQUIPMENT_SEPARATORS)
		.map((s) => s.trim())
		.filter(Boolean);
}

export function normaliseEquipment(equipment: string): string {
	return equipmentList(equipment).join(', ');
}

export interface SlotParts {
	month: number;
	day: number;
	start: string;
	endMonth: number;
	endDay: number;
	end: string;
	sameDay: boolean;
}

function wallClock(iso: string, timeZone: string) {
	const [, month, day] = instantToZonedDate(iso, timeZone).split('-').map(Number);
	return { month, day, time: instantToZonedTime(iso, timeZone) };
}

/** A meeting's time as wall-clock pieces in the office's zone, for "12月1日 09:30–10:30". */
export function slotParts(startsAt: string, endsAt: string, timeZone: string): SlotParts {
	const s = wallClock(startsAt, timeZone);
	const e = wallClock(endsAt, timeZone);
	return {
		month: s.month,
		day: s.day,
		start: s.time,
		endMonth: e.month,
		endDay: e.day,
		end: e.time,
		sameDay: s.month === e.month && s.day === e.day
	};
}
