import { z } from 'zod';
import { DUTY_LOG_KINDS } from '$lib/domain/duty-terms';
import * as m from '$lib/paraglide/messages';
import {
	choiceId,
	clockTime,
	isoDate,
	oneOf,
	optionalDate,
	optionalId,
	requiredText,
	text
} from '../fields';

const time = () => clockTime(() => m.duty_log_err_time());

/** One shift on one duty date: the unit a log and a handover belong to. */
export const shiftInstanceSchema = z.object({
	periodId: choiceId(),
	shiftId: choiceId(),
	date: isoDate()
});
export type ShiftInstanceInput = z.input<typeof shiftInstanceSchema>;

/** A call, visit or incident; an incident also says when and to whom it was reported. */
export const logEntrySchema = shiftInstanceSchema.extend({
	kind: oneOf(DUTY_LOG_KINDS),
	occurredDate: isoDate(),
	occurredTime: time(),
	caller: text(60),
	unit: text(100),
	phone: text(40),
	matter: requiredText(2000),
	handling: text(2000),
	reportedDate: optionalDate(),
	reportedTime: z.union([z.literal(''), time()]).default(''),
	reportedTo: text(100)
});
export type LogEntryInput = z.input<typeof logEntrySchema>;

/** 交班事项 of a shift instance. */
export const handoverSchema = shiftInstanceSchema.extend({ note: requiredText(2000) });
export type HandoverInput = z.input<typeof handoverSchema>;

/** 接班确认 of the previous shift's handover, named by its shift and date. */
export const acknowledgeSchema = z.object({ shiftId: choiceId(), date: isoDate() });
export type AcknowledgeInput = z.input<typeof acknowledgeSchema>;

/** The log search: by period, duty date and text. */
export const logSearchSchema = z.object({
	periodId: optionalId().optional(),
	date: optionalDate(),
	q: text(100),
	page: z.coerce.number().int().positive().catch(1).optional()
});
export type LogSearchInput = z.input<typeof logSearchSchema>;
