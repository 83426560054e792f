import * as msg from '$lib/paraglide/messages';
import { instantToZonedDate, instantToZonedTime } from '$lib/domain/zoned-time';
import type { AgendaItem, LogisticsItem, MeetingJoined } from './meetings.repository';
import type { Participant } from './participants.repository';
import * as clock from '../clock';

export type FormValues = Record<string, string | string[]>;

/** An empty plan: tomorrow 09:00–10:30, the default logistics checklist. */
export function blankMeetingForm(timeZone: string, now = clock.now()): FormValues {
	// The default 会务准备 checklist, offered in the reader's language (data once saved).
	const defaults = [
		msg.meeting_logistics_default_venue(),
		msg.meeting_logistics_default_banner(),
		msg.meeting_logistics_default_name_cards(),
		msg.meeting_logistics_default_tea(),
		msg.meeting_logistics_default_sound(),
		msg.meeting_logistics_default_materials()
	];
	const tomorrow = instantToZonedDate(new Date(now.getTime() + 86_400_000).toISOString(), timeZone);
	return {
		date: tomorrow,
		startTime: '09:00',
		endTime: '10:30',
		classification: 'none',
		logisticsItem: defaults,
		logisticsOwner: defaults.map(() => '')
	};
}

/** A stored plan as the form shows it (office wall-clock times). */
export function meetingToForm(
	m: MeetingJoined,
	agenda: AgendaItem[],
	logistics: LogisticsItem[],
	participants: Pick<Participant, 'role' | 'userId' | 'viaDepartmentId'>[],
	timeZone: string
): FormValues {
	const direct = (role: string) =>
		participants.filter((p) => p.role === role && !p.viaDepartmentId).map((p) => String(p.userId));
	const viaDept = (role: string) => [
		...new Set(
			participants
				.filter((p) => p.role === role && p.viaDepartmentId)
				.map((p) => String(p.viaDepartmentId))
		)
	];
	const startDate = instantToZonedDate(m.starts_at, timeZone);
	const endDate = instantToZonedDate(m.ends_at, timeZone);
	return {
		title: m.title,
		typeId: String(m.type_id),
		date: startDate,
		startTime: instantToZonedTime(m.starts_at, timeZone),
		endDate: endDate === startDate ? '' : endDate,
		endTime: instantToZonedTime(m.ends_at, timeZone),
		roomId: m.room_id ? String(m.room_id) : '',
		location: m.location,
		organiserDepartmentId: m.organiser_department_id ? String(m.organiser_department_id) : '',
		hostId: m.host_id ? String(m.host_id) : '',
		recorderId: m.recorder_id ? String(m.recorder_id) : '',
		replyDeadlineDate: m.reply_deadline ? instantToZonedDate(m.reply_deadline, timeZone) : '',
		replyDeadlineTime: m.reply_deadline ? instantToZonedTime(m.reply_deadline, timeZone) : '',
		requirements: m.requirements,
		contactName: m.contact_name,
		contactPhone: m.contact_phone,
		classification: m.classification,
		agendaTitle: agenda.map((a) => a.title),
		agendaPresenter: agenda.map((a) => a.presenter),
		agendaMinutes: agenda.map((a) => String(a.minutes)),
		attendeeIds: direct('attendee'),
		observerIds: direct('observer'),
		staffIds: direct('staff'),
		attendeeDepartmentIds: viaDept('attendee'),
		observerDepartmentIds: viaDept('observer'),
		logisticsItem: logistics.map((l) => l.item),
		logisticsOwner: logistics.map((l) => (l.ownerId ? String(l.ownerId) : ''))
	};
}
