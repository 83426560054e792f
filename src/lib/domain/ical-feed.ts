import { CLASSIFIED_LABEL, PROD_ID, type FeedEvent } from './invite';

// The subscription feed (webcal), written as text: see buildFeed.

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
		...(e.allDay
			? [
					`DTSTART;VALUE=DATE:${start.replaceAll('-', '')}`,
					`DTEND;VALUE=DATE:${end.replaceAll('-', '')}`
				]
			: [`DTSTART:${utcStamp(start)}`, `DTEND:${utcStamp(end)}`]),
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
