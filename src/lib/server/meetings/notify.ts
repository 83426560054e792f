import {
	buildInvite,
	CLASSIFIED_LABEL,
	mailContent,
	type AttendeeRole,
	type MailKind
} from '$lib/domain/invite';
import { isClassified } from '$lib/domain/meetings';
import type { DB } from '../db';
import type { ParticipantRole } from '../db/schema';
import { enqueueMail } from '../mail/outbox';
import { insertNotifications } from '../notifications/notifications.repository';
import { getSettings } from '../settings/settings.service';
import { findMeetingById, listAgenda, type MeetingJoined } from './meetings.repository';
import { listParticipants, type Participant } from './participants.repository';

export interface Recipient {
	userId: number;
	name: string;
	email: string;
	role: ParticipantRole | 'chair';
}

const ICS_ROLE: Record<Recipient['role'], AttendeeRole> = {
	chair: 'CHAIR',
	attendee: 'REQ-PARTICIPANT',
	observer: 'OPT-PARTICIPANT',
	staff: 'NON-PARTICIPANT'
};

const TITLES: Record<MailKind, string> = {
	notice: '会议通知',
	update: '会议变更',
	cancel: '会议取消',
	reminder: '回执提醒'
};

function publicLink(path: string): string {
	return (process.env.ORIGIN ?? '').replace(/\/$/, '') + path;
}

/** Everyone a meeting message goes to: participants and the deputies they named. */
export function recipientsOf(participants: Participant[]): Recipient[] {
	const out: Recipient[] = [];
	for (const p of participants) {
		out.push({ userId: p.userId, name: p.name, email: p.email, role: p.role });
		if (p.reply === 'deputy' && p.deputyId) {
			out.push({
				userId: p.deputyId,
				name: p.deputyName ?? '',
				email: p.deputyEmail ?? '',
				role: p.role
			});
		}
	}
	return out;
}

/**
 * In-app notification plus an e-mail with a calendar invite for each recipient, queued in the
 * caller's transaction. Classified meetings carry only time, place and 涉密会议 outside the app.
 */
export async function notifyPeople(
	trx: DB,
	meeting: MeetingJoined,
	recipients: Recipient[],
	kind: MailKind
): Promise<void> {
	if (!recipients.length) return;
	const settings = await getSettings(trx);
	const classified = isClassified(meeting.classification);
	const shownTitle = classified ? CLASSIFIED_LABEL : meeting.title;
	const place = meeting.room_name ?? meeting.location;
	const link = publicLink(`/meetings/${meeting.id}`);
	const agenda = classified ? [] : (await listAgenda(trx, meeting.id)).map((a) => a.title);
	const now = new Date().toISOString();
	await insertNotifications(
		trx,
		recipients.map((r) => ({
			user_id: r.userId,
			kind: `meeting.${kind}`,
			title: `${TITLES[kind]}：${shownTitle}`,
			link: `/meetings/${meeting.id}`,
			created_at: now
		}))
	);
	const content = mailContent({
		kind,
		title: meeting.title,
		startsAt: meeting.starts_at,
		endsAt: meeting.ends_at,
		timeZone: settings.timeZone,
		place,
		agenda,
		requirements: meeting.requirements,
		contact: [meeting.contact_name, meeting.contact_phone].filter(Boolean).join(' '),
		classified,
		link
	});
	const method = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
	const organizer = {
		name: settings.mailFromName || settings.officeName || '会办',
		email: settings.mailFromAddress
	};
	for (const r of recipients) {
		if (!r.email) continue;
		const ics = buildInvite({
			method,
			uid: meeting.uid,
			sequence: meeting.sequence,
			start: meeting.starts_at,
			end: meeting.ends_at,
			summary: meeting.title,
			location: place,
			description: agenda.join('\n'),
			url: link,
			classified,
			organizer,
			attendees: [{ name: r.name, email: r.email, role: ICS_ROLE[r.role] }]
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
	await notifyPeople(trx, meeting, recipientsOf(await listParticipants(trx, meetingId)), kind);
}

/** After an issued meeting changes: CANCEL to those taken off, the update to everyone else. */
export async function notifyParticipantChanges(trx: DB, meetingId: number, removed: Participant[]) {
	const meeting = (await findMeetingById(trx, meetingId))!;
	await notifyPeople(trx, meeting, recipientsOf(removed), 'cancel');
	await notifyAll(trx, meetingId, 'update');
}
