/**
 * The one set of zod field helpers every module's form schema is built from (issue 9): how a
 * posted text, id, date, time, number or checkbox is read, with the Chinese-first messages a
 * user sees under the field. A module exports its schemas (`meetingPlanSchema`, …) built from
 * these, and its services take `z.input<typeof schema>`.
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { MAX_ID } from './validation';

/** Text, trimmed, at most `max` characters; absent is ''. */
export const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.err_too_long({ max }) })
		.default('');

/** Text that must be given (not only spaces), at most `max` characters. */
export const requiredText = (max: number) =>
	z
		.string({ error: () => m.err_required() })
		.trim()
		.min(1, { error: () => m.err_required() })
		.max(max, { error: () => m.err_too_long({ max }) });

const idNumber = (message: () => string) =>
	z.coerce
		.number({ error: message })
		.int({ error: message })
		.positive({ error: message })
		.max(MAX_ID, { error: message });

/** A record chosen from a list (a select, a picker): required. */
export const choiceId = (message: () => string = () => m.err_choose_one()) => idNumber(message);

/** A record that may be left unchosen: '' or absent is null. */
export const optionalId = (message: () => string = () => m.err_choose_one()) =>
	z
		.preprocess((v) => (v === '' || v == null ? null : v), idNumber(message).nullable())
		// Without the default, z.input of a preprocess makes the field required in the type.
		.default(null);

/** Several records (a checkbox group, a picker's chips); absent is []. */
export const idList = (message: () => string = () => m.err_choose_one()) =>
	z.array(idNumber(message)).default([]);

/** A calendar date, YYYY-MM-DD. */
export const isoDate = (message: () => string = () => m.err_date()) =>
	z
		.string({ error: () => m.err_required() })
		.trim()
		.min(1, { error: () => m.err_required() })
		.pipe(z.iso.date({ error: message }));

/** A calendar date or '' (not given). */
export const optionalDate = (message: () => string = () => m.err_date()) =>
	z.union([z.literal(''), isoDate(message)]).default('');

/** A wall-clock time, HH:MM (00:00–23:59). */
export const clockTime = (message: () => string) =>
	z.string({ error: message }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: message });

/** A whole number from `min` to `max`; the one message covers all the ways it can be wrong. */
export const wholeNumber = (
	min: number,
	max: number,
	message: () => string = () => m.err_number()
) =>
	z.coerce
		.number({ error: message })
		.int({ error: message })
		.min(min, { error: message })
		.max(max, { error: message });

/** A checkbox: ticked ('on', 'true' or true) or not. */
export const checkbox = () =>
	z.preprocess((x) => x === true || x === 'on' || x === 'true', z.boolean());

/** One of a fixed list of values (a select or radio group). */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: () => m.err_choose_one() });

/** A telephone number as offices write it: digits, +, -, brackets and spaces; '' if not given. */
export const phone = () =>
	z
		.string()
		.trim()
		.regex(/^[0-9+\-() ]{0,32}$/, { error: () => m.err_phone() })
		.default('');

/** Repeated text fields (rows of a table-like form); absent is []. */
export const textList = () => z.array(z.string()).default([]);
