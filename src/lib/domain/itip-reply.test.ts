import { describe, expect, it } from 'vitest';
import { isMeetingUid, normaliseAddress, parseItipReply } from './itip-reply';

const UID = '3f2a1b4c-1111-2222-3333-444455556666@huiban';

function reply(lines: string[], method = 'REPLY'): string {
	return [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
		`METHOD:${method}`,
		'BEGIN:VEVENT',
		`UID:${UID}`,
		'DTSTAMP:20261201T010000Z',
		'DTSTART:20261207T013000Z',
		'ORGANIZER;CN=办公室:mailto:bgs@jtj.example.gov.cn',
		...lines,
		'END:VEVENT',
		'END:VCALENDAR',
		''
	].join('\r\n');
}

describe('parseItipReply', () => {
	it('reads UID, SEQUENCE, the answering attendee, PARTSTAT and COMMENT', () => {
		const ics = reply([
			'SEQUENCE:3',
			'ATTENDEE;PARTSTAT=DECLINED;CN="欧阳少东":MAILTO:OuYang@JTJ.example.gov.cn',
			'COMMENT:出差\\, 无法参加'
		]);
		expect(parseItipReply(ics)).toEqual({
			uid: UID,
			sequence: 3,
			attendee: 'ouyang@jtj.example.gov.cn',
			partstat: 'DECLINED',
			comment: '出差, 无法参加'
		});
	});

	it('takes the attendee who answered when a client copies the list, SEQUENCE 0 when absent', () => {
		const ics = reply([
			'ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:wang@jtj.example.gov.cn',
			'ATTENDEE;PARTSTAT=tentative:mailto:lin@jtj.example.gov.cn'
		]);
		expect(parseItipReply(ics)).toMatchObject({
			sequence: 0,
			attendee: 'lin@jtj.example.gov.cn',
			partstat: 'TENTATIVE',
			comment: ''
		});
	});

	it('unfolds long lines', () => {
		const ics = reply(['ATTENDEE;PARTSTAT=ACCEPTED;CN=王局长:mailto:w', ' ang@jtj.example.gov.cn']);
		expect(parseItipReply(ics)?.attendee).toBe('wang@jtj.example.gov.cn');
	});

	it('is null for other methods, a missing attendee or UID, and text that is not iCalendar', () => {
		const attendee = 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.cn';
		expect(parseItipReply(reply([attendee], 'REQUEST'))).toBeNull();
		expect(parseItipReply(reply([attendee], 'COUNTER'))).toBeNull();
		expect(parseItipReply(reply([]))).toBeNull();
		expect(parseItipReply(reply([attendee]).replace(`UID:${UID}\r\n`, ''))).toBeNull();
		expect(parseItipReply(reply(['ATTENDEE;PARTSTAT=ACCEPTED:mailto:nobody']))).toBeNull();
		expect(parseItipReply('hello')).toBeNull();
		expect(parseItipReply('')).toBeNull();
		expect(parseItipReply('BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n')).toBeNull();
	});
});

describe('meeting UIDs and addresses', () => {
	it('knows the <uuid>@huiban UIDs meetings carry', () => {
		expect(isMeetingUid(UID)).toBe(true);
		expect(isMeetingUid('supervision-3-deadline@huiban')).toBe(false);
		expect(isMeetingUid(`${UID}.evil.com`)).toBe(false);
		expect(isMeetingUid('3f2a1b4c-1111-2222-3333-444455556666@other')).toBe(false);
	});

	it('compares addresses without mailto: and case', () => {
		expect(normaliseAddress(' MAILTO:Wang@X.cn ')).toBe('wang@x.cn');
		expect(normaliseAddress('wang@x.cn')).toBe('wang@x.cn');
	});
});
