import { CLASSIFIED_LABEL } from '$lib/domain/invite';
import { isClassified } from '$lib/domain/meetings';
import type { DB } from '../db';
import { enqueueMail } from '../mail/outbox';
import { notify, OFFICE_LOCALE, type Words } from '../notifications/notify';
import { listContacts } from '../org/directory.service';
import type { Role } from '$lib/domain/roles';
import type { SupervisionItem } from './items.repository';

// Who is told what about a supervision item: in the app, and by e-mail for the steps that ask
// someone to act (交办, 催办, 退回, decisions on extensions). A 秘密/机密 item's mail says only
// that there is something in the app — no title, requirement or message leaves it.

function publicLink(path: string): string {
	return (process.env.ORIGIN ?? '').replace(/\/$/, '') + path;
}

/** Where a notice about an item leads. */
export const itemPath = (id: number) => `/supervision/${id}`;

/** The title a notice shows: a classified item's stays in the app. */
export function shownItemTitle(item: Pick<SupervisionItem, 'title' | 'number' | 'classification'>) {
	return isClassified(item.classification) ? `${item.number}（${CLASSIFIED_LABEL}）` : item.title;
}

function escapeHtml(s: string): string {
	const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
	return s.replace(/[&<>"']/g, (c) => map[c] ?? '&#39;');
}

/** Who to tell: people by id, the heads of departments, holders of roles. */
export interface Audience {
	userIds?: (number | null)[];
	headsOf?: number[];
	roles?: Role[];
	/** Never tell these (usually the actor). */
	except?: number[];
}

/**
 * Tells the audience about a step of the item, in the caller's transaction: an in-app notice
 * (kind `supervision.<step>`, linking to the item) and, with `mail`, an e-mail each.
 * `title` is the notice's words; `body` text someone typed (a reason, a message).
 */
export async function tellAboutItem(
	trx: DB,
	item: Pick<SupervisionItem, 'id' | 'title' | 'number' | 'classification'>,
	audience: Audience,
	notice: { step: string; title: Words; body?: string; mail?: boolean }
): Promise<number[]> {
	const except = new Set(audience.except ?? []);
	const contacts = (
		await listContacts(trx, {
			userIds: (audience.userIds ?? []).filter((id): id is number => id != null),
			headsOf: audience.headsOf,
			roles: audience.roles
		})
	).filter((c) => !except.has(c.id));
	if (!contacts.length) return [];
	const classified = isClassified(item.classification);
	await notify(
		trx,
		contacts.map((c) => c.id),
		{
			kind: `supervision.${notice.step}`,
			title: notice.title,
			body: classified ? '' : (notice.body ?? ''),
			link: itemPath(item.id)
		}
	);
	if (notice.mail) {
		const heading = notice.title(OFFICE_LOCALE);
		const link = publicLink(itemPath(item.id));
		const lines = classified
			? [`【督办】${heading}`, '', '详情请登录系统查看：', link]
			: [
					`【督办】${heading}`,
					`${item.number} ${item.title}`,
					...(notice.body ? ['', notice.body] : []),
					'',
					'详情请登录系统查看：',
					link
				];
		const subject = `【督办】${heading}`;
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
	return contacts.map((c) => c.id);
}
