/**
 * Who is told what about a leave request: the next approver (in the app and by mail — they
 * must act), the applicant when it is approved or sent back (app and mail), the 工作代理人 when
 * it is approved (in the app). Words in the office's language.
 */
import * as m from '$lib/paraglide/messages';
import type { DB } from '../db';
import { enqueueMail } from '../mail/outbox';
import { notify, OFFICE_LOCALE, type Words } from '../notifications/notify';
import { listContacts } from '../org/directory.service';

export const leavePath = (id: number) => `/leave/${id}`;

function publicLink(path: string): string {
	return (process.env.ORIGIN ?? '').replace(/\/$/, '') + path;
}

function escapeHtml(s: string): string {
	const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
	return s.replace(/[&<>"']/g, (c) => map[c] ?? '&#39;');
}

/**
 * Tells these people about a step of request `id` (kind `leave.<step>`), in the caller's
 * transaction; with `mail`, an e-mail each too.
 */
export async function tellAboutLeave(
	trx: DB,
	id: number,
	userIds: (number | null | undefined)[],
	notice: { step: string; title: Words; body?: string; mail?: boolean; except?: number }
): Promise<void> {
	const ids = userIds.filter((u): u is number => u != null && u !== notice.except);
	if (!ids.length) return;
	const contacts = await listContacts(trx, { userIds: ids });
	if (!contacts.length) return;
	await notify(
		trx,
		contacts.map((c) => c.id),
		{
			kind: `leave.${notice.step}`,
			title: notice.title,
			body: notice.body ?? '',
			link: leavePath(id)
		}
	);
	if (!notice.mail) return;
	const heading = notice.title(OFFICE_LOCALE);
	const subject = `【${m.leave_mail_tag({}, OFFICE_LOCALE)}】${heading}`;
	const lines = [
		subject,
		...(notice.body ? ['', notice.body] : []),
		'',
		m.leave_mail_open({}, OFFICE_LOCALE),
		publicLink(leavePath(id))
	];
	const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${lines
		.map((l) => (l ? `<p>${escapeHtml(l)}</p>` : ''))
		.join('')}</body></html>`;
	for (const c of contacts) {
		if (!c.email) continue;
		await enqueueMail(trx, {
			to: { address: c.email, name: c.name },
			subject,
			text: lines.join('\n'),
			html
		});
	}
}
