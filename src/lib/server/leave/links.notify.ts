import * as m from '$lib/paraglide/messages';
import type { DB } from '../db';
import { enqueueMail } from '../mail/outbox';
import { notify, OFFICE_LOCALE, type Words } from '../notifications/notify';
import { listContacts } from '../org/directory.service';
import type { LeaveReplyRow } from '../meetings/replies.service';

// Who is told what when approved leave reaches other modules: a meeting's organiser about the
// 请假 reply it gave (or took back), the office about a person already on a published roster.

function publicLink(path: string): string {
	return (process.env.ORIGIN ?? '').replace(/\/$/, '') + path;
}

function escapeHtml(s: string): string {
	const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
	return s.replace(/[&<>"']/g, (c) => map[c] ?? '&#39;');
}

/** Each organiser, in the app, about each meeting whose reply the leave gave or took back. */
export async function tellOrganisers(
	trx: DB,
	rows: LeaveReplyRow[],
	o: {
		change: 'excused' | 'restored';
		personId: number;
		personName: string;
		type: Words;
		dates: Words;
	}
): Promise<void> {
	for (const row of rows) {
		// The person's own meeting: they know.
		if (row.createdBy === o.personId) continue;
		const words = {
			name: o.personName,
			meeting: row.title
		};
		await notify(trx, [row.createdBy], {
			kind: `leavelink.${o.change}`,
			title: (l) =>
				o.change === 'excused'
					? m.leavelink_notice_excused_title(words, l)
					: m.leavelink_notice_restored_title(words, l),
			body: (l) =>
				o.change === 'excused'
					? m.leavelink_notice_excused_body({ ...words, type: o.type(l), dates: o.dates(l) }, l)
					: m.leavelink_notice_restored_body({ ...words, type: o.type(l), dates: o.dates(l) }, l),
			link: `/meetings/${row.meetingId}`
		});
	}
}

/**
 * The office (in the app and by mail): the person with approved leave is already on a published
 * roster on days of the leave — one notice per period, naming the days.
 */
export async function tellOfficeOfDutyClash(
	trx: DB,
	clashes: { periodId: number; periodName: string; dates: string[] }[],
	o: { personName: string; dates: Words; days: (dates: string[]) => Words }
): Promise<void> {
	if (!clashes.length) return;
	const office = await listContacts(trx, { roles: ['office'] });
	if (!office.length) return;
	for (const c of clashes) {
		const words = (l: typeof OFFICE_LOCALE) => ({
			name: o.personName,
			dates: o.dates(l),
			period: c.periodName,
			days: o.days(c.dates)(l)
		});
		const title: Words = (l) => m.leavelink_notice_duty_title({ name: o.personName }, l);
		const body: Words = (l) => m.leavelink_notice_duty_body(words(l), l);
		const path = `/duty/${c.periodId}`;
		await notify(
			trx,
			office.map((p) => p.id),
			{ kind: 'leavelink.duty', title, body, link: path }
		);
		const subject = `【值班】${title(OFFICE_LOCALE)}`;
		const lines = [
			body(OFFICE_LOCALE),
			'',
			m.leavelink_mail_open({}, OFFICE_LOCALE),
			publicLink(path)
		];
		const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${lines
			.map((l) => (l ? `<p>${escapeHtml(l)}</p>` : ''))
			.join('')}</body></html>`;
		for (const p of office) {
			if (!p.email) continue;
			await enqueueMail(trx, {
				to: { address: p.email, name: p.name },
				subject,
				text: lines.join('\n'),
				html
			});
		}
	}
}
