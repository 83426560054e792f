import * as m from '$lib/paraglide/messages';
import { meetingPhase } from '$lib/domain/meetings';
import type { Actor } from '../actor';
import { audit, type AuditedBy } from '../audit';
import { wasRecordedSince } from '../audit.service';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { findPersonById } from '../org/users.service';
import { parseInput } from '../validation';
import { loadManagedMeeting, loadVisibleMeeting } from './access';
import { bumpMeetingSequence, lockMeeting, type Meeting } from './meetings.repository';
import { replySchema, type ReplyInput } from './meetings.schema';
import { loadAudience, notifyPeople, type Recipient } from './meetings.notify';
import {
	clearLeaveExcuse,
	confirmDeputyRow,
	findLeaveExcusable,
	findLeaveExcused,
	listParticipants,
	setLeaveExcuse,
	setReply,
	type LeaveReplyRow
} from './participants.repository';
import * as clock from '../clock';
import { inTransaction } from '../db/transaction';

function assertOpenForReplies(meeting: Meeting, now: Date) {
	if (meetingPhase(meeting, now) !== 'issued')
		throw new ValidationError({ _: m.reply_err_closed() });
	if (meeting.replyDeadline && now.toISOString() > meeting.replyDeadline) {
		throw new ValidationError({ _: m.reply_err_deadline() });
	}
}

/**
 * 回执: attend; excused with a reason; or a deputy who then goes in the principal's place. A
 * reply recorded after the fact (`notify: false`: the demo's past weeks) tells no deputy now.
 */
export async function replyToMeeting(
	db: DB,
	actor: Actor,
	meetingId: number,
	input: ReplyInput,
	now = clock.now(),
	{ notify = true }: { notify?: boolean } = {}
): Promise<void> {
	const data = parseInput(replySchema, input);
	if (data.reply === 'excused' && !data.reason)
		throw new ValidationError({ reason: m.reply_err_reason() });
	if (data.reply === 'deputy' && !data.deputyId)
		throw new ValidationError({ deputyId: m.reply_err_deputy() });
	await inTransaction(db, async (trx) => {
		// One deputy per principal, and nobody deputising for two: the rule spans the meeting's
		// rows, so replies to one meeting take turns and each reads what the previous wrote.
		await lockMeeting(trx, meetingId);
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		assertOpenForReplies(meeting, now);
		const participants = await listParticipants(trx, meetingId);
		const mine = participants.find((p) => p.userId === actor.id);
		if (!mine) throw new ValidationError({ _: m.reply_err_not_participant() });
		let deputy: Recipient | null = null;
		if (data.reply === 'deputy') {
			const u = await findPersonById(trx, data.deputyId!);
			const taken = participants.some(
				(p) => p.userId === u?.id || (p.deputyId === u?.id && p.id !== mine.id)
			);
			if (!u || !u.isActive || u.id === actor.id)
				throw new ValidationError({ deputyId: m.reply_err_deputy() });
			if (taken)
				throw new ValidationError({ deputyId: m.reply_err_deputy_taken({ name: u.name }) });
			deputy = { userId: u.id, name: u.name, email: u.email, role: mine.role };
		}
		const reason = data.reply === 'attend' ? '' : data.reason;
		const deputyId = deputy?.userId ?? null;
		// The same reply again (a second click, a resent form) changes nothing and sends nothing.
		if (data.reply === mine.reply && reason === mine.replyReason && deputyId === mine.deputyId)
			return;
		await setReply(trx, mine.id, { reply: data.reply, reason, deputyId, at: now.toISOString() });
		await audit(trx, actor, 'meeting.reply', 'meeting', meetingId, {
			reply: data.reply,
			reason: data.reason,
			deputy: deputy?.name ?? null
		});
		if (!notify) return;
		const previous = mine.deputyId && mine.deputyId !== deputy?.userId ? mine : null;
		let version = meeting;
		if (previous) {
			// A replaced deputy is told they need not come; their calendar drops the meeting on a
			// CANCEL whose SEQUENCE is above that of the invite they hold.
			version = { ...meeting, sequence: await bumpMeetingSequence(trx, meetingId) };
			const old: Recipient = {
				userId: previous.deputyId!,
				name: previous.deputyName ?? '',
				email: previous.deputyEmail ?? '',
				role: mine.role,
				deputyFor: mine.name
			};
			const stays = (await loadAudience(trx, meeting)).some((r) => r.userId === old.userId);
			if (!stays) await notifyPeople(trx, version, [old], 'removed');
		}
		if (deputy && deputy.userId !== mine.deputyId)
			await notifyPeople(trx, version, [{ ...deputy, deputyFor: mine.name }], 'notice');
	});
}

/** The named deputy confirms that they will attend in the principal's place. */
export async function confirmDeputy(db: DB, actor: Actor, meetingId: number, now = clock.now()) {
	await inTransaction(db, async (trx) => {
		await lockMeeting(trx, meetingId);
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		assertOpenForReplies(meeting, now);
		const row = (await listParticipants(trx, meetingId)).find(
			(p) => p.reply === 'deputy' && p.deputyId === actor.id
		);
		if (!row) throw new ValidationError({ _: m.reply_err_not_participant() });
		// Already confirmed: a second click is a no-op.
		if (!(await confirmDeputyRow(trx, row.id, actor.id, now.toISOString()))) return;
		await audit(trx, actor, 'meeting.deputy_confirm', 'meeting', meetingId, { for: row.name });
	});
}

/** 催办 by hand at most once in this many minutes per meeting. */
export const URGE_INTERVAL_MINUTES = 5;

/** 催办 by hand: remind everyone who has not replied; returns how many were reminded. */
export async function urgeReplies(db: DB, actor: Actor, meetingId: number): Promise<number> {
	return inTransaction(db, async (trx) => {
		await lockMeeting(trx, meetingId);
		const meeting = await loadManagedMeeting(trx, actor, meetingId);
		const now = clock.now();
		assertOpenForReplies(meeting, now);
		// A second click (or a colleague's at the same moment) must not remind everyone twice.
		const since = new Date(now.getTime() - URGE_INTERVAL_MINUTES * 60_000).toISOString();
		const urged = { entity: 'meeting', entityId: String(meetingId), action: 'meeting.urge', since };
		if (await wasRecordedSince(trx, urged)) {
			throw new ValidationError({
				_: m.reply_err_urged_recently({ minutes: URGE_INTERVAL_MINUTES })
			});
		}
		const pending = (await listParticipants(trx, meetingId)).filter((p) => p.reply === 'pending');
		await notifyPeople(
			trx,
			meeting,
			pending.map((p) => ({ userId: p.userId, name: p.name, email: p.email, role: p.role })),
			'reminder'
		);
		await audit(trx, actor, 'meeting.urge', 'meeting', meetingId, { reminded: pending.length });
		return pending.length;
	});
}

// ---- replies given by approved leave (issue 11) --------------------------------------------

export type { LeaveReplyRow };

/**
 * Approved leave answers for its person (the leave's transaction, `by` its decider): every
 * meeting not cancelled that starts after `at` and overlaps [from, to), where their own reply
 * is still pending or attend, becomes 请假 with `reason` and the leave's id. Deputies' replies
 * stay. Each change is a compare-and-set, audited as 'meeting.reply' with `via: 'leave'`;
 * returns the meetings changed, so the caller can tell their organisers.
 */
export async function excuseForLeave(
	trx: DB,
	by: AuditedBy,
	o: { userId: number; leaveId: number; from: string; to: string; reason: string; at: string }
): Promise<LeaveReplyRow[]> {
	const rows = await findLeaveExcusable(trx, {
		userId: o.userId,
		from: o.from,
		to: o.to,
		after: o.at
	});
	const done: LeaveReplyRow[] = [];
	for (const row of [...rows].sort((a, b) => a.meetingId - b.meetingId)) {
		// Replies to one meeting take turns (see replyToMeeting): lower meeting id first.
		await lockMeeting(trx, row.meetingId);
		if (
			!(await setLeaveExcuse(trx, row.participantId, {
				reason: o.reason,
				leaveId: o.leaveId,
				at: o.at
			}))
		)
			continue;
		await audit(trx, by, 'meeting.reply', 'meeting', row.meetingId, {
			reply: 'excused',
			reason: o.reason,
			userId: o.userId,
			via: 'leave',
			leaveId: o.leaveId
		});
		done.push(row);
	}
	return done.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.meetingId - b.meetingId);
}

/**
 * Leave undone or cut short: the 请假 replies this leave gave in meetings not cancelled that
 * start at or after `from` go back to pending (reason and leave cleared). A reply the person
 * changed by hand meanwhile stays. Audited as 'meeting.reply' with `via: 'leave'`.
 */
export async function undoLeaveExcuse(
	trx: DB,
	by: AuditedBy,
	o: { leaveId: number; from: string }
): Promise<LeaveReplyRow[]> {
	const rows = await findLeaveExcused(trx, o);
	const done: LeaveReplyRow[] = [];
	for (const row of [...rows].sort((a, b) => a.meetingId - b.meetingId)) {
		await lockMeeting(trx, row.meetingId);
		if (!(await clearLeaveExcuse(trx, row.participantId, o.leaveId))) continue;
		await audit(trx, by, 'meeting.reply', 'meeting', row.meetingId, {
			reply: 'pending',
			via: 'leave',
			leaveId: o.leaveId
		});
		done.push(row);
	}
	return done.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.meetingId - b.meetingId);
}
