import * as m from '$lib/paraglide/messages';
import {
	isLate,
	LATE_GRACE_MINUTES,
	tally,
	type AttendanceReply,
	type AttendanceRole,
	type Tally
} from '$lib/domain/attendance';
import { instantToZonedDate, nextDate, zonedToInstant } from '$lib/domain/zoned-time';
import { isCalendarDate } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import { canReadAttendance, requirePermission } from '../permissions';
import type { DB } from '../db';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { formatSpan } from '$lib/format';
import { meetingFor, organiser, organiserOrHost } from './access';
import {
	findAttendanceRows,
	findPeriodAttendanceRows,
	findTypeAttendance,
	type AttendanceRow,
	type SessionAttendance
} from './checkin.repository';
import { activeMeetingTypes } from '../meetings/meeting-types.service';
import { attendancePeriodSchema, type AttendancePeriodInput } from './checkin.schema';
import * as clock from '../clock';

export interface PersonAttendance {
	userId: number;
	name: string;
	departmentName: string;
	role: AttendanceRole;
	reply: AttendanceReply;
	replyReason: string;
	deputyName: string | null;
	checkedInAt: string | null;
	/** Who recorded the check-in when it was not the person themself. */
	checkedInByName: string | null;
	late: boolean;
	roleLabel: string;
	replyLabel: string;
}

export interface DepartmentGroup<T> {
	departmentId: number | null;
	name: string;
	tally: Tally;
	people: T[];
}

/** Departments in their sort order, people without a department last (same on both dialects). */
function byDepartment(rows: AttendanceRow[], now?: string): DepartmentGroup<AttendanceRow>[] {
	const groups = new Map<number | null, AttendanceRow[]>();
	for (const r of rows) groups.set(r.departmentId, [...(groups.get(r.departmentId) ?? []), r]);
	const key = (r: AttendanceRow) => [r.departmentSort ?? Infinity, r.departmentId ?? Infinity];
	return [...groups.values()]
		.sort((a, b) => {
			const [x, y] = [key(a[0]), key(b[0])];
			return x[0] - y[0] || x[1] - y[1];
		})
		.map((people) => ({
			departmentId: people[0].departmentId,
			name: people[0].departmentName ?? m.checkin_no_department(),
			tally: tally(people, LATE_GRACE_MINUTES, now),
			people
		}));
}

export function roleLabel(role: AttendanceRole): string {
	const labels = {
		attendee: m.checkin_role_attendee,
		observer: m.checkin_role_observer,
		staff: m.checkin_role_staff
	};
	return labels[role]();
}

export function replyLabel(reply: AttendanceReply, deputyName: string | null): string {
	if (reply === 'deputy') return m.checkin_reply_deputy({ name: deputyName ?? '' });
	const labels = {
		pending: m.checkin_reply_pending,
		attend: m.checkin_reply_attend,
		excused: m.checkin_reply_excused
	};
	return labels[reply]();
}

function toPerson(r: AttendanceRow): PersonAttendance {
	return {
		userId: r.userId,
		name: r.name,
		departmentName: r.departmentName ?? m.checkin_no_department(),
		role: r.role,
		reply: r.reply,
		replyReason: r.replyReason,
		deputyName: r.reply === 'deputy' ? r.deputyName : null,
		checkedInAt: r.checkedInAt,
		checkedInByName: r.checkedInBy !== r.userId ? r.checkedInByName : null,
		late: !!r.checkedInAt && isLate(r.checkedInAt, r.startsAt),
		roleLabel: roleLabel(r.role),
		replyLabel: replyLabel(r.reply, r.deputyName)
	};
}

/** 2026年6月1日（星期一）09:00—10:30 in the office's zone; both dates when it runs past midnight. */
export function meetingWhen(startsAt: string, endsAt: string, timeZone: string): string {
	return formatSpan(startsAt, endsAt, timeZone);
}

/** One meeting's list and counts, for the organiser, the host and the office. */
export async function meetingAttendance(db: DB, actor: Actor, meetingId: number) {
	const mt = await meetingFor(db, actor, meetingId, organiserOrHost(actor));
	const { timeZone } = await getSettings(db);
	const rows = await findAttendanceRows(db, { meetingId });
	const now = clock.nowIso();
	const departments = byDepartment(rows, now).map((g) => ({
		...g,
		people: g.people.map(toPerson)
	}));
	return {
		meeting: { ...mt, when: meetingWhen(mt.startsAt, mt.endsAt, timeZone) },
		departments,
		total: tally(rows, LATE_GRACE_MINUTES, now),
		canCheckInManually: organiser(actor)(mt)
	};
}
export type MeetingAttendance = Awaited<ReturnType<typeof meetingAttendance>>;

export interface PersonTotals {
	userId: number;
	name: string;
	departmentName: string;
	tally: Tally;
}

/** Totals across issued meetings that started in [from, to); meetings yet to start don't count. */
export async function periodAttendance(
	db: DB,
	actor: Actor,
	input: AttendancePeriodInput,
	now = clock.now()
) {
	requirePermission(actor, canReadAttendance);
	const f = parseInput(attendancePeriodSchema, input);
	const to = new Date(Math.min(Date.parse(f.to), now.getTime())).toISOString();
	const from = new Date(f.from).toISOString();
	const { rows, meetingCount } = await findPeriodAttendanceRows(db, { ...f, from, to });
	const counted = rows.filter((r) => r.role !== 'staff');
	const departments = byDepartment(counted).map((g) => {
		const people = new Map<number, AttendanceRow[]>();
		for (const r of g.people) people.set(r.userId, [...(people.get(r.userId) ?? []), r]);
		const totals: PersonTotals[] = [...people.values()].map((rs) => ({
			userId: rs[0].userId,
			name: rs[0].name,
			departmentName: g.name,
			tally: tally(rs)
		}));
		return { ...g, people: totals };
	});
	return { from: f.from, to: f.to, meetingCount, departments, total: tally(counted) };
}
export type PeriodAttendance = Awaited<ReturnType<typeof periodAttendance>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DATE.test(v) && isCalendarDate(v);
const positiveInt = (v: string | null | undefined) => {
	const n = Number(v);
	return Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * A period given as office-zone calendar dates (both inclusive, as people say "1 to 30 June"),
 * defaulting to the current month; `from`/`to` are the instants periodAttendance takes.
 */
export async function resolvePeriodQuery(
	db: DB,
	q: { from?: string | null; to?: string | null; department?: string | null; type?: string | null },
	now = clock.now()
) {
	const { timeZone } = await getSettings(db);
	const today = instantToZonedDate(now.toISOString(), timeZone);
	const [y, mo] = today.split('-').map(Number);
	const lastDay = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
	const fromDate = q.from && isDate(q.from) ? q.from : today.slice(0, 8) + '01';
	const toDate = q.to && isDate(q.to) ? q.to : lastDay;
	return {
		fromDate,
		toDate,
		from: zonedToInstant(fromDate, '00:00', timeZone),
		to: zonedToInstant(nextDate(toDate), '00:00', timeZone),
		departmentId: positiveInt(q.department),
		typeId: positiveInt(q.type)
	};
}

/** Active meeting types, for the period bulletin's filter. */
export async function getMeetingTypesForFilter(db: DB): Promise<{ id: number; name: string }[]> {
	return (await activeMeetingTypes(db)).map((t) => ({ id: t.id, name: t.name }));
}

/** The meeting type of group study sessions (集中学习), seeded in migrations/0004. */
export const GROUP_STUDY_TYPE = '集中学习';

/**
 * Group study sessions (集中学习) attended by each person between two instants [from, to):
 * counted from check-in, or — at a session where no check-in was taken — from the reply
 * 参加. One row per person and session (one person's with `userId`). No permission: the study
 * statistics check their own.
 */
export function groupStudyAttendance(
	db: DB,
	from: string,
	to: string,
	userId?: number
): Promise<SessionAttendance[]> {
	return findTypeAttendance(db, { typeName: GROUP_STUDY_TYPE, from, to, userId });
}
