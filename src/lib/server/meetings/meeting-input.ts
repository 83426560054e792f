import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { CLASSIFICATIONS, type ParticipantRole } from '$lib/domain/meetings';
import { zonedToInstant } from '$lib/domain/zoned-time';
import { ValidationError } from '../errors';
import { isRecordId, parseInput } from '../validation';
import { MAX_MEETING_SPAN_DAYS } from './calendar.repository';
import type { AgendaItem } from './meetings.repository';

const id = z.preprocess(
	(v) => (v === '' || v == null ? null : v),
	z.coerce.number().int().positive().nullable()
);
const ids = z.array(z.coerce.number().int().positive()).default([]);
const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.err_too_long({ max }) })
		.default('');
const date = z.iso.date({ error: () => m.err_date() });
const time = z.string().regex(/^\d{2}:\d{2}$/, { error: () => m.meeting_err_time() });

/** The meeting plan form; repeated fields arrive as arrays (see MEETING_ARRAY_FIELDS). */
const planSchema = z.object({
	title: z
		.string()
		.trim()
		.min(1, { error: () => m.err_required() })
		.max(200, { error: () => m.err_too_long({ max: 200 }) }),
	typeId: z.coerce
		.number({ error: () => m.err_choose_one() })
		.int()
		.positive({ error: () => m.err_choose_one() }),
	date,
	startTime: time,
	endDate: z.union([z.literal(''), date]).default(''),
	endTime: time,
	roomId: id,
	location: text(200),
	organiserDepartmentId: id,
	hostId: id,
	recorderId: id,
	replyDeadlineDate: z.union([z.literal(''), date]).default(''),
	replyDeadlineTime: z.union([z.literal(''), time]).default(''),
	requirements: text(2000),
	contactName: text(64),
	contactPhone: z
		.string()
		.trim()
		.regex(/^[0-9+\-() ]{0,32}$/, { error: () => m.err_phone() })
		.default(''),
	classification: z.enum(CLASSIFICATIONS, { error: () => m.err_choose_one() }).default('none'),
	agendaTitle: z.array(z.string()).default([]),
	agendaPresenter: z.array(z.string()).default([]),
	agendaMinutes: z.array(z.string()).default([]),
	attendeeIds: ids,
	observerIds: ids,
	staffIds: ids,
	attendeeDepartmentIds: ids,
	observerDepartmentIds: ids,
	logisticsItem: z.array(z.string()).default([]),
	logisticsOwner: z.array(z.string()).default([])
});

export const MEETING_ARRAY_FIELDS = [
	'agendaTitle',
	'agendaPresenter',
	'agendaMinutes',
	'attendeeIds',
	'observerIds',
	'staffIds',
	'attendeeDepartmentIds',
	'observerDepartmentIds',
	'logisticsItem',
	'logisticsOwner'
];

export interface MeetingPlan {
	title: string;
	typeId: number;
	startsAt: string;
	endsAt: string;
	roomId: number | null;
	location: string;
	organiserDepartmentId: number | null;
	hostId: number | null;
	recorderId: number | null;
	replyDeadline: string | null;
	requirements: string;
	contactName: string;
	contactPhone: string;
	classification: (typeof CLASSIFICATIONS)[number];
	agenda: AgendaItem[];
	people: { userId: number; role: ParticipantRole }[];
	departments: { departmentId: number; role: ParticipantRole }[];
	logistics: { item: string; ownerId: number | null }[];
}

/** Parses the plan form, converting office wall-clock times to UTC instants. */
export function parseMeetingPlan(input: unknown, timeZone: string): MeetingPlan {
	const f = parseInput(planSchema, input);
	const startsAt = zonedToInstant(f.date, f.startTime, timeZone);
	const endsAt = zonedToInstant(f.endDate || f.date, f.endTime, timeZone);
	const errors: Record<string, string> = {};
	if (endsAt <= startsAt) errors.endTime = m.meeting_err_end_before_start();
	// Calendars look back at most this far for meetings still running (calendar.repository).
	else if (Date.parse(endsAt) - Date.parse(startsAt) > MAX_MEETING_SPAN_DAYS * 86_400_000) {
		errors.endDate = m.meeting_err_too_long({ days: MAX_MEETING_SPAN_DAYS });
	}
	if (!f.roomId && !f.location) errors.roomId = m.meeting_err_place();
	let replyDeadline: string | null = null;
	if (f.replyDeadlineDate) {
		replyDeadline = zonedToInstant(f.replyDeadlineDate, f.replyDeadlineTime || '18:00', timeZone);
		if (replyDeadline > startsAt) errors.replyDeadlineDate = m.meeting_err_deadline();
	}
	const agenda: AgendaItem[] = [];
	f.agendaTitle.forEach((title, i) => {
		if (!title.trim()) return;
		const minutes = Number(f.agendaMinutes[i] || 0);
		if (!Number.isInteger(minutes) || minutes < 0 || minutes > 600)
			errors.agenda = m.meeting_err_minutes();
		agenda.push({
			title: title.trim().slice(0, 200),
			presenter: (f.agendaPresenter[i] ?? '').trim().slice(0, 64),
			minutes
		});
	});
	// A person named twice keeps the higher role: 出席 over 列席 over 会务.
	const people = new Map<number, ParticipantRole>();
	for (const [list, role] of [
		[f.staffIds, 'staff'],
		[f.observerIds, 'observer'],
		[f.attendeeIds, 'attendee']
	] as const) {
		for (const userId of list) people.set(userId, role);
	}
	const departments = new Map<number, ParticipantRole>();
	for (const d of f.observerDepartmentIds) departments.set(d, 'observer');
	for (const d of f.attendeeDepartmentIds) departments.set(d, 'attendee');
	if (people.size === 0 && departments.size === 0)
		errors.attendeeIds = m.meeting_err_no_participants();
	const logistics = f.logisticsItem
		.map((item, i) => {
			const owner = (f.logisticsOwner[i] ?? '').trim();
			const ownerId = owner ? Number(owner) : null;
			// A tampered owner (-1, 1.5, beyond 32 bits) names nobody: a message, not a 500.
			if (ownerId !== null && !isRecordId(ownerId)) errors._ = m.meeting_err_person();
			return { item: item.trim().slice(0, 60), ownerId };
		})
		.filter((l) => l.item);
	if (Object.keys(errors).length) throw new ValidationError(errors);
	return {
		title: f.title,
		typeId: f.typeId,
		startsAt,
		endsAt,
		roomId: f.roomId,
		location: f.location,
		organiserDepartmentId: f.organiserDepartmentId,
		hostId: f.hostId,
		recorderId: f.recorderId,
		replyDeadline,
		requirements: f.requirements,
		contactName: f.contactName,
		contactPhone: f.contactPhone,
		classification: f.classification,
		agenda,
		people: [...people].map(([userId, role]) => ({ userId, role })),
		departments: [...departments].map(([departmentId, role]) => ({ departmentId, role })),
		logistics
	};
}
