import { createHash } from 'node:crypto';
import * as m from '$lib/paraglide/messages';
import {
	CALENDAR_DECLINE_REASON,
	isMeetingUid,
	normaliseAddress,
	parseItipReply,
	type ItipReply
} from '$lib/domain/itip-reply';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import { readConfig } from '../config';
import type { DB } from '../db';
import { lockRow } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { ValidationError } from '../errors';
import { errorFields, log } from '../log';
import { findPersonById } from '../org/users.service';
import { participantsOf, loadVisibleMeeting } from '../meetings/access';
import { replyToMeeting } from '../meetings/replies.service';
import { notify } from '../notifications/notify';
import { canManageOutbox, requirePermission } from '../permissions';
import { registerTick } from '../jobs/scheduler';
import {
	claimReplyMessage,
	findMeetingIdByUid,
	findPollStatus,
	lastTentative,
	listHandledReplies,
	recordReplyOutcome,
	savePollStatus,
	tentativeNotesOf,
	type HandledReply,
	type PollStatus,
	type ReplyOutcome
} from './calendar-replies.repository';
import { describeImap, parseImapUrl, pollMailbox, type MailFate, type ReplyMail } from './imap';

export type { HandledReply, PollStatus, ReplyOutcome, ReplyMail };

/** The outcomes that recorded something for the person; the rest were ignored (and why). */
export const ACCEPTED_OUTCOMES: readonly ReplyOutcome[] = [
	'attend',
	'excused',
	'tentative',
	'unchanged'
];

export interface IngestResult {
	outcome: ReplyOutcome;
	meetingId: number | null;
	userId: number | null;
}

const USER_ERRORS = ['ValidationError', 'ForbiddenError', 'NotFoundError'];

/** A mail without a Message-ID is known by its sender and calendar text. */
function messageKey(mail: ReplyMail): string {
	const id = mail.messageId.trim();
	if (id) return id.slice(0, 255);
	const h = createHash('sha256');
	h.update(normaliseAddress(mail.from));
	for (const c of mail.calendars) h.update('\n' + c);
	return `sha256:${h.digest('hex')}`;
}

interface Decision {
	outcome: ReplyOutcome;
	meetingId: number | null;
	userId: number | null;
	note: string;
}

/** What a REPLY does, in the ingest's transaction, with the meeting locked once it is known. */
async function decide(trx: DB, reply: ItipReply, from: string, now: Date): Promise<Decision> {
	const none = { meetingId: null, userId: null, note: '' };
	const meetingId = isMeetingUid(reply.uid) ? await findMeetingIdByUid(trx, reply.uid) : null;
	if (meetingId == null) return { ...none, outcome: 'unknown_meeting' };
	// Replies to one meeting take turns (as replyToMeeting does), so "same state" is read after
	// the previous reply committed.
	await lockRow(trx, 'meetings', meetingId);
	const at = { ...none, meetingId };
	// Anybody can write any From; the calendar's ATTENDEE must at least be the sender.
	if (normaliseAddress(from) !== reply.attendee) return { ...at, outcome: 'spoofed' };
	const participants = await participantsOf(trx, { id: meetingId });
	const mine = participants.find((p) => normaliseAddress(p.email) === reply.attendee);
	if (!mine) {
		// A deputy (代会) confirms in the app; their calendar's answer changes nothing.
		const deputy = participants.some(
			(p) => normaliseAddress(p.deputyEmail ?? '') === reply.attendee
		);
		return { ...at, outcome: deputy ? 'deputy' : 'not_participant' };
	}
	const who = { ...at, userId: mine.userId, note: reply.comment };
	const person = await findPersonById(trx, mine.userId);
	if (!person?.isActive) return { ...who, outcome: 'not_participant' };
	const actor: Actor = { id: person.id, name: person.name, roles: person.roles, ip: 'imap' };
	try {
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		if (reply.sequence < meeting.sequence) return { ...who, outcome: 'old_sequence' };
		// Someone who named a deputy in the app changes that in the app (代会 needs the app).
		if (mine.reply === 'deputy' || reply.partstat === 'DELEGATED')
			return { ...who, outcome: 'deputy' };
		if (reply.partstat === 'ACCEPTED') {
			if (mine.reply === 'attend') return { ...who, outcome: 'unchanged' };
			await replyToMeeting(trx, actor, meetingId, { reply: 'attend' }, now);
			return { ...who, outcome: 'attend' };
		}
		if (reply.partstat === 'DECLINED') {
			if (mine.reply === 'excused') return { ...who, outcome: 'unchanged' };
			await replyToMeeting(
				trx,
				actor,
				meetingId,
				{ reply: 'excused', reason: CALENDAR_DECLINE_REASON },
				now
			);
			await notify(trx, [person.id], {
				kind: 'meeting.calendar_decline',
				title: (o) => m.calendar_reply_notice_title({ title: meeting.title }, o),
				body: (o) => m.calendar_reply_notice_body({}, o),
				link: `/meetings/${meetingId}`
			});
			return { ...who, outcome: 'excused' };
		}
		if (reply.partstat === 'TENTATIVE') {
			// Still no reply in Huiban; the note is kept for the organiser. The same note again
			// is no change.
			const last = await lastTentative(trx, meetingId, person.id);
			if (last && last.note === reply.comment) return { ...who, outcome: 'unchanged' };
			await audit(trx, actor, 'meeting.calendar_tentative', 'meeting', meetingId, {
				note: reply.comment
			});
			return { ...who, outcome: 'tentative' };
		}
		return { ...who, outcome: 'unsupported' };
	} catch (e) {
		// The meetings service refused (cancelled, started, reply deadline passed …): nothing
		// changed, and why is kept with the mail.
		if (e instanceof Error && USER_ERRORS.includes(e.name))
			return { ...who, outcome: 'refused', note: e.message };
		throw e;
	}
}

/**
 * One REPLY mail from a calendar client. Accepted only when the From address is the ATTENDEE
 * and that attendee is a participant of the meeting whose UID it answers, at the meeting's
 * current SEQUENCE: ACCEPTED → 参加, DECLINED → 请假 with 通过日历客户端拒绝 (and a notice
 * asking the person to add a reason in the app), TENTATIVE → still no reply, with a note.
 * Each Message-ID is handled once (the unique key decides among parallel ingests); an answer
 * equal to the current reply changes nothing. Every change goes through replyToMeeting as the
 * participant, from ip 'imap', and is audited there; the mail's outcome is stored either way.
 */
export async function ingestReply(
	db: DB,
	mail: ReplyMail,
	now: Date = clock.now()
): Promise<IngestResult> {
	const reply = mail.calendars.map(parseItipReply).find((r) => r !== null) ?? null;
	const key = messageKey(mail);
	return inTransaction(db, async (trx) => {
		const rowId = await claimReplyMessage(trx, key, now.toISOString());
		if (rowId == null) return { outcome: 'duplicate', meetingId: null, userId: null };
		const d: Decision = reply
			? await decide(trx, reply, mail.from, now)
			: { outcome: 'invalid', meetingId: null, userId: null, note: '' };
		await recordReplyOutcome(trx, rowId, {
			meetingId: d.meetingId,
			userId: d.userId,
			sender: normaliseAddress(mail.from),
			attendee: reply?.attendee ?? '',
			partstat: reply?.partstat ?? '',
			sequence: reply?.sequence ?? null,
			outcome: d.outcome,
			note: d.note
		});
		return { outcome: d.outcome, meetingId: d.meetingId, userId: d.userId };
	});
}

/** Where a handled mail goes in the mailbox. */
export function fateOf(outcome: ReplyOutcome): MailFate {
	return ACCEPTED_OUTCOMES.includes(outcome) || outcome === 'duplicate' ? 'done' : 'ignored';
}

const SOURCE = 'imap';

/**
 * One poll of the mailbox in `url`: each REPLY ingested, then moved; the poll's result (or its
 * error, without the URL) stored for the admin. Never throws for a mailbox problem.
 */
export async function pollCalendarReplies(
	db: DB,
	url: string,
	now: Date = clock.now()
): Promise<PollStatus> {
	let status: PollStatus;
	try {
		const settings = parseImapUrl(url);
		const r = await pollMailbox(settings, async (mail) => {
			try {
				return fateOf((await ingestReply(db, mail, now)).outcome);
			} catch (e) {
				log.warn({ messageId: mail.messageId, ...errorFields(e) }, 'calendar reply not ingested');
				return 'keep';
			}
		});
		status = {
			polledAt: now.toISOString(),
			ok: true,
			fetched: r.fetched,
			handled: r.handled,
			error: ''
		};
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		// An error could quote the URL; never its password.
		const safe = message.split(url).join('IMAP_URL');
		log.warn({ err: { message: safe } }, 'calendar replies poll failed');
		status = { polledAt: now.toISOString(), ok: false, fetched: 0, handled: 0, error: safe };
	}
	await savePollStatus(db, SOURCE, status);
	return status;
}

/** 立即收取: one poll now, by an administrator of the outbox; audited. */
export async function pollNow(db: DB, actor: Actor, now: Date = clock.now()): Promise<PollStatus> {
	requirePermission(actor, canManageOutbox);
	const url = readConfig().imapUrl;
	if (!url) throw new ValidationError({ _: m.calendar_reply_err_off() });
	const status = await pollCalendarReplies(db, url, now);
	await inTransaction(db, (trx) =>
		audit(trx, actor, 'mail.replies_poll', 'mail', null, {
			ok: status.ok,
			fetched: status.fetched,
			handled: status.handled
		})
	);
	return status;
}

export interface CalendarRepliesView {
	/** IMAP_URL is set. */
	on: boolean;
	/** The mailbox without its password, or the URL's problem. */
	mailbox: string;
	/** tls=off: the password crosses the network in clear. */
	plaintext: boolean;
	last: PollStatus | null;
	recent: HandledReply[];
}

/** The outbox page's section: whether replies are read, the last poll, the latest mails. */
export async function calendarRepliesView(db: DB, actor: Actor): Promise<CalendarRepliesView> {
	requirePermission(actor, canManageOutbox);
	const url = readConfig().imapUrl;
	let mailbox = '';
	let plaintext = false;
	if (url) {
		try {
			const settings = parseImapUrl(url);
			mailbox = describeImap(settings);
			plaintext = !settings.secure && !settings.starttls;
		} catch (e) {
			mailbox = e instanceof Error ? e.message : '';
		}
	}
	return {
		on: url !== undefined,
		mailbox,
		plaintext,
		last: await findPollStatus(db, SOURCE),
		recent: await listHandledReplies(db, 20)
	};
}

/** TENTATIVE notes on a meeting by person, for the meeting page's participant rows. */
export function tentativeNotes(db: DB, meetingId: number) {
	return tentativeNotesOf(db, meetingId);
}

// Every process polls; the Message-ID key makes a mail count once whichever process gets it.
registerTick('mail.replies', async (db, now) => {
	const url = readConfig().imapUrl;
	if (url) await pollCalendarReplies(db, url, now);
});
