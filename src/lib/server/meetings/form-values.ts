import * as msg from '$lib/paraglide/messages';
import { instantToZonedDate, instantToZonedTime } from '$lib/domain/zoned-time';
import type { AgendaItem, LogisticsItem, Meeting } from './meetings.repository';
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
	m: Meeting,
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
	const startDate = instantToZonedDate(m.startsAt, timeZone);
	const endDate = instantToZonedDate(m.endsAt, timeZone);
	return {
		title: m.title,
		typeId: String(m.typeId),
		date: startDate,
		startTime: instantToZonedTime(m.startsAt, timeZone),
		endDate: endDate === startDate ? '' : endDate,
		endTime: instantToZonedTime(m.endsAt, timeZone),
		roomId: m.roomId ? String(m.roomId) : '',
		location: m.location,
		organiserDepartmentId: m.organiserDepartmentId ? String(m.organiserDepartmentId) : '',
		hostId: m.hostId ? String(m.hostId) : '',
		recorderId: m.recorderId ? String(m.recorderId) : '',
		replyDeadlineDate: m.replyDeadline ? instantToZonedDate(m.replyDeadline, timeZone) : '',
		replyDeadlineTime: m.replyDeadline ? instantToZonedTime(m.replyDeadline, timeZone) : '',
		requirements: m.requirements,
		contactName: m.contactName,
		contactPhone: m.contactPhone,
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
