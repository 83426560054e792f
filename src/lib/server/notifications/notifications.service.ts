import type { Actor } from '../actor';
import type { DB } from '../db';
import { keptWhileSteady, type ReadAt } from '../db/steady';
import {
	countUnread,
	findNotifications,
	markRead,
	markReadByLink
} from './notifications.repository';
import { nowIso } from '../clock';

export function myNotifications(db: DB, actor: Actor, limit = 50) {
	return findNotifications(db, actor.id, limit);
}

/**
 * The count on every page's bell: kept while the change stamp the request read stays (a new
 * or read notification moves it; db/steady.ts).
 */
export function myUnreadCount(db: DB, actor: Actor, at?: ReadAt): Promise<number> {
	return keptWhileSteady(db, at, `unread:${actor.id}`, () => countUnread(db, actor.id));
}

/** Marking one's own notifications read is not an audited change of record. */
export async function markMyNotificationsRead(db: DB, actor: Actor, ids: number[] | 'all') {
	await markRead(db, actor.id, ids, nowIso());
}

/** Opening the page a notification points to counts as reading it. */
export async function markLinkRead(db: DB, actor: Actor, link: string) {
	await markReadByLink(db, actor.id, link, nowIso());
}
