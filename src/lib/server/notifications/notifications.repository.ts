import type { DB } from '../db';

/** An in-app notice as it is stored for one person. */
export interface NewNotification {
	userId: number;
	kind: string;
	title: string;
	body?: string;
	link?: string;
	createdAt: string;
}

/** An in-app notice as its recipient reads it. */
export interface Notification {
	id: number;
	kind: string;
	title: string;
	link: string;
	createdAt: string;
	isRead: boolean;
}

export async function insertNotifications(db: DB, notices: NewNotification[]) {
	const rows = notices.map((n) => ({
		user_id: n.userId,
		kind: n.kind,
		title: n.title,
		body: n.body,
		link: n.link,
		created_at: n.createdAt
	}));
	for (let i = 0; i < rows.length; i += 500) {
		await db
			.insertInto('notifications')
			.values(rows.slice(i, i + 500))
			.execute();
	}
}

export async function findNotifications(
	db: DB,
	userId: number,
	limit: number
): Promise<Notification[]> {
	const rows = await db
		.selectFrom('notifications')
		.select(['id', 'kind', 'title', 'link', 'created_at', 'read_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		title: r.title,
		link: r.link,
		createdAt: r.created_at,
		isRead: r.read_at != null
	}));
}

export async function countUnread(db: DB, userId: number): Promise<number> {
	const r = await db
		.selectFrom('notifications')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function markRead(db: DB, userId: number, ids: number[] | 'all', at: string) {
	let q = db
		.updateTable('notifications')
		.set({ read_at: at })
		.where('user_id', '=', userId)
		.where('read_at', 'is', null);
	if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : [0]);
	await q.execute();
}

export async function markReadByLink(db: DB, userId: number, link: string, at: string) {
	// Look first: most page views have nothing to mark, and an UPDATE would take SQLite's write
	// lock on every view of a meeting or roster.
	const unread = await db
		.selectFrom('notifications')
		.select('id')
		.where('user_id', '=', userId)
		.where('link', '=', link)
		.where('read_at', 'is', null)
		.executeTakeFirst();
	if (!unread) return;
	await db
		.updateTable('notifications')
		.set({ read_at: at })
		.where('user_id', '=', userId)
		.where('link', '=', link)
		.where('read_at', 'is', null)
		.execute();
}
