import { CLASSIFIED_LABEL } from '$lib/domain/invite';
import { isClassified } from '$lib/domain/meetings';
import type { DB } from '../db';
import { enqueueMail, enqueueMails, type OutboxMail } from '../mail/outbox';
import { notify, notifyEach, OFFICE_LOCALE, type Words } from '../notifications/notify';
import { listContacts, type Contact } from '../org/directory.service';
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
		const mail = mailAbout(item, notice);
		for (const c of contacts) {
			if (!c.email) continue;
			await enqueueMail(trx, { ...mail, to: { address: c.email, name: c.name } });
		}
	}
	return contacts.map((c) => c.id);
}

type ItemNotice = { step: string; title: Words; body?: string; mail?: boolean };
type NoticeItem = Pick<SupervisionItem, 'id' | 'title' | 'number' | 'classification'>;

/** The e-mail about a step of the item, without its recipient. */
function mailAbout(item: NoticeItem, notice: ItemNotice): Omit<OutboxMail, 'to'> {
	const classified = isClassified(item.classification);
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
	return { subject, text: lines.join('\n'), html };
}

/**
 * tellAboutItem for many items at once (a scheduler tick): the same notices and mails, to the
 * same people, read and written in a few statements for the whole lot instead of a few per
 * item. Audiences name people and department heads only (no roles).
 */
export async function tellAboutItems(
	trx: DB,
	tellings: { item: NoticeItem; audience: Omit<Audience, 'roles'>; notice: ItemNotice }[]
): Promise<void> {
	if (!tellings.length) return;
	const userIds = new Set<number>();
	const departments = new Set<number>();
	for (const t of tellings) {
		for (const id of t.audience.userIds ?? []) if (id != null) userIds.add(id);
		for (const d of t.audience.headsOf ?? []) departments.add(d);
	}
	const [people, heads] = await Promise.all([
		userIds.size ? listContacts(trx, { userIds: [...userIds] }) : Promise.resolve([]),
		departments.size ? listContacts(trx, { headsOf: [...departments] }) : Promise.resolve([])
	]);
	const personById = new Map(people.map((c) => [c.id, c]));
	const headsByDept = new Map<number, Contact[]>();
	for (const h of heads)
		if (h.departmentId != null)
			headsByDept.set(h.departmentId, [...(headsByDept.get(h.departmentId) ?? []), h]);
	const sends: Parameters<typeof notifyEach>[1] = [];
	const mails: OutboxMail[] = [];
	for (const { item, audience, notice } of tellings) {
		// As listContacts answers one audience: each person once, by id.
		const chosen = new Map<number, Contact>();
		for (const id of audience.userIds ?? []) {
			const c = id == null ? undefined : personById.get(id);
			if (c) chosen.set(c.id, c);
		}
		for (const d of audience.headsOf ?? [])
			for (const h of headsByDept.get(d) ?? []) chosen.set(h.id, h);
		const except = new Set(audience.except ?? []);
		const contacts = [...chosen.values()]
			.filter((c) => !except.has(c.id))
			.sort((a, b) => a.id - b.id);
		if (!contacts.length) continue;
		sends.push({
			userIds: contacts.map((c) => c.id),
			notice: {
				kind: `supervision.${notice.step}`,
				title: notice.title,
				body: isClassified(item.classification) ? '' : (notice.body ?? ''),
				link: itemPath(item.id)
			}
		});
		if (notice.mail) {
			const mail = mailAbout(item, notice);
			for (const c of contacts)
				if (c.email) mails.push({ ...mail, to: { address: c.email, name: c.name } });
		}
	}
	await notifyEach(trx, sends);
	if (mails.length) await enqueueMails(trx, mails);
}
