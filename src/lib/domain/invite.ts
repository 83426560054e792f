import ical, {
	ICalAttendeeRole,
	ICalAttendeeStatus,
	ICalCalendarMethod,
	ICalEventStatus,
	type ICalEventData
} from 'ical-generator';
import { dateFormatter } from './zoned-time';

// E-mails, invites and feeds go out in the office's language whatever the reader's UI locale,
// so their words are plain Chinese constants here: domain code never depends on the UI locale.
export const CLASSIFIED_LABEL = '涉密会议';

export type InviteMethod = 'REQUEST' | 'CANCEL';
export type AttendeeRole = 'CHAIR' | 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' | 'NON-PARTICIPANT';

export interface InvitePerson {
	name: string;
	email: string;
}

/** What an invite and a feed entry share. Instants are ISO-8601 strings. */
export interface CalendarEvent {
	uid: string;
	sequence: number;
	start: string;
	end: string;
	summary: string;
	location: string;
	description: string;
	/** DTSTAMP; defaults to now, so every send carries a fresh one. */
	stamp?: string;
	url?: string;
	/** 秘密/机密: only the time, the place and 涉密会议 leave the app. */
	classified?: boolean;
}

export interface InviteInput extends CalendarEvent {
	method: InviteMethod;
	organizer: InvitePerson;
	attendees: (InvitePerson & { role: AttendeeRole })[];
}

export interface FeedEvent extends CalendarEvent {
	cancelled: boolean;
}

/** Classification levels whose content must not leave the app (PRODUCT.md, 涉密会议). */
export function isClassifiedLevel(level: string): boolean {
	return level === 'secret' || level === 'confidential';
}

const ROLES: Record<AttendeeRole, ICalAttendeeRole> = {
	CHAIR: ICalAttendeeRole.CHAIR,
	'REQ-PARTICIPANT': ICalAttendeeRole.REQ,
	'OPT-PARTICIPANT': ICalAttendeeRole.OPT,
	'NON-PARTICIPANT': ICalAttendeeRole.NON
};

// ical-generator quotes CN and backslash-escapes `"` and `\` inside the quotes, but RFC 5545
// §3.1 has no escapes in parameter values and forbids DQUOTE there; so names lose them first.
function paramText(name: string): string {
	return name.replace(/[\r\n\t]+/g, ' ').replace(/["\\]/g, "'");
}

function eventData(e: CalendarEvent, cancelled: boolean): ICalEventData {
	return {
		id: e.uid,
		sequence: e.sequence,
		stamp: new Date(e.stamp ?? Date.now()),
		start: new Date(e.start),
		end: new Date(e.end),
		summary: e.classified ? CLASSIFIED_LABEL : e.summary,
		location: e.location || null,
		description: e.classified ? null : e.description || null,
		// Calendars sync to phones and cloud services: a classified entry holds only time and place.
		url: e.classified ? null : e.url || null,
		status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
	};
}

const PROD_ID = { company: 'huiban', product: 'huiban', language: 'ZH' };

// RFC 5545 §3.1 ends every content line, the last one included, with CRLF; ical-generator
// leaves the final END:VCALENDAR bare. Its folding is already by octets and whole characters.
function withFinalCrlf(ics: string): string {
	return ics.endsWith('\r\n') ? ics : ics + '\r\n';
}

/** An iTIP invite (REQUEST) or cancellation (CANCEL) for one meeting, times in UTC. */
export function buildInvite(input: InviteInput): string {
	const cal = ical({ prodId: PROD_ID, method: ICalCalendarMethod[input.method] });
	const event = cal.createEvent(eventData(input, input.method === 'CANCEL'));
	event.organizer({
		name: paramText(input.organizer.name || input.organizer.email),
		email: input.organizer.email
	});
	for (const a of input.attendees) {
		event.createAttendee({
			email: a.email,
			name: a.name ? paramText(a.name) : null,
			role: ROLES[a.role],
			status: ICalAttendeeStatus.NEEDSACTION,
			rsvp: true
		});
	}
	return withFinalCrlf(cal.toString());
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
	return value.replace(/[\\;,]/g, (c) => '\\' + c).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line (RFC 5545 §3.1): at most 75 octets per line, the continuation lines
 * starting with a space, never splitting a UTF-8 character (a surrogate pair counts as one).
 * Same breaks as ical-generator's folding (74 octets of content per line), but without its
 * per-character TextEncoder, which made a feed of a hundred events cost tens of milliseconds.
 */
export function foldLine(line: string): string {
	let octets = 0;
	let i = 0;
	for (; i < line.length; i++) {
		const c = line.charCodeAt(i);
		if (c >= 0x80) break;
		if (++octets > 74) break;
	}
	if (i === line.length) return line;
	let out = '';
	let start = 0;
	octets = 0;
	for (i = 0; i < line.length; i++) {
		const c = line.charCodeAt(i);
		let size: number;
		let width = 1;
		if (c < 0x80) size = 1;
		else if (c < 0x800) size = 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
			size = 4;
			width = 2;
		} else size = 3;
		octets += size;
		if (octets > 74) {
			out += line.slice(start, i) + '\r\n ';
			start = i;
			octets = size;
		}
		i += width - 1;
	}
	return out + line.slice(start);
}

const CANONICAL_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** 2026-12-01T01:30:00.000Z → 20261201T013000Z (RFC 5545 §3.3.5, UTC form). */
function utcStamp(iso: string): string {
	// Stored instants are already in this form; anything else goes through Date first.
	const d = CANONICAL_INSTANT.test(iso) ? iso : new Date(iso).toISOString();
	return (
		d.slice(0, 4) +
		d.slice(5, 7) +
		d.slice(8, 10) +
		'T' +
		d.slice(11, 13) +
		d.slice(14, 16) +
		d.slice(17, 19) +
		'Z'
	);
}

function feedEventLines(e: FeedEvent, out: string[]): void {
	const classified = e.classified ?? false;
	const [start, end] =
		Date.parse(e.start) > Date.parse(e.end) ? [e.end, e.start] : [e.start, e.end];
	out.push(
		'BEGIN:VEVENT',
		`UID:${e.uid}`,
		`SEQUENCE:${e.sequence}`,
		`DTSTAMP:${utcStamp(e.stamp ?? new Date().toISOString())}`,
		`DTSTART:${utcStamp(start)}`,
		`DTEND:${utcStamp(end)}`,
		`SUMMARY:${escapeText(classified ? CLASSIFIED_LABEL : e.summary)}`
	);
	if (e.location) out.push(`LOCATION:${escapeText(e.location)}`);
	// Calendars sync to phones and cloud services: a classified entry holds only time and place.
	if (!classified && e.description) out.push(`DESCRIPTION:${escapeText(e.description)}`);
	if (!classified && e.url) out.push(`URL;VALUE=URI:${escapeText(e.url)}`);
	out.push(`STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
}

/**
 * A subscription feed: no METHOD, no attendees, the invites' UIDs; cancelled stays listed.
 * Written directly rather than through ical-generator (the invites still use it): a feed is
 * polled by every subscriber, and the output is the same text, line for line.
 */
export function buildFeed(calendarName: string, events: FeedEvent[]): string {
	const name = escapeText(calendarName);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:-//${PROD_ID.company}//${PROD_ID.product}//${PROD_ID.language}`,
		`NAME:${name}`,
		`X-WR-CALNAME:${name}`
	];
	for (const e of events) feedEventLines(e, lines);
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

export type MailKind = 'notice' | 'update' | 'cancel' | 'reminder';

export interface MailInput {
	kind: MailKind;
	title: string;
	startsAt: string;
	endsAt: string;
	/** The office's zone; times are shown as its wall clock. */
	timeZone: string;
	place: string;
	agenda: string[];
	requirements: string;
	contact: string;
	classified: boolean;
	link: string;
}

export interface MailContent {
	subject: string;
	text: string;
	html: string;
}

const HEADINGS: Record<MailKind, [heading: string, lead: string]> = {
	notice: ['会议通知', '现将会议有关事项通知如下，请准时参加。'],
	update: ['会议变更通知', '会议安排有变更，以本通知为准。'],
	cancel: ['会议取消通知', '以下会议已取消，特此通知。'],
	reminder: ['会议提醒', '会议即将召开，请准时参加。']
};

export function formatTimeRange(startsAt: string, endsAt: string, timeZone: string): string {
	const day = dateFormatter('zh-CN', { timeZone, dateStyle: 'full' });
	const time = dateFormatter('zh-CN', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});
	const [s, e] = [new Date(startsAt), new Date(endsAt)];
	if (day.format(s) === day.format(e)) {
		return `${day.format(s)} ${time.format(s)}—${time.format(e)}`;
	}
	return `${day.format(s)} ${time.format(s)} 至 ${day.format(e)} ${time.format(e)}`;
}

function escapeHtml(s: string): string {
	const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
	return s.replace(/[&<>"']/g, (c) => map[c] ?? '&#39;');
}

type Section = [label: string, value: string | string[]];

/** The notice e-mail in the usual layout; a classified meeting shows only time and place. */
export function mailContent(input: MailInput): MailContent {
	const [heading, lead] = HEADINGS[input.kind];
	const when = formatTimeRange(input.startsAt, input.endsAt, input.timeZone);
	const name = input.classified ? CLASSIFIED_LABEL : input.title;
	const sections: Section[] = [
		['会议时间', when],
		['会议地点', input.place]
	];
	if (!input.classified && input.kind !== 'cancel') {
		const agenda = input.agenda.map((a) => a.trim()).filter(Boolean);
		if (agenda.length) sections.push(['会议议程', agenda]);
		if (input.requirements.trim()) sections.push(['有关要求', input.requirements.trim()]);
	}
	if (!input.classified && input.contact.trim()) sections.push(['联系人', input.contact.trim()]);
	const footer = input.classified ? '会议详情请登录系统查看：' : '详情及参会回执请登录系统：';
	const subject = input.classified ? `${heading}：${name}（${when}）` : `${heading}：${name}`;

	const text = [
		`【${heading}】${name}`,
		'',
		lead,
		'',
		...sections.map(([label, v]) =>
			Array.isArray(v)
				? `${label}：\n${v.map((a, i) => `  ${i + 1}. ${a}`).join('\n')}`
				: `${label}：${v.replace(/\r?\n/g, '\n  ')}`
		),
		'',
		footer + input.link,
		''
	].join('\n');

	const para = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');
	const html = [
		'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
		`<title>${escapeHtml(subject)}</title></head>`,
		'<body style="font-family:sans-serif;line-height:1.6">',
		`<h2 style="margin:0">${escapeHtml(heading)}</h2>`,
		`<p><strong>${escapeHtml(name)}</strong></p>`,
		`<p>${escapeHtml(lead)}</p>`,
		...sections.map(([label, v]) =>
			Array.isArray(v)
				? `<p><strong>${label}：</strong></p><ol>${v.map((a) => `<li>${para(a)}</li>`).join('')}</ol>`
				: `<p><strong>${label}：</strong>${para(v)}</p>`
		),
		`<p>${escapeHtml(footer)}<a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
		'</body></html>'
	].join('\n');
	return { subject, text, html };
}
