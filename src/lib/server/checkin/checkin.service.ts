import { randomBytes } from 'node:crypto';
import * as m from '$lib/paraglide/messages';
import { checkinOpensAt, checkinWindow, isLate } from '$lib/domain/attendance';
import { instantToZonedDate } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { getSettings } from '../settings/settings.service';
import { isClassified, meetingFor, organiser, organiserOrHost } from './access';
import { meetingWhen } from './attendance.service';
import {
	clearCheckIn,
	findAttendanceRows,
	findCheckinCode,
	findCheckinMeeting,
	findMeetingIdByCode,
	findRowsForPerson,
	insertCheckinCodeIfMissing,
	markCheckedIn,
	type AttendanceRow,
	type CheckinMeeting
} from './checkin.repository';
import { dateFormatter } from '$lib/domain/zoned-time';
import { now as clockNow, nowIso } from '../clock';
import { inTransaction } from '../db/transaction';

export type { CheckinMeeting } from './checkin.repository';
export * from './attendance.service';

/** The meeting's QR code value; made once, on first use (24 random bytes = 32 url-safe chars). */
export async function getOrCreateCheckinCode(
	db: DB,
	actor: Actor,
	meetingId: number
): Promise<string> {
	await meetingFor(db, actor, meetingId, organiserOrHost(actor));
	const existing = await findCheckinCode(db, meetingId);
	if (existing) return existing;
	return inTransaction(db, async (trx) => {
		const code = randomBytes(24).toString('base64url');
		if (await insertCheckinCodeIfMissing(trx, meetingId, code, nowIso())) {
			await audit(trx, actor, 'meeting.checkin_code', 'meeting', meetingId);
		}
		return (await findCheckinCode(trx, meetingId))!;
	});
}

function clock(iso: string, timeZone: string) {
	const parts = dateFormatter('en-US', {
		timeZone,
		hourCycle: 'h23',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: '2-digit'
	}).formatToParts(new Date(iso));
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
	return {
		month: get('month'),
		day: get('day'),
		hour: String(Number(get('hour'))).padStart(2, '0'),
		minute: get('minute')
	};
}

/** A cancelled or not yet issued meeting takes no check-ins at all. */
function assertIssued(mt: CheckinMeeting): void {
	if (mt.status === 'cancelled') throw new ValidationError({ _: m.checkin_cancelled() });
	if (mt.status !== 'issued') throw new ValidationError({ _: m.checkin_not_issued() });
}

/** Outside the window the refusal says when it opens, so people know when to come back. */
function assertWindowOpen(mt: CheckinMeeting, now: Date, timeZone: string): void {
	const window = checkinWindow(mt, now);
	if (window === 'closed') throw new ValidationError({ _: m.checkin_closed() });
	if (window === 'not_open') {
		const opens = checkinOpensAt(mt.startsAt);
		const c = clock(opens, timeZone);
		const sameDay =
			instantToZonedDate(opens, timeZone) === instantToZonedDate(now.toISOString(), timeZone);
		throw new ValidationError({ _: sameDay ? m.checkin_not_open(c) : m.checkin_not_open_day(c) });
	}
}

async function meetingByCode(db: DB, code: string): Promise<CheckinMeeting> {
	const clean = code.trim();
	const id = /^[\w-]{1,64}$/.test(clean) ? await findMeetingIdByCode(db, clean) : undefined;
	const mt = id == null ? undefined : await findCheckinMeeting(db, id);
	if (!mt) throw new ValidationError({ _: m.checkin_code_invalid() });
	return mt;
}

/** The rows the actor checks in: their own (unless delegated) and those they deputise for. */
async function rowsToCheckIn(db: DB, actor: Actor, meetingId: number): Promise<AttendanceRow[]> {
	const rows = await findRowsForPerson(db, meetingId, actor.id);
	const own = rows.find((r) => r.userId === actor.id);
	const forOthers = rows.filter((r) => r.userId !== actor.id);
	const delegated = own?.reply === 'deputy' && own.deputyId != null;
	const targets = [...(own && !delegated ? [own] : []), ...forOthers];
	if (targets.length) return targets;
	if (delegated)
		throw new ValidationError({ _: m.checkin_delegated({ name: own.deputyName ?? '' }) });
	throw new ValidationError({ _: m.checkin_not_on_list() });
}

export interface CheckinResult {
	meetingTitle: string;
	status: 'checked_in' | 'already';
	late: boolean;
	/** Principals' names when the actor checked in as their deputy. */
	asDeputyFor?: string;
}

const titleFor = (mt: CheckinMeeting) => (isClassified(mt) ? m.checkin_classified() : mt.title);
const deputyFor = (actor: Actor, rows: AttendanceRow[]) =>
	rows
		.filter((r) => r.userId !== actor.id)
		.map((r) => r.name)
		.join('、') || undefined;
const earliest = (rows: AttendanceRow[]) =>
	rows
		.map((r) => r.checkedInAt)
		.filter((t): t is string => !!t)
		.sort()[0];

/** What the phone landing page shows before the button is pressed; writes nothing. */
export async function getCheckinLanding(db: DB, actor: Actor, code: string, now = clockNow()) {
	const mt = await meetingByCode(db, code);
	const { timeZone } = await getSettings(db);
	const meeting = {
		id: mt.id,
		title: titleFor(mt),
		startsAt: mt.startsAt,
		endsAt: mt.endsAt,
		when: meetingWhen(mt.startsAt, mt.endsAt, timeZone),
		place: mt.place
	};
	try {
		assertIssued(mt);
		const targets = await rowsToCheckIn(db, actor, mt.id);
		const done = targets.every((r) => r.checkedInAt);
		if (!done) assertWindowOpen(mt, now, timeZone);
		const at = done ? earliest(targets) : undefined;
		return {
			meeting,
			problem: null,
			checkedIn: at ? { at, late: isLate(at, mt.startsAt) } : null,
			asDeputyFor: deputyFor(actor, targets) ?? null
		};
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		return { meeting, problem: e.message, checkedIn: null, asDeputyFor: null };
	}
}

/** Scanning the door's QR code; a second scan changes nothing and says so. */
export async function checkInWithCode(
	db: DB,
	actor: Actor,
	code: string,
	now = clockNow()
): Promise<CheckinResult> {
	const { timeZone } = await getSettings(db);
	const mt = await meetingByCode(db, code);
	assertIssued(mt);
	const targets = await rowsToCheckIn(db, actor, mt.id);
	const base = { meetingTitle: titleFor(mt), asDeputyFor: deputyFor(actor, targets) };
	const todo = targets.filter((r) => !r.checkedInAt);
	if (!todo.length) {
		return { ...base, status: 'already', late: isLate(earliest(targets)!, mt.startsAt) };
	}
	assertWindowOpen(mt, now, timeZone);
	const at = now.toISOString();
	const late = isLate(at, mt.startsAt);
	const ids = todo.map((r) => r.participantId);
	const changed = await inTransaction(db, async (trx) => {
		const n = await markCheckedIn(trx, ids, at, actor.id);
		if (n === 0) return false;
		await audit(trx, actor, 'meeting.checkin', 'meeting', mt.id, {
			userIds: todo.map((r) => r.userId),
			late,
			asDeputy: !!base.asDeputyFor
		});
		return true;
	});
	// Lost a race with a simultaneous scan or a manual check-in: that one stands.
	return { ...base, status: changed ? 'checked_in' : 'already', late };
}

/** The organiser ticks someone in by hand (paper sign-in, no phone) or takes it back. */
export async function manualCheckIn(
	db: DB,
	actor: Actor,
	meetingId: number,
	participantUserId: number,
	undo = false,
	now = clockNow()
): Promise<{ changed: boolean }> {
	const mt = await meetingFor(db, actor, meetingId, organiser(actor));
	const { timeZone } = await getSettings(db);
	assertIssued(mt);
	// Corrections after the meeting are allowed; ticking people in before the door opens is not.
	if (!undo && checkinWindow(mt, now) === 'not_open') assertWindowOpen(mt, now, timeZone);
	const [row] = await findAttendanceRows(db, { meetingId, userIds: [participantUserId] });
	if (!row) throw new NotFoundError();
	return inTransaction(db, async (trx) => {
		const n = undo
			? await clearCheckIn(trx, row.participantId)
			: await markCheckedIn(trx, [row.participantId], now.toISOString(), actor.id);
		if (n === 0) return { changed: false };
		await audit(trx, actor, 'meeting.checkin_manual', 'meeting', meetingId, {
			userId: participantUserId,
			name: row.name,
			undo
		});
		return { changed: true };
	});
}
