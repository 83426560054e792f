import { expect } from 'vitest';
import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { auditCount, newDepartment, newUser } from '../testing/fixtures';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import { getOrCreateCheckinCode } from './checkin.service';

// 2026-06-01 09:00–10:30 Beijing time.
export const START = '2026-06-01T01:00:00.000Z';
export const END = '2026-06-01T02:30:00.000Z';
export const at = (minutes: number, from = START) => new Date(Date.parse(from) + minutes * 60_000);

export async function person(
	db: DB,
	name: string,
	departmentId: number,
	precedence: number,
	roles?: Role[]
) {
	const u = await newUser(db, { name, departmentId, roles });
	await db.updateTable('users').set({ precedence }).where('id', '=', u.id).execute();
	return u;
}

/** 办公室 (sort 1) and 财务科 (sort 2); the office clerk organises meeting A. */
export async function world(db: DB) {
	const office = await newDepartment(db, { name: '办公室', sortOrder: 1 });
	const finance = await newDepartment(db, { name: '财务科', sortOrder: 2 });
	const clerk = await person(db, '秘书甲', office, 90, ['office']);
	const director = await person(db, '局长王', office, 1, ['leader']);
	const alice = await person(db, '张三', finance, 20);
	const bob = await person(db, '李四', finance, 10);
	const deputy = await person(db, '赵六', finance, 30);
	const outsider = await person(db, '路人', finance, 40);
	const meeting = await newMeeting(db, {
		createdBy: clerk.id,
		title: '局务会议',
		startsAt: START,
		endsAt: END,
		hostId: director.id
	});
	await addParticipant(db, meeting, clerk.id, { role: 'staff', reply: 'attend' });
	await addParticipant(db, meeting, alice.id, { reply: 'attend' });
	await addParticipant(db, meeting, bob.id, { role: 'observer' });
	const code = await getOrCreateCheckinCode(db, clerk.actor, meeting);
	return { office, finance, clerk, director, alice, bob, deputy, outsider, meeting, code };
}

/** What a refused call must leave untouched. */
export async function snapshot(db: DB) {
	const rows = await db
		.selectFrom('meeting_participants')
		.select(['id', 'checked_in_at', 'checked_in_by'])
		.orderBy('id')
		.execute();
	return { rows, audits: await auditCount(db) };
}

export async function checkedIn(db: DB, meetingId: number, userId: number) {
	return db
		.selectFrom('meeting_participants')
		.select(['checked_in_at', 'checked_in_by'])
		.where('meeting_id', '=', meetingId)
		.where('user_id', '=', userId)
		.executeTakeFirstOrThrow();
}

export async function refusal(work: Promise<unknown>): Promise<string> {
	const e = await work.then(
		() => undefined,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(ValidationError);
	return (e as ValidationError).fields._;
}
