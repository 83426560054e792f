import { randomUUID } from 'node:crypto';
import { instantToZonedDate, nextDate, zonedToInstant } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import type { DB } from '../db';
import type { ReplyKind } from '../db/schema';
import { DEMO_ROOMS, DEMO_SCHEDULE, insertAgendaFor, type DemoMeeting } from './demo-meetings.data';
import * as clock from '../clock';

const TZ = 'Asia/Shanghai';

interface Person {
	id: number;
	roles: string[];
	departmentId: number | null;
	department: string;
}

async function loadPeople(trx: DB): Promise<Person[]> {
	const rows = await trx
		.selectFrom('users')
		.leftJoin('departments', 'departments.id', 'users.department_id')
		.leftJoin('user_roles', 'user_roles.user_id', 'users.id')
		.select([
			'users.id',
			'users.department_id',
			'departments.name as department',
			'user_roles.role'
		])
		.orderBy('users.precedence')
		.execute();
	const byId = new Map<number, Person>();
	for (const r of rows) {
		const p = byId.get(r.id) ?? {
			id: r.id,
			roles: [],
			departmentId: r.department_id,
			department: r.department ?? ''
		};
		if (r.role) p.roles.push(r.role);
		byId.set(r.id, p);
	}
	return [...byId.values()].filter((p) => !p.roles.includes('auditor') && p.department);
}

function participantsOf(kind: DemoMeeting['who'], people: Person[]): Person[] {
	const leaders = people.filter((p) => p.roles.includes('leader'));
	const heads = people.filter((p) => p.roles.includes('dept_head'));
	if (kind === 'leaders') return leaders;
	if (kind === 'leaders+heads') return [...leaders, ...heads];
	return people.filter((p) => kind.includes(p.department));
}

/** Deterministic replies: most attend, every seventh is excused, every eleventh sends a deputy. */
function replyFor(i: number): ReplyKind {
	if (i % 11 === 5) return 'deputy';
	if (i % 7 === 3) return 'excused';
	return 'attend';
}

/** A month of meetings around today in five rooms, with replies and (for past ones) check-ins. */
export async function loadDemoMeetings(trx: DB, actor: Actor): Promise<number> {
	const roomIds: number[] = [];
	for (const r of DEMO_ROOMS) {
		const row = await trx.insertInto('rooms').values(r).returning('id').executeTakeFirstOrThrow();
		roomIds.push(row.id);
	}
	const types = new Map(
		(await trx.selectFrom('meeting_types').select(['id', 'name']).execute()).map((t) => [
			t.name,
			t.id
		])
	);
	const people = await loadPeople(trx);
	const office = people.find((p) => p.department === '办公室') ?? people[0];
	const now = clock.now();
	let day = instantToZonedDate(new Date(now.getTime() - 14 * 86_400_000).toISOString(), TZ);
	let count = 0;
	for (let d = 0; d < 29; d++, day = nextDate(day)) {
		const weekday = new Date(day + 'T00:00:00Z').getUTCDay();
		if (weekday === 0 || weekday === 6) continue;
		const plan = DEMO_SCHEDULE[count % DEMO_SCHEDULE.length];
		const startsAt = zonedToInstant(day, plan.start, TZ);
		const endsAt = zonedToInstant(day, plan.end, TZ);
		const past = endsAt < now.toISOString();
		// Planned and answered five days ahead, but never later than now.
		const planned = Math.min(
			new Date(startsAt).getTime() - 5 * 86_400_000,
			now.getTime() - 3600_000
		);
		const ts = new Date(planned).toISOString();
		const meeting = await trx
			.insertInto('meetings')
			.values({
				uid: `${randomUUID()}@huiban`,
				title: plan.title,
				type_id: types.get(plan.type)!,
				status: 'issued',
				starts_at: startsAt,
				ends_at: endsAt,
				room_id: roomIds[plan.room],
				requirements: plan.requirements ?? '',
				contact_name: '办公室',
				contact_phone: '0571-87000000',
				classification: plan.classification ?? 'none',
				created_by: actor.id,
				recorder_id: office.id,
				reply_deadline: new Date(new Date(startsAt).getTime() - 86_400_000).toISOString(),
				created_at: ts,
				updated_at: ts,
				issued_at: ts
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await insertAgendaFor(trx, meeting.id, plan.agenda);
		const who = participantsOf(plan.who, people);
		const ids = new Set(who.map((p) => p.id));
		const spare = people.filter((p) => !ids.has(p.id));
		const rows = who.map((p, i) => {
			const reply = past || i % 3 !== 0 ? replyFor(i + count) : 'pending';
			const deputy = reply === 'deputy' ? spare[(i + count) % spare.length] : undefined;
			const late = i % 9 === 4;
			const checkedIn =
				past && (reply === 'attend' || reply === 'deputy')
					? new Date(new Date(startsAt).getTime() + (late ? 15 : -8) * 60_000).toISOString()
					: null;
			return {
				meeting_id: meeting.id,
				user_id: p.id,
				role: 'attendee' as const,
				reply,
				reply_reason: reply === 'excused' ? '外出公务' : '',
				deputy_id: deputy?.id ?? null,
				replied_at: reply === 'pending' ? null : ts,
				checked_in_at: checkedIn,
				checked_in_by: checkedIn ? (deputy?.id ?? p.id) : null
			};
		});
		rows.push({
			...rows[0],
			user_id: office.id,
			role: 'staff' as never,
			reply: 'attend',
			deputy_id: null
		});
		const unique = [...new Map(rows.map((r) => [r.user_id, r])).values()];
		await trx.insertInto('meeting_participants').values(unique).execute();
		count++;
	}
	return count;
}
