import ical, {
	ICalAttendeeRole,
	ICalAttendeeStatus,
	ICalCalendarMethod,
	ICalEventStatus,
	type ICalEventData
} from 'ical-generator';
import { formatSpan } from '../format';

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
	/**
	 * RSVP=TRUE asks calendar clients to offer 接受/拒绝 and mail an iTIP REPLY to the organiser;
	 * only when Huiban reads that mailbox (IMAP_URL), or the answer would be lost. Default false.
	 */
	rsvp?: boolean;
}

export interface FeedEvent extends CalendarEvent {
	cancelled: boolean;
	/** A whole-day entry (a 督办 deadline): start and end are dates YYYY-MM-DD, end exclusive. */
	allDay?: boolean;
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

export const PROD_ID = { company: 'huiban', product: 'huiban', language: 'ZH' };

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
			rsvp: input.rsvp ?? false
		});
	}
	return withFinalCrlf(cal.toString());
}

/**
 * DTSTAMP is the instant a message is sent (RFC 5545 §3.8.7.2), and a mail may wait in the
 * outbox or be retried: the sender puts the send time in just before it goes out.
 */
export function stampIcs(ics: string, at: Date): string {
	const stamp = at
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
	return ics.replace(/^DTSTAMP:[^\r\n]*/m, `DTSTAMP:${stamp}`);
}

/** `removed`: someone taken off a meeting that goes on (their calendar gets the CANCEL). */
export type MailKind = 'notice' | 'update' | 'cancel' | 'reminder' | 'removed';

/** What a person sees change: the event's time, place, name and agenda, and their own role. */
export type ChangeField = 'title' | 'time' | 'place' | 'agenda' | 'role';

export interface MeetingChange {
	field: ChangeField;
	before: string;
	after: string;
}

/** The parts of a meeting every invitee sees; a change to any of them is worth a notice. */
export interface MeetingView {
	title: string;
	startsAt: string;
	endsAt: string;
	place: string;
	agenda: string[];
}

/** The visible changes between two versions of a meeting, times as the office's wall clock. */
export function meetingChanges(
	before: MeetingView,
	after: MeetingView,
	timeZone: string
): MeetingChange[] {
	const out: MeetingChange[] = [];
	if (before.title !== after.title)
		out.push({ field: 'title', before: before.title, after: after.title });
	if (before.startsAt !== after.startsAt || before.endsAt !== after.endsAt) {
		out.push({
			field: 'time',
			before: formatTimeRange(before.startsAt, before.endsAt, timeZone),
			after: formatTimeRange(after.startsAt, after.endsAt, timeZone)
		});
	}
	if (before.place !== after.place)
		out.push({ field: 'place', before: before.place, after: after.place });
	const [was, now] = [before.agenda.join('；'), after.agenda.join('；')];
	if (was !== now) out.push({ field: 'agenda', before: was, after: now });
	return out;
}

export const ROLE_LABELS = {
	chair: '主持',
	attendee: '出席',
	observer: '列席',
	staff: '会务人员',
	recorder: '记录'
} as const;

const CHANGE_LABELS: Record<ChangeField, string> = {
	title: '会议名称',
	time: '会议时间',
	place: '会议地点',
	agenda: '会议议程',
	role: '您的参会身份'
};

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
	/** update: what changed for this reader, old → new. */
	changes?: MeetingChange[];
	/** cancel: why; shown unless the meeting is classified. */
	cancelReason?: string;
	/** A deputy's invite: whose place they take. */
	deputyFor?: string;
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
	reminder: ['会议提醒', '会议即将召开，请准时参加。'],
	removed: ['无需参加会议通知', '会议安排有调整，您无需参加以下会议，日程已从您的日历中撤销。']
};

/** 2026年12月1日（星期二）09:30—11:00, in Chinese whatever the reader's UI locale. */
export function formatTimeRange(startsAt: string, endsAt: string, timeZone: string): string {
	return formatSpan(startsAt, endsAt, timeZone, 'zh-CN');
}

function escapeHtml(s: string): string {
	const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
	return s.replace(/[&<>"']/g, (c) => map[c] ?? '&#39;');
}

type Section = [label: string, value: string | string[]];

// A classified meeting's name and agenda stay in the app; that they changed may be said.
function changeLines(input: MailInput): string[] {
	if (input.kind !== 'update' || !input.changes?.length) return [];
	const hidden = (c: MeetingChange) =>
		input.classified && (c.field === 'title' || c.field === 'agenda');
	const lines = input.changes
		.filter((c) => !hidden(c))
		.map((c) => `${CHANGE_LABELS[c.field]}：${c.before || '（无）'} → ${c.after || '（无）'}`);
	if (input.changes.some(hidden)) lines.push('会议内容有调整，详情请登录系统查看。');
	return ['变更内容：', ...lines];
}

function deputyLine(input: MailInput): string[] {
	if (!input.deputyFor || input.kind === 'cancel' || input.kind === 'removed') return [];
	return [`受${input.deputyFor}委托，请您代${input.deputyFor}参加本次会议，并登录系统确认。`];
}

/** The notice e-mail in the usual layout; a classified meeting shows only time and place. */
export function mailContent(input: MailInput): MailContent {
	const [heading, lead] = HEADINGS[input.kind];
	const when = formatTimeRange(input.startsAt, input.endsAt, input.timeZone);
	const name = input.classified ? CLASSIFIED_LABEL : input.title;
	const sections: Section[] = [
		['会议时间', when],
		['会议地点', input.place]
	];
	const goesOn = input.kind !== 'cancel' && input.kind !== 'removed';
	if (!input.classified && goesOn) {
		const agenda = input.agenda.map((a) => a.trim()).filter(Boolean);
		if (agenda.length) sections.push(['会议议程', agenda]);
		if (input.requirements.trim()) sections.push(['有关要求', input.requirements.trim()]);
	}
	const reason = input.cancelReason?.trim();
	if (input.kind === 'cancel' && reason && !input.classified) sections.push(['取消原因', reason]);
	if (!input.classified && input.contact.trim()) sections.push(['联系人', input.contact.trim()]);
	// Someone no longer on the meeting cannot open it: the link goes to their own meetings.
	const footer =
		input.kind === 'removed'
			? '您的会议安排请登录系统查看：'
			: input.classified
				? '会议详情请登录系统查看：'
				: '详情及参会回执请登录系统：';
	const subject = input.classified ? `${heading}：${name}（${when}）` : `${heading}：${name}`;
	const leads = [lead, ...changeLines(input), ...deputyLine(input)];

	const text = [
		`【${heading}】${name}`,
		'',
		...leads,
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
		...leads.map((l) => `<p>${escapeHtml(l)}</p>`),
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
