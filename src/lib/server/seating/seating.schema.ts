import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { checkbox, choiceId, oneOf, optionalId, requiredText, text, wholeNumber } from '../fields';
import { MAX_ID } from '../validation';

export const CONVENTIONS = ['left', 'right'] as const;
export const PAIR_ORDERS = ['12', '21'] as const;
export const FLOOR_ORDERS = [
	'precedence',
	'department',
	'surname_strokes',
	'name_strokes'
] as const;
export const EXCUSED_MODES = ['empty', 'close_up'] as const;

/** A layout posted as JSON text (a form field) or as an object; checkLayout checks its shape. */
const layoutJson = z.preprocess((v) => {
	if (typeof v !== 'string') return v;
	try {
		return JSON.parse(v) as unknown;
	} catch {
		return v;
	}
}, z.unknown());

/** A room's template as the editor posts it. */
export const templateSchema = z.object({
	id: optionalId(),
	roomId: choiceId(),
	name: requiredText(60),
	layout: layoutJson
});
export type TemplateInput = z.input<typeof templateSchema>;

/** The version a form was shown at: the compare-and-set of every change checks it. */
export const planVersion = () =>
	z.coerce
		.number({ error: () => m.seating_err_version() })
		.int({ error: () => m.seating_err_version() })
		.min(1, { error: () => m.seating_err_version() })
		.max(MAX_ID, { error: () => m.seating_err_version() });

/** The plan's setup form: a template of the room, or a layout drawn for this meeting. */
export const planSetupSchema = z.object({
	/** null (or '') when the meeting has no plan yet. */
	version: z
		.preprocess((v) => (v === '' || v == null ? null : v), planVersion().nullable())
		.default(null),
	templateId: optionalId(() => m.seating_err_template()),
	layout: layoutJson.optional(),
	convention: oneOf(CONVENTIONS),
	pair: oneOf(PAIR_ORDERS),
	floorOrder: oneOf(FLOOR_ORDERS),
	excusedMode: oneOf(EXCUSED_MODES),
	seatStaff: checkbox().default(false)
});
/** The setup form's fields as posted (text) or passed (typed); the schema checks them. */
export interface PlanSetupInput {
	/** The version the form was shown at; null (or '') when the meeting has no plan yet. */
	version: number | string | null;
	templateId?: number | string | null;
	/** A Layout, or its JSON text; absent to use the template's. */
	layout?: unknown;
	convention: string;
	pair: string;
	floorOrder: string;
	excusedMode: string;
	seatStaff?: boolean | string;
}

/** A seat key as the plan names seats (R1-3, F12-7, H1, G2); whether the plan has it is checked apart. */
export const seatKey = () =>
	z
		.string({ error: () => m.seating_err_seat() })
		.trim()
		.regex(/^(?:[RF][1-9]\d{0,2}-[1-9]\d{0,3}|[HG][1-9]\d{0,2})$/, {
			error: () => m.seating_err_seat()
		});

export const swapSchema = z.object({ version: planVersion(), a: seatKey(), b: seatKey() });
export const lockSchema = z.object({
	version: planVersion(),
	seat: seatKey(),
	locked: z.boolean()
});
export const placeSchema = z.object({
	version: planVersion(),
	participantId: choiceId(() => m.seating_err_not_participant()),
	seat: seatKey().nullable()
});
export const arrangeSchema = z.object({ version: planVersion() });

/** The highest rank a guest may be given (a talks side holds at most 30). */
export const GUEST_RANK_MAX = 99;

/** A guest of a talks plan as the guest form posts it; rank 1 is the guest principal. */
export const guestSchema = z.object({
	version: planVersion(),
	name: requiredText(40),
	title: text(60),
	rank: wholeNumber(1, GUEST_RANK_MAX, () => m.seating_err_guest_rank({ max: GUEST_RANK_MAX }))
});
export type GuestInput = z.input<typeof guestSchema>;

export const removeGuestSchema = z.object({
	version: planVersion(),
	guestId: choiceId(() => m.seating_err_guest_missing())
});

/** The office's seating settings: the order of two people on a rostrum row. */
export const seatingSettingsSchema = z.object({ pair: oneOf(PAIR_ORDERS) });
export type SeatingSettingsInput = z.input<typeof seatingSettingsSchema>;
