import type { DB } from '../db';
import { setClock } from '../clock';
import { newDepartment, newUser, type FixtureUser } from '../testing/fixtures';
import { addParticipant, newMeeting, newRoom } from '../testing/meeting-fixtures';
import type { ParticipantRole } from '../db/schema';
import type { HallLayout } from '$lib/domain/seating';
import { expandSeats, type SeatShown } from '$lib/components/seating/compact';
import type { PlanView } from './seating.types';

/** Before the test meetings (which start 2027-03-01 09:30 Beijing): replies are still open. */
export const beforeMeeting = () => setClock('2027-02-20T02:00:00Z');

/** A hall: a rostrum of 7 and a floor of 3 rows of two blocks of 4. */
export const HALL: HallLayout = { kind: 'hall', rostrum: [7], floor: { rows: 3, blocks: [4, 4] } };

async function person(
	db: DB,
	name: string,
	precedence: number,
	departmentId: number | null
): Promise<FixtureUser> {
	const u = await newUser(db, { name, roles: ['staff'], departmentId });
	await db.updateTable('users').set({ precedence }).where('id', '=', u.id).execute();
	return u;
}

/**
 * A seating test's world: the office, a room, a meeting in it (created by the office) with 7
 * 出席 leaders (precedence 1…7), 3 列席 and 1 会务; another meeting with someone else; a
 * colleague on neither, and a deputy to send.
 */
export async function seatingWorld(db: DB) {
	beforeMeeting();
	const office = await newUser(db, { name: '王办公', roles: ['office'] });
	const finance = await newDepartment(db, { name: '财务科', sortOrder: 2 });
	const personnel = await newDepartment(db, { name: '人事科', sortOrder: 1 });
	const roomId = await newRoom(db, { name: '第一会议室', capacity: 40 });
	const meetingId = await newMeeting(db, {
		createdBy: office.id,
		roomId,
		startsAt: '2027-03-01T01:30:00.000Z'
	});
	const names = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七'];
	const leaders: (FixtureUser & { participantId: number })[] = [];
	for (const [i, name] of names.entries()) {
		const u = await person(db, name, i + 1, null);
		leaders.push({ ...u, participantId: await addParticipant(db, meetingId, u.id) });
	}
	const observers: (FixtureUser & { participantId: number })[] = [];
	for (const [i, [name, dept]] of (
		[
			['王文', finance],
			['文武', personnel],
			['林立', finance]
		] as const
	).entries()) {
		const u = await person(db, name, 20 + i, dept);
		observers.push({
			...u,
			participantId: await addParticipant(db, meetingId, u.id, {
				role: 'observer' as ParticipantRole
			})
		});
	}
	const staffUser = await person(db, '会务员', 50, null);
	const staffParticipant = await addParticipant(db, meetingId, staffUser.id, { role: 'staff' });
	const deputy = await person(db, '副手', 60, finance);
	const outsider = await person(db, '局外人', 70, finance);
	const otherMeeting = await newMeeting(db, {
		createdBy: office.id,
		roomId,
		startsAt: '2027-03-02T01:30:00.000Z'
	});
	await addParticipant(db, otherMeeting, outsider.id);
	return {
		office,
		roomId,
		meetingId,
		otherMeeting,
		leaders,
		observers,
		staff: { ...staffUser, participantId: staffParticipant },
		deputy,
		outsider
	};
}

export type SeatingWorld = Awaited<ReturnType<typeof seatingWorld>>;

export const setupForm = (o: Record<string, unknown> = {}) => ({
	version: null as number | null,
	layout: HALL,
	convention: 'left',
	pair: '12',
	floorOrder: 'surname_strokes',
	excusedMode: 'empty',
	seatStaff: false,
	...o
});

/**
 * The plan page's taken seats as the browser unpacks them (compact.ts), guests apart, by seat
 * key: what the map shows on each.
 */
export function placementsOf(page: PlanView): SeatShown[] {
	return [...expandSeats(page.seats, [], page.plan?.excusedMode ?? 'empty').values()].sort((a, b) =>
		a.seat.localeCompare(b.seat)
	);
}
