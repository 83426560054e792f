import ICAL from 'ical.js';

/**
 * An iTIP REPLY (RFC 5546 §3.2.3) as a calendar client sends it to the organiser when someone
 * presses 接受/拒绝/暂定: the event's UID and SEQUENCE, the one ATTENDEE answering and their
 * PARTSTAT, and a COMMENT if they typed one.
 */
export interface ItipReply {
	uid: string;
	sequence: number;
	/** The ATTENDEE's address, lower case, without mailto:. */
	attendee: string;
	/** ACCEPTED, DECLINED, TENTATIVE, DELEGATED, NEEDS-ACTION … upper case. */
	partstat: string;
	comment: string;
}

/** The answers that change a reply in Huiban; others (DELEGATED …) need the app. */
export type ReplyAnswer = 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';

export const REPLY_ANSWERS: readonly string[] = ['ACCEPTED', 'DECLINED', 'TENTATIVE'];

/** The reason a decline from a calendar client is recorded with (the person may add theirs). */
export const CALENDAR_DECLINE_REASON = '通过日历客户端拒绝';

/** A bare e-mail address, lower case: `MAILTO:Wang@X.cn` and `Wang@x.cn` compare equal. */
export function normaliseAddress(value: string): string {
	return value
		.trim()
		.replace(/^mailto:/i, '')
		.trim()
		.toLowerCase();
}

/**
 * Meetings carry `<uuid>@huiban` UIDs (meetings.service createMeeting, sent by buildInvite);
 * anything else cannot be one of ours, whatever the database holds.
 */
export function isMeetingUid(uid: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@huiban$/i.test(uid);
}

function text(v: unknown): string {
	return typeof v === 'string' ? v : v == null ? '' : String(v);
}

/**
 * The REPLY in a text/calendar body, or null when it is not one (another METHOD, no VEVENT, no
 * UID or ATTENDEE, or not iCalendar at all). Only the first VEVENT counts: a REPLY answers one
 * event, and Huiban sends no recurring meetings.
 */
export function parseItipReply(ics: string): ItipReply | null {
	let cal: ICAL.Component;
	try {
		cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
	} catch {
		return null;
	}
	if (cal.name !== 'vcalendar') return null;
	if (text(cal.getFirstPropertyValue('method')).toUpperCase() !== 'REPLY') return null;
	const event = cal.getFirstSubcomponent('vevent');
	if (!event) return null;
	const uid = text(event.getFirstPropertyValue('uid')).trim();
	if (!uid) return null;
	const attendees = event.getAllProperties('attendee');
	// A REPLY names the one attendee answering; a client that copies the list marks the
	// answering one with a PARTSTAT other than NEEDS-ACTION.
	const answering =
		attendees.find((a) => {
			const p = text(a.getParameter('partstat')).toUpperCase();
			return p && p !== 'NEEDS-ACTION';
		}) ?? attendees[0];
	if (!answering) return null;
	const attendee = normaliseAddress(text(answering.getFirstValue()));
	if (!attendee.includes('@')) return null;
	const seq = Number(event.getFirstPropertyValue('sequence') ?? 0);
	return {
		uid,
		sequence: Number.isInteger(seq) && seq >= 0 ? seq : 0,
		attendee,
		partstat: text(answering.getParameter('partstat')).toUpperCase() || 'NEEDS-ACTION',
		comment: text(event.getFirstPropertyValue('comment')).trim()
	};
}
