import {
	instantToZonedDate,
	instantToZonedTime,
	nextDate,
	zonedToInstant
} from '$lib/domain/zoned-time';
import type { Role } from '$lib/domain/roles';
import type { Actor } from '../actor';
import { manualCheckIn } from '../checkin/checkin.service';
import type { DB } from '../db';
import type { ReplyKind } from '../db/schema';
import { listAllMeetingTypes } from '../meetings/meeting-types.service';
import { createMeeting, issueNotice } from '../meetings/meetings.service';
import { replyToMeeting } from '../meetings/replies.service';
import { listAllPeople } from '../org/users.service';
import { createRoom } from '../rooms/rooms.service';
import { DEMO_ROOMS, DEMO_SCHEDULE, type DemoMeeting } from './demo-meetings.data';
import * as clock from '../clock';

const TZ = 'Asia/Shanghai';
const MINUTE = 60_000;
const DAY = 86_400_000;

interface Person {
	id: number;
	name: string;
	roles: Role[];
	departmentId: number | null;
	department: string;
}

/** Everyone who can take part, by precedence: not the auditor, nobody outside a department. */
async function loadPeople(trx: DB): Promise<Person[]> {
	return (await listAllPeople(trx))
		.filter((p) => !p.roles.includes('auditor') && p.departmentName)
		.map((p) => ({
			id: p.id,
			name: p.name,
			roles: p.roles,
			departmentId: p.departmentId,
			department: p.departmentName ?? ''
		}));
}

function participantsOf(kind: DemoMeeting['who'], people: Person[]): Person[] {
	const leaders = people.filter((p) => p.roles.includes('leader'));
	const heads = people.filter((p) => p.roles.includes('dept_head'));
	if (kind === 'leaders') return leaders;
	if (kind === 'leaders+heads') return [...leaders, ...heads];
	return people.filter((p) => kind.includes(p.department));
}

/** Deterministic replies: most attend, every seventh is excused, every eleventh sends a deputy. */
function replyFor(i: number): Exclude<ReplyKind, 'pending'> {
	if (i % 11 === 5) return 'deputy';
	if (i % 7 === 3) return 'excused';
	return 'attend';
}

const wall = (ms: number) => {
	const iso = new Date(ms).toISOString();
	return { date: instantToZonedDate(iso, TZ), time: instantToZonedTime(iso, TZ) };
};

/** A past meeting the demo writes minutes for (demo-minutes.ts). */
export interface HeldMeeting {
	id: number;
	type: string;
	day: string;
	endsAt: Date;
	recorder: Actor;
	host: Actor | null;
}

/**
 * A month of meetings around today in five rooms, with replies and (for past ones) check-ins,
 * made as the office and the participants would make them: through the services, each step
 * audited, at the time it would have happened. Nobody is notified now of the past weeks.
 */
export async function loadDemoMeetings(
	trx: DB,
	actor: Actor,
	held: HeldMeeting[] = [],
	/** Filled with the meetings still to come (the demo seats one of them). */
	upcoming: { id: number; title: string; roomId: number }[] = []
): Promise<number> {
	const roomIds: number[] = [];
	for (const r of DEMO_ROOMS) roomIds.push(await createRoom(trx, actor, r));
	const types = new Map((await listAllMeetingTypes(trx, actor)).map((t) => [t.name, t.id]));
	const people = await loadPeople(trx);
	const office = people.find((p) => p.department === '办公室') ?? people[0];
	const as = (p: Person): Actor => ({ id: p.id, name: p.name, roles: p.roles, ip: actor.ip });
	const chief = people.find((p) => p.roles.includes('leader')) ?? null;
	const now = clock.now();
	let day = instantToZonedDate(new Date(now.getTime() - 14 * DAY).toISOString(), TZ);
	let count = 0;
	for (let d = 0; d < 29; d++, day = nextDate(day)) {
		const weekday = new Date(day + 'T00:00:00Z').getUTCDay();
		if (weekday === 0 || weekday === 6) continue;
		const plan = DEMO_SCHEDULE[count % DEMO_SCHEDULE.length];
		const start = Date.parse(zonedToInstant(day, plan.start, TZ));
		const past = Date.parse(zonedToInstant(day, plan.end, TZ)) < now.getTime();
		// Planned and issued five days ahead, but never later than two hours ago; answered half an
		// hour later, by the day before (or, that day gone, half an hour before the start).
		const issued = new Date(Math.min(start - 5 * DAY, now.getTime() - 120 * MINUTE));
		const deadline = wall(
			start - DAY > issued.getTime() + 60 * MINUTE ? start - DAY : start - 30 * MINUTE
		);
		const replied = new Date(issued.getTime() + 30 * MINUTE);
		const who = participantsOf(plan.who, people);
		const id = await createMeeting(
			trx,
			actor,
			{
				title: plan.title,
				typeId: types.get(plan.type)!,
				date: day,
				startTime: plan.start,
				endTime: plan.end,
				roomId: roomIds[plan.room],
				recorderId: office.id,
				hostId: plan.ledByLeader && chief ? chief.id : null,
				replyDeadlineDate: deadline.date,
				replyDeadlineTime: deadline.time,
				requirements: plan.requirements ?? '',
				contactName: '办公室',
				contactPhone: '0571-87000000',
				classification: plan.classification ?? 'none',
				agendaTitle: plan.agenda,
				agendaMinutes: plan.agenda.map(() => '30'),
				// The office clerk runs the meeting (会务) and so is not among those attending.
				attendeeIds: who.filter((p) => p.id !== office.id).map((p) => p.id),
				staffIds: [office.id]
			},
			issued
		);
		await issueNotice(trx, actor, id, { at: issued, notify: false });
		const ids = new Set([...who.map((p) => p.id), office.id]);
		const spare = people.filter((p) => !ids.has(p.id));
		const present: Person[] = [office];
		const answer = (p: Person, input: Parameters<typeof replyToMeeting>[3]) =>
			replyToMeeting(trx, as(p), id, input, replied, { notify: false });
		await answer(office, { reply: 'attend' });
		for (const [i, p] of who.entries()) {
			if (p.id === office.id || (!past && i % 3 === 0)) continue;
			const reply = replyFor(i + count);
			// A deputy stands in for one person only.
			const deputy = reply === 'deputy' ? spare.splice((i + count) % spare.length, 1)[0] : null;
			if (reply === 'excused') await answer(p, { reply, reason: '外出公务' });
			else await answer(p, deputy ? { reply: 'deputy', deputyId: deputy.id } : { reply: 'attend' });
			if (reply !== 'excused') present.push(p);
		}
		if (!past) upcoming.push({ id, title: plan.title, roomId: roomIds[plan.room] });
		if (past) {
			held.push({
				id,
				type: plan.type,
				day,
				endsAt: new Date(Date.parse(zonedToInstant(day, plan.end, TZ))),
				recorder: as(office),
				host: plan.ledByLeader && chief ? as(chief) : null
			});
			for (const [i, p] of present.entries()) {
				const late = i % 9 === 4;
				const at = new Date(start + (late ? 15 : -8) * MINUTE);
				await manualCheckIn(trx, actor, id, p.id, false, at);
			}
		}
		count++;
	}
	return count;
}
