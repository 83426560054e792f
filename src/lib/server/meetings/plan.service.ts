/**
 * A meeting plan: read from its form (office wall-clock times to UTC instants), checked against
 * the directory (every type, person and department it names is active) and resolved into the
 * participants it stands for.
 */
import * as m from '$lib/paraglide/messages';
import type { ParticipantRole } from '$lib/domain/meetings';
import { zonedToInstant } from '$lib/domain/zoned-time';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { getDepartments } from '../org/departments.service';
import { isRecordId, parseInput } from '../validation';
import { MAX_MEETING_SPAN_DAYS } from './calendar.repository';
import { activeIdsAmong } from '../org/directory.service';
import { findMeetingTypeById } from './meeting-types.repository';
import type { AgendaItem, MeetingFields } from './meetings.repository';
import { meetingPlanSchema, type MeetingPlanInput } from './meetings.schema';
import { activeMembersOf, type NewParticipant } from './participants.repository';

/** A plan as the service stores it: UTC instants, participants resolved by role. */
export interface MeetingPlan extends MeetingFields {
	agenda: AgendaItem[];
	people: { userId: number; role: ParticipantRole }[];
	departments: { departmentId: number; role: ParticipantRole }[];
	logistics: { item: string; ownerId: number | null }[];
}

type PlanLike = Pick<
	MeetingPlanInput,
	| 'roomId'
	| 'location'
	| 'attendeeIds'
	| 'observerIds'
	| 'staffIds'
	| 'attendeeDepartmentIds'
	| 'observerDepartmentIds'
>;

/** What a plan lacks whatever its other fields say: a place, and anybody to take part. */
function planGaps(p: PlanLike): Record<string, string> {
	const gaps: Record<string, string> = {};
	const given = (v: unknown) =>
		Array.isArray(v) ? v.length > 0 : v != null && String(v).trim() !== '';
	if (!given(p.roomId) && !given(p.location)) gaps.roomId = m.meeting_err_place();
	const lists = [
		p.attendeeIds,
		p.observerIds,
		p.staffIds,
		p.attendeeDepartmentIds,
		p.observerDepartmentIds
	];
	if (!lists.some(given)) gaps.attendeeIds = m.meeting_err_no_participants();
	return gaps;
}

/** Parses the plan form, converting office wall-clock times to UTC instants. */
export function parseMeetingPlan(input: MeetingPlanInput, timeZone: string): MeetingPlan {
	let f;
	try {
		f = parseInput(meetingPlanSchema, input);
	} catch (e) {
		// One submit shows every error: the checks that need no other field join the field errors.
		if (e instanceof ValidationError) {
			throw new ValidationError({ ...planGaps(input), ...e.fields });
		}
		throw e;
	}
	const startsAt = zonedToInstant(f.date, f.startTime, timeZone);
	const endsAt = zonedToInstant(f.endDate || f.date, f.endTime, timeZone);
	const errors: Record<string, string> = planGaps(f);
	if (endsAt <= startsAt) errors.endTime = m.meeting_err_end_before_start();
	// Calendars look back at most this far for meetings still running (calendar.repository).
	else if (Date.parse(endsAt) - Date.parse(startsAt) > MAX_MEETING_SPAN_DAYS * 86_400_000) {
		errors.endDate = m.meeting_err_too_long({ days: MAX_MEETING_SPAN_DAYS });
	}
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

/** Checks every referenced type, person and department; throws field errors. */
export async function checkPlanReferences(
	db: DB,
	plan: MeetingPlan,
	currentTypeId?: number
): Promise<void> {
	const errors: Record<string, string> = {};
	const type = await findMeetingTypeById(db, plan.typeId);
	// A meeting keeps a type that was retired after it was planned.
	if (!type || (!type.isActive && type.id !== currentTypeId)) errors.typeId = m.meeting_err_type();
	const named = [plan.hostId, plan.recorderId].filter((x): x is number => x != null);
	const people = [...plan.people.map((p) => p.userId), ...named];
	const users = await activeIdsAmong(db, 'users', people);
	if (plan.hostId && !users.has(plan.hostId)) errors.hostId = m.meeting_err_person();
	if (plan.recorderId && !users.has(plan.recorderId)) errors.recorderId = m.meeting_err_person();
	if (plan.people.some((p) => !users.has(p.userId))) errors.attendeeIds = m.meeting_err_person();
	const owners = plan.logistics.flatMap((l) => (l.ownerId ? [l.ownerId] : []));
	const ownersActive = await activeIdsAmong(db, 'users', owners);
	if (owners.some((id) => !ownersActive.has(id))) errors._ = m.meeting_err_person();
	const deptIds = [...plan.departments.map((d) => d.departmentId)];
	if (plan.organiserDepartmentId) deptIds.push(plan.organiserDepartmentId);
	if (deptIds.length) {
		const active = new Set((await getDepartments(db)).filter((d) => d.isActive).map((d) => d.id));
		if (deptIds.some((d) => !active.has(d)))
			errors.attendeeDepartmentIds = m.meeting_err_department();
	}
	if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** People named one by one keep their role; whole departments add their active members. */
export async function resolveParticipants(db: DB, plan: MeetingPlan): Promise<NewParticipant[]> {
	const out = new Map<number, NewParticipant>();
	const roleOf = new Map(plan.departments.map((d) => [d.departmentId, d.role]));
	const members = await activeMembersOf(db, [...roleOf.keys()]);
	for (const u of members) {
		const role = roleOf.get(u.departmentId)!;
		const prev = out.get(u.userId);
		if (!prev || (prev.role !== 'attendee' && role === 'attendee')) {
			out.set(u.userId, { userId: u.userId, role, viaDepartmentId: u.departmentId });
		}
	}
	for (const p of plan.people)
		out.set(p.userId, { userId: p.userId, role: p.role, viaDepartmentId: null });
	return [...out.values()];
}
