/**
 * The meetings module's forms as zod schemas: the plan, a reply, a cancellation, a 会务准备
 * tick and an attachment's removal. Routes read a posted form by them (`formInput`), and the
 * services validate with them, so the rules are the same whoever calls.
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { CLASSIFICATIONS, REPLY_KINDS } from '$lib/domain/meetings';
import {
	checkbox,
	choiceId,
	clockTime,
	idList,
	isoDate,
	oneOf,
	optionalDate,
	optionalId,
	phone,
	requiredText,
	text,
	textList
} from '../fields';
import { NotFoundError } from '../errors';

const time = () => clockTime(() => m.meeting_err_time());

// optionalId() is read as absent when the form leaves it out; `.default(null)` also lets a
// caller leave it out of the typed input.

/** The meeting plan form; repeated fields (agenda, logistics rows, people) are arrays. */
export const meetingPlanSchema = z.object({
	title: requiredText(200),
	typeId: choiceId(),
	date: isoDate(),
	startTime: time(),
	endDate: optionalDate(),
	endTime: time(),
	roomId: optionalId().default(null),
	location: text(200),
	organiserDepartmentId: optionalId().default(null),
	hostId: optionalId(() => m.meeting_err_person()).default(null),
	recorderId: optionalId(() => m.meeting_err_person()).default(null),
	replyDeadlineDate: optionalDate(),
	replyDeadlineTime: z.union([z.literal(''), time()]).default(''),
	requirements: text(2000),
	contactName: text(64),
	contactPhone: phone(),
	classification: oneOf(CLASSIFICATIONS).default('none'),
	agendaTitle: textList(),
	agendaPresenter: textList(),
	agendaMinutes: textList(),
	attendeeIds: idList(() => m.meeting_err_person()),
	observerIds: idList(() => m.meeting_err_person()),
	staffIds: idList(() => m.meeting_err_person()),
	attendeeDepartmentIds: idList(() => m.meeting_err_department()),
	observerDepartmentIds: idList(() => m.meeting_err_department()),
	logisticsItem: textList(),
	logisticsOwner: textList()
});
export type MeetingPlanInput = z.input<typeof meetingPlanSchema>;

/** 回执: attend; excused with a reason; or a deputy. */
export const replySchema = z.object({
	reply: oneOf(REPLY_KINDS),
	reason: text(200),
	deputyId: optionalId(() => m.reply_err_deputy()).default(null)
});
export type ReplyInput = z.input<typeof replySchema>;

/** Cancelling a meeting: the reason people are told. */
export const cancelSchema = z.object({
	reason: z
		.string({ error: () => m.meeting_err_cancel_reason() })
		.trim()
		.min(1, { error: () => m.meeting_err_cancel_reason() })
		.max(200, { error: () => m.err_too_long({ max: 200 }) })
});
export type CancelInput = z.input<typeof cancelSchema>;

/** A 会务准备 task ticked done (`done` 'true') or open again. */
export const logisticsTaskSchema = z.object({
	taskId: choiceId(),
	done: checkbox()
});
export type LogisticsTaskInput = z.input<typeof logisticsTaskSchema>;

/** Removing one of a meeting's materials. */
export const attachmentRemovalSchema = z.object({ attachmentId: choiceId() });
export type AttachmentRemovalInput = z.input<typeof attachmentRemovalSchema>;

/**
 * A form that only names a record (a task to tick, a file to remove): an id that is no id names
 * no record, so it is "not found" like any other unknown id, never a field error.
 */
export function parseRecordRef<S extends z.ZodType>(schema: S, input: z.input<S>): z.output<S> {
	const parsed = schema.safeParse(input);
	if (!parsed.success) throw new NotFoundError();
	return parsed.data;
}
