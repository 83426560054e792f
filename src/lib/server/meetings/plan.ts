import * as m from '$lib/paraglide/messages';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import type { MeetingPlan } from './meeting-input';
import { activeMembersOf, type NewParticipant } from './participants.repository';

async function activeIds(db: DB, table: 'users' | 'departments', ids: number[]) {
	if (!ids.length) return new Set<number>();
	const rows = await db
		.selectFrom(table)
		.select('id')
		.where('id', 'in', ids)
		.where('is_active', '=', true)
		.execute();
	return new Set(rows.map((r) => r.id));
}

/** Checks every referenced type, person and department; throws field errors. */
export async function checkPlanReferences(
	db: DB,
	plan: MeetingPlan,
	currentTypeId?: number
): Promise<void> {
	const errors: Record<string, string> = {};
	const type = await db
		.selectFrom('meeting_types')
		.select(['id', 'is_active'])
		.where('id', '=', plan.typeId)
		.executeTakeFirst();
	// A meeting keeps a type that was retired after it was planned.
	if (!type || (!type.is_active && type.id !== currentTypeId)) errors.typeId = m.meeting_err_type();
	const named = [plan.hostId, plan.recorderId].filter((x): x is number => x != null);
	const people = [...plan.people.map((p) => p.userId), ...named];
	const users = await activeIds(db, 'users', people);
	if (plan.hostId && !users.has(plan.hostId)) errors.hostId = m.meeting_err_person();
	if (plan.recorderId && !users.has(plan.recorderId)) errors.recorderId = m.meeting_err_person();
	if (plan.people.some((p) => !users.has(p.userId))) errors.attendeeIds = m.meeting_err_person();
	const owners = plan.logistics.flatMap((l) => (l.ownerId ? [l.ownerId] : []));
	const ownersActive = await activeIds(db, 'users', owners);
	if (owners.some((id) => !ownersActive.has(id))) errors._ = m.meeting_err_person();
	const deptIds = [...plan.departments.map((d) => d.departmentId)];
	if (plan.organiserDepartmentId) deptIds.push(plan.organiserDepartmentId);
	const depts = await activeIds(db, 'departments', deptIds);
	if (deptIds.some((d) => !depts.has(d))) errors.attendeeDepartmentIds = m.meeting_err_department();
	if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** People named one by one keep their role; whole departments add their active members. */
export async function resolveParticipants(db: DB, plan: MeetingPlan): Promise<NewParticipant[]> {
	const out = new Map<number, NewParticipant>();
	const roleOf = new Map(plan.departments.map((d) => [d.departmentId, d.role]));
	const members = await activeMembersOf(db, [...roleOf.keys()]);
	for (const u of members) {
		const role = roleOf.get(u.department_id!)!;
		const prev = out.get(u.id);
		if (!prev || (prev.role !== 'attendee' && role === 'attendee')) {
			out.set(u.id, { userId: u.id, role, viaDepartmentId: u.department_id });
		}
	}
	for (const p of plan.people)
		out.set(p.userId, { userId: p.userId, role: p.role, viaDepartmentId: null });
	return [...out.values()];
}
