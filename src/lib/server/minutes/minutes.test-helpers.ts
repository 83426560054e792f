import type { Classification } from '$lib/domain/meetings';
import type { DB } from '../db';
import { createMeeting, issueNotice } from '../meetings/meetings.service';
import { planForm } from '../meetings/meetings.test-helpers';
import { newDepartment, newUser } from '../testing/fixtures';
import type { MinutesDraftInput } from './minutes.schema';

/**
 * An issued meeting with a host (局领导), a recorder and two attendees, planned by the office;
 * two departments for decisions.
 */
export async function heldMeeting(
	db: DB,
	o: { classification?: Classification; typeId?: number; title?: string } = {}
) {
	const office = await newUser(db, { name: '王芳', roles: ['office'] });
	const host = await newUser(db, { name: '李局长', roles: ['leader'] });
	const recorder = await newUser(db, { name: '洪记录' });
	const a = await newUser(db, { name: '孙明' });
	const b = await newUser(db, { name: '周红' });
	const stranger = await newUser(db, { name: '路人甲' });
	const deptA = await newDepartment(db, { name: '财务科' });
	const deptB = await newDepartment(db, { name: '人事科' });
	const form = await planForm(db, {
		attendeeIds: [a.id, b.id],
		classification: o.classification ?? 'none',
		...(o.title ? { title: o.title } : {}),
		...(o.typeId ? { typeId: String(o.typeId) } : {})
	});
	const id = await createMeeting(db, office.actor, {
		...form,
		hostId: String(host.id),
		recorderId: String(recorder.id)
	});
	await issueNotice(db, office.actor, id);
	return { office, host, recorder, a, b, stranger, deptA, deptB, id };
}

/** A draft with two decisions: the first led by `lead` with `co` helping, by a date. */
export function draftForm(
	lead: number,
	co: number,
	body = '会议研究了年终工作。'
): MinutesDraftInput {
	return {
		body,
		decisionText: ['做好年终考核工作', '', '统筹安排节日值班'],
		decisionLeadDepartmentId: [String(lead), '', ''],
		decisionDeadline: ['2026-12-31', '', ''],
		decisionCoDepartmentIds: [String(co), '', '']
	};
}
