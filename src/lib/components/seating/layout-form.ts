/**
 * The layout fields of the seating forms (a room's template, a meeting's own layout) read into
 * the layout object the services check with `checkLayout`. Shared by the routes (a posted form)
 * and the editors' live preview (the inputs as typed), so both read the fields the same way.
 * Nothing is validated here: a number that is not one stays NaN and the service says what to fix.
 */
import type { Layout } from '$lib/domain/seating';

export interface LayoutFieldValues {
	kind: string;
	rostrumRows: string;
	rostrum: string[];
	floorRows: string;
	blockCount: string;
	blocks: string[];
	style: string;
	hostSeats: string;
	guestSeats: string;
	door: string;
}

// Number inputs bound in the browser hold numbers, a posted form strings: both are read as text.
const num = (v: unknown) => (v == null || String(v).trim() === '' ? NaN : Number(v));

/** `count` entries of `list`, a missing one repeating the last given (a row added without JS). */
function take(list: string[], count: number): number[] {
	const given = list.map((v) => (v == null ? '' : String(v))).filter((v) => v.trim() !== '');
	const out: number[] = [];
	for (let i = 0; i < count; i++) out.push(num(given[i] ?? given[given.length - 1] ?? ''));
	return out;
}

export function layoutFromFields(v: LayoutFieldValues): Layout {
	if (v.kind === 'talks') {
		return {
			kind: 'talks',
			style: v.style === 'reception' ? 'reception' : 'talks',
			hostSeats: num(v.hostSeats),
			guestSeats: num(v.guestSeats),
			door: v.door === 'left' || v.door === 'right' ? v.door : 'bottom'
		};
	}
	const rostrumRows = Math.max(0, Math.min(6, Math.trunc(num(v.rostrumRows)) || 0));
	const floorRows = num(v.floorRows);
	const blockCount = Math.max(1, Math.min(6, Math.trunc(num(v.blockCount)) || 1));
	return {
		kind: 'hall',
		rostrum: take(v.rostrum, rostrumRows),
		floor: { rows: Number.isNaN(floorRows) ? 0 : floorRows, blocks: take(v.blocks, blockCount) }
	};
}

/** A posted form's layout fields. */
export function layoutFieldsOf(form: FormData): LayoutFieldValues {
	const one = (k: string) => String(form.get(k) ?? '');
	const all = (k: string) => form.getAll(k).map(String);
	return {
		kind: one('kind'),
		rostrumRows: one('rostrumRows'),
		rostrum: all('rostrum'),
		floorRows: one('floorRows'),
		blockCount: one('blockCount'),
		blocks: all('blocks'),
		style: one('style'),
		hostSeats: one('hostSeats'),
		guestSeats: one('guestSeats'),
		door: one('door')
	};
}

/** The fields that show a layout (the editor's starting values). */
export function fieldsOfLayout(layout: Layout | null | undefined): LayoutFieldValues {
	if (layout?.kind === 'talks') {
		return {
			...fieldsOfLayout(null),
			kind: 'talks',
			style: layout.style,
			hostSeats: String(layout.hostSeats),
			guestSeats: String(layout.guestSeats),
			door: layout.door
		};
	}
	const hall = layout ?? { kind: 'hall', rostrum: [7], floor: { rows: 6, blocks: [6, 10, 6] } };
	return {
		kind: 'hall',
		rostrumRows: String(hall.rostrum.length),
		rostrum: hall.rostrum.length ? hall.rostrum.map(String) : ['7'],
		floorRows: String(hall.floor.rows),
		blockCount: String(hall.floor.blocks.length || 1),
		blocks: hall.floor.blocks.length ? hall.floor.blocks.map(String) : ['10'],
		style: 'talks',
		hostSeats: '5',
		guestSeats: '5',
		door: 'bottom'
	};
}

/** A refused form's posted values (as `formAction` hands them back) as the layout fields. */
export function fieldsOfValues(v: Record<string, unknown>): LayoutFieldValues {
	const list = (k: string) =>
		Array.isArray(v[k]) ? (v[k] as unknown[]).map(String) : v[k] ? [String(v[k])] : [];
	const one = (k: string) => String(v[k] ?? '');
	return {
		kind: one('kind'),
		rostrumRows: one('rostrumRows'),
		rostrum: list('rostrum'),
		floorRows: one('floorRows'),
		blockCount: one('blockCount'),
		blocks: list('blocks'),
		style: one('style'),
		hostSeats: one('hostSeats'),
		guestSeats: one('guestSeats'),
		door: one('door')
	};
}
