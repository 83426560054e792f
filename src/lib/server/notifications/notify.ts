import { baseLocale, type Locale } from '$lib/paraglide/runtime';
import { nowIso } from '../clock';
import type { DB } from '../db';
import { insertNotifications } from './notifications.repository';

/** A message rendered in a given language: a Paraglide message bound to its inputs. */
export type Words = (o: { locale: Locale }) => string;

/**
 * The language of stored notices. They are read later by other people, so never the acting
 * user's UI language: the office's. There is no language setting, so it is the base locale.
 */
export const OFFICE_LOCALE: { locale: Locale } = { locale: baseLocale };

export interface Notice {
	/** e.g. `meeting.notice`, `duty_edit`: what the notifications page groups by. */
	kind: string;
	/** Words to render in the office's language; a plain string is text someone typed. */
	title: Words | string;
	body?: Words | string;
	/** A body that differs by recipient (their own shifts…); wins over `body`. */
	bodyFor?: (userId: number) => Words | string;
	/** Where the notice leads; only somewhere every recipient may open. */
	link?: string;
}

const render = (w: Words | string | undefined) =>
	typeof w === 'function' ? w(OFFICE_LOCALE) : (w ?? '');

/**
 * The one way to leave someone an in-app notice, in the caller's transaction: rendered in the
 * office's language, each person once.
 */
export async function notify(db: DB, userIds: Iterable<number>, notice: Notice): Promise<void> {
	await insertNotifications(db, rowsOf(userIds, notice, nowIso()));
}

/**
 * notify() for many notices at once (a scheduler tick telling many people about many things):
 * the same rows, written in one statement per 500 instead of one per notice.
 */
export async function notifyEach(
	db: DB,
	sends: { userIds: Iterable<number>; notice: Notice }[]
): Promise<void> {
	const createdAt = nowIso();
	const rows = sends.flatMap((s) => rowsOf(s.userIds, s.notice, createdAt));
	if (rows.length) await insertNotifications(db, rows);
}

function rowsOf(userIds: Iterable<number>, notice: Notice, createdAt: string) {
	const title = render(notice.title);
	const body = render(notice.body);
	return [...new Set(userIds)].map((userId) => ({
		userId,
		kind: notice.kind,
		title,
		body: notice.bodyFor ? render(notice.bodyFor(userId)) : body,
		link: notice.link ?? '',
		createdAt
	}));
}
