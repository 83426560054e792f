import * as m from '$lib/paraglide/messages';
import {
	buildInvite,
	CLASSIFIED_LABEL,
	mailContent,
	meetingChanges,
	ROLE_LABELS,
	type AttendeeRole,
	type MailKind,
	type MeetingChange,
	type MeetingView
} from '$lib/domain/invite';
import { isClassified } from '$lib/domain/meetings';
import { nowIso } from '../clock';
import { readConfig } from '../config';
import type { DB } from '../db';
import type { ParticipantRole } from '../db/schema';
import { enqueueMail } from '../mail/outbox';
import { notify, type Words } from '../notifications/notify';
import { findPersonById } from '../org/users.service';
import { getSettings } from '../settings/settings.service';
import { findMeetingById, listAgenda, type Meeting } from './meetings.repository';
import { listParticipants, type Participant } from './participants.repository';

export type AudienceRole = ParticipantRole | 'chair' | 'recorder';

export interface Recipient {
	userId: number;
	name: string;
	email: string;
	role: AudienceRole;
	/** A deputy: the name of the person whose place they take. */
	deputyFor?: string;
}

const ICS_ROLE: Record<AudienceRole, AttendeeRole> = {
	chair: 'CHAIR',
	attendee: 'REQ-PARTICIPANT',
	observer: 'OPT-PARTICIPANT',
	staff: 'NON-PARTICIPANT',
	recorder: 'NON-PARTICIPANT'
};

function noticeTitle(kind: MailKind, title: string, deputyFor?: string): Words {
	return (o) => {
		if (kind === 'notice' && deputyFor)
			return m.meeting_notify_deputy({ title, principal: deputyFor }, o);
		const words = {
			notice: m.meeting_notify_notice,
			update: m.meeting_notify_update,
			cancel: m.meeting_notify_cancel,
			reminder: m.meeting_notify_reminder,
			removed: m.meeting_notify_removed
		}[kind];
		return words({ title }, o);
	};
}

function publicLink(path: string): string {
	return (process.env.ORIGIN ?? '').replace(/\/$/, '') + path;
}

type Person = Pick<Recipient, 'userId' | 'name' | 'email'>;

/**
 * Everyone whose calendar holds the meeting: the host (as chair), the participants, the
 * deputies they named and the recorder, each person once.
 */
export function audienceOf(
	participants: Participant[],
	host: Person | null,
	recorder: Person | null
): Recipient[] {
	const byId = new Map<number, Recipient>();
	const add = (r: Recipient) => {
		if (!byId.has(r.userId)) byId.set(r.userId, r);
	};
	if (host) add({ ...host, role: 'chair' });
	for (const p of participants) {
		add({ userId: p.userId, name: p.name, email: p.email, role: p.role });
		if (p.reply === 'deputy' && p.deputyId) {
			add({
				userId: p.deputyId,
				name: p.deputyName ?? '',
				email: p.deputyEmail ?? '',
				role: p.role,
				deputyFor: p.name
			});
		}
	}
	if (recorder) add({ ...recorder, role: 'recorder' });
	return [...byId.values()];
}

async function person(db: DB, id: number | null): Promise<Person | null> {
	const u = id == null ? undefined : await findPersonById(db, id);
	return u ? { userId: u.id, name: u.name, email: u.email } : null;
}

/** The meeting's audience as it stands in the database (see audienceOf). */
export async function loadAudience(
	db: DB,
	meeting: Pick<Meeting, 'id' | 'hostId' | 'recorderId'>
): Promise<Recipient[]> {
	const participants = await listParticipants(db, meeting.id);
	return audienceOf(
		participants,
		await person(db, meeting.hostId),
		await person(db, meeting.recorderId)
	);
}

/**
 * In-app notification plus an e-mail with a calendar invite for each recipient, queued in the
 * caller's transaction. Classified meetings carry only time, place and 涉密会议 outside the app.
 * `changesOf` gives an update's reader what changed for them.
 */
export async function notifyPeople(
	trx: DB,
	meeting: Meeting,
	recipients: Recipient[],
	kind: MailKind,
	changesOf?: (r: Recipient) => MeetingChange[]
): Promise<void> {
	if (!recipients.length) return;
	const settings = await getSettings(trx);
	const classified = isClassified(meeting.classification);
	const shownTitle = classified ? CLASSIFIED_LABEL : meeting.title;
	const place = meeting.roomName ?? meeting.location;
	// Someone taken off a meeting may no longer open it: their notice leads to their own list.
	const path = kind === 'removed' ? '/meetings' : `/meetings/${meeting.id}`;
	const link = publicLink(path);
	const agenda = classified ? [] : (await listAgenda(trx, meeting.id)).map((a) => a.title);
	const reason = kind === 'cancel' ? (meeting.cancelReason ?? '').trim() : '';
	const now = nowIso();
	const byPrincipal = new Map<string, number[]>();
	for (const r of recipients) {
		const key = r.deputyFor ?? '';
		byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), r.userId]);
	}
	for (const [principal, userIds] of byPrincipal) {
		await notify(trx, userIds, {
			kind: `meeting.${kind}`,
			title: noticeTitle(kind, shownTitle, principal || undefined),
			body: reason,
			link: path
		});
	}
	const method = kind === 'cancel' || kind === 'removed' ? 'CANCEL' : 'REQUEST';
	const organizer = {
		name: settings.mailFromName || settings.officeName || '会办',
		email: settings.mailFromAddress
	};
	for (const r of recipients) {
		if (!r.email) continue;
		const content = mailContent({
			kind,
			title: meeting.title,
			startsAt: meeting.startsAt,
			endsAt: meeting.endsAt,
			timeZone: settings.timeZone,
			place,
			agenda,
			requirements: meeting.requirements,
			contact: [meeting.contactName, meeting.contactPhone].filter(Boolean).join(' '),
			classified,
			link,
			changes: changesOf?.(r),
			cancelReason: reason,
			deputyFor: r.deputyFor
		});
		const ics = buildInvite({
			method,
			uid: meeting.uid,
			sequence: meeting.sequence,
			stamp: now,
			start: meeting.startsAt,
			end: meeting.endsAt,
			summary: meeting.title,
			location: place,
			description: reason
				? `取消原因：${reason}`
				: [r.deputyFor ? `代${r.deputyFor}参加` : '', ...agenda].filter(Boolean).join('\n'),
			url: kind === 'removed' ? undefined : link,
			classified,
			organizer,
			attendees: [{ name: r.name, email: r.email, role: ICS_ROLE[r.role] }],
			// Calendar clients offer 接受/拒绝 only when the replies are read (IMAP_URL).
			rsvp: readConfig().imapUrl !== undefined
		});
		await enqueueMail(trx, {
			to: { address: r.email, name: r.name },
			subject: content.subject,
			text: content.text,
			html: content.html,
			ics: { method, content: ics },
			meetingId: meeting.id
		});
	}
}

/** Sends the current version of a meeting to everyone on it. */
export async function notifyAll(trx: DB, meetingId: number, kind: MailKind): Promise<void> {
	const meeting = (await findMeetingById(trx, meetingId))!;
	await notifyPeople(trx, meeting, await loadAudience(trx, meeting), kind);
}

/** A version of a meeting as its audience sees it, to compare with the next one. */
export interface MeetingVersion {
	meeting: Meeting;
	view: MeetingView;
	audience: Recipient[];
}

export async function versionOf(trx: DB, meetingId: number): Promise<MeetingVersion> {
	const meeting = (await findMeetingById(trx, meetingId))!;
	const agenda = await listAgenda(trx, meetingId);
	return {
		meeting,
		view: {
			title: meeting.title,
			startsAt: meeting.startsAt,
			endsAt: meeting.endsAt,
			place: meeting.roomName ?? meeting.location,
			agenda: agenda.map((a) => a.title)
		},
		audience: await loadAudience(trx, meeting)
	};
}

export interface ChangeNotices {
	/** Taken off: told they need not come; their calendar gets the CANCEL. */
	removed: Recipient[];
	/** New on it: the notice. */
	added: Recipient[];
	/** Still on it and something they see changed: the update, saying what. */
	changed: { recipient: Recipient; changes: MeetingChange[] }[];
}

/** Who hears what of an edit: only a change a person can see reaches them. */
export function changeNotices(
	before: MeetingVersion,
	after: MeetingVersion,
	timeZone: string
): ChangeNotices {
	const common = meetingChanges(before.view, after.view, timeZone);
	const was = new Map(before.audience.map((r) => [r.userId, r]));
	const now = new Set(after.audience.map((r) => r.userId));
	const out: ChangeNotices = {
		removed: before.audience.filter((r) => !now.has(r.userId)),
		added: [],
		changed: []
	};
	for (const r of after.audience) {
		const old = was.get(r.userId);
		if (!old) {
			out.added.push(r);
			continue;
		}
		const changes = [...common];
		if (old.role !== r.role)
			changes.push({ field: 'role', before: ROLE_LABELS[old.role], after: ROLE_LABELS[r.role] });
		if (changes.length) out.changed.push({ recipient: r, changes });
	}
	return out;
}

export function hasNotices(n: ChangeNotices): boolean {
	return n.removed.length + n.added.length + n.changed.length > 0;
}

/** Sends an edit's notices; `after.meeting` carries the new SEQUENCE. */
export async function sendChangeNotices(
	trx: DB,
	before: MeetingVersion,
	after: MeetingVersion,
	n: ChangeNotices
): Promise<void> {
	// The removed are told of the meeting as they knew it, at the new SEQUENCE.
	await notifyPeople(
		trx,
		{ ...before.meeting, sequence: after.meeting.sequence },
		n.removed,
		'removed'
	);
	await notifyPeople(trx, after.meeting, n.added, 'notice');
	const changes = new Map(n.changed.map((c) => [c.recipient.userId, c.changes]));
	await notifyPeople(
		trx,
		after.meeting,
		n.changed.map((c) => c.recipient),
		'update',
		(r) => changes.get(r.userId) ?? []
	);
}
