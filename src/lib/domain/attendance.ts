/** Check-in window, lateness and the attendance tally (参会情况通报). Pure; no I/O. */

export const CHECKIN_OPENS_MINUTES_BEFORE = 60;
export const LATE_GRACE_MINUTES = 10;

export type CheckinWindow = 'not_open' | 'open' | 'closed';
export type AttendanceRole = 'attendee' | 'observer' | 'staff';
export type AttendanceReply = 'pending' | 'attend' | 'excused' | 'deputy';

const MINUTE = 60_000;
const ms = (t: string | Date) => (typeof t === 'string' ? Date.parse(t) : t.getTime());

/** The instant the door opens: an hour before the start, so people arriving early can scan. */
export function checkinOpensAt(startsAt: string): string {
	return new Date(ms(startsAt) - CHECKIN_OPENS_MINUTES_BEFORE * MINUTE).toISOString();
}

/** Open from an hour before the start until (not including) the meeting's end. */
export function checkinWindow(
	meeting: { startsAt: string; endsAt: string },
	now: Date | string
): CheckinWindow {
	const t = ms(now);
	if (t < ms(checkinOpensAt(meeting.startsAt))) return 'not_open';
	return t < ms(meeting.endsAt) ? 'open' : 'closed';
}

/** Late only strictly after start + grace: arriving at 09:10 for a 09:00 meeting is on time. */
export function isLate(
	checkedInAt: string,
	startsAt: string,
	graceMinutes: number = LATE_GRACE_MINUTES
): boolean {
	return ms(checkedInAt) > ms(startsAt) + graceMinutes * MINUTE;
}

export interface Tally {
	/** 应到 */
	expected: number;
	/** 实到 */
	present: number;
	/** 请假 */
	excused: number;
	/** 代会 */
	deputy: number;
	/** 缺席 */
	absent: number;
	/** 迟到 */
	late: number;
}

export interface TallyRow {
	role: AttendanceRole;
	reply: AttendanceReply;
	/** On a principal who sent a deputy, this is the deputy's check-in. */
	checkedInAt: string | null;
	/** The start of the meeting this row belongs to (a period tally mixes meetings). */
	startsAt: string;
}

export function emptyTally(): Tally {
	return { expected: 0, present: 0, excused: 0, deputy: 0, absent: 0, late: 0 };
}

/**
 * The bulletin's counts. 会务人员 serve the meeting and are not counted. Someone who checked
 * in is present whatever they replied, so an excused person who came anyway is present, not
 * excused; hence expected = present + excused + absent always holds. 代会 is an "of which"
 * figure: a principal whose deputy came is also present, one whose deputy did not is also absent.
 */
/**
 * With `now`, people of a meeting that has not started yet are not counted absent: until the
 * start nobody can have missed it.
 */
export function tally(
	rows: readonly TallyRow[],
	graceMinutes: number = LATE_GRACE_MINUTES,
	now?: string
): Tally {
	const t = emptyTally();
	let notYet = 0;
	for (const r of rows) {
		if (r.role === 'staff') continue;
		t.expected++;
		if (r.reply === 'deputy') t.deputy++;
		if (r.checkedInAt) {
			t.present++;
			if (isLate(r.checkedInAt, r.startsAt, graceMinutes)) t.late++;
		} else if (r.reply === 'excused') {
			t.excused++;
		} else if (now && now < r.startsAt) {
			notYet++;
		}
	}
	t.absent = t.expected - t.present - t.excused - notYet;
	return t;
}

export function addTallies(a: Tally, b: Tally): Tally {
	return {
		expected: a.expected + b.expected,
		present: a.present + b.present,
		excused: a.excused + b.excused,
		deputy: a.deputy + b.deputy,
		absent: a.absent + b.absent,
		late: a.late + b.late
	};
}
