/** Words for seats, said once for the plan, the print pages and the phone view. */
import * as m from '$lib/paraglide/messages';
import type { Seat } from '$lib/domain/seating';

/** 主席台第1排3号 · 第2排5号 · 主方3号 · 客方2号 */
export function seatLabel(seat: Pick<Seat, 'zone' | 'row' | 'number'>): string {
	const { row, number } = seat;
	switch (seat.zone) {
		case 'rostrum':
			return m.seating_seat_rostrum({ row, number });
		case 'host':
			return m.seating_seat_host({ number });
		case 'guest':
			return m.seating_seat_guest({ number });
		default:
			return m.seating_seat_floor({ row, number });
	}
}

export function zoneCaptions(): Partial<Record<Seat['zone'], string>> {
	return {
		rostrum: m.seating_zone_rostrum(),
		host: m.seating_zone_host(),
		guest: m.seating_zone_guest()
	};
}

export const floorOrderLabels = (): Record<string, string> => ({
	precedence: m.seating_order_precedence(),
	department: m.seating_order_department(),
	surname_strokes: m.seating_order_surname(),
	name_strokes: m.seating_order_name()
});
