import { randomBytes } from 'node:crypto';
import { buildFeed } from '$lib/domain/ical-feed';
import { isClassifiedLevel, type FeedEvent } from '$lib/domain/invite';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import {
	DUTY_ROLE_LABEL,
	dutyUid,
	dutyShiftsOfBetween,
	type CalendarShift
} from '../duty/roster.service';
import {
	findActiveTokenOwner,
	findAgendaTitles,
	findCalendarMeetings,
	findCalendarToken,
	insertCalendarToken,
	replaceCalendarToken
} from './calendar.repository';
import * as clock from '../clock';
import { inTransaction } from '../db/transaction';
import { feedDeadlines } from '../supervision/supervision.query';
import { feedLeave } from '../leave/calendar.query';
import { addDays } from '$lib/domain/working-days';

// The personal subscription feed (webcal) and its secret token.

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The actor's feed token, made on first use. */
export async function getOrCreateCalendarToken(db: DB, actor: Actor): Promise<string> {
	const existing = await findCalendarToken(db, actor.id);
	if (existing) return existing;
	return inTransaction(db, async (trx) => {
		if (await insertCalendarToken(trx, actor.id, newToken())) {
			await audit(trx, actor, 'calendar.token_create', 'calendar_token', actor.id);
		}
		return (await findCalendarToken(trx, actor.id))!;
	});
}

/** A new secret; the old link stops working at once. */
export async function resetCalendarToken(db: DB, actor: Actor): Promise<string> {
	const token = newToken();
	await inTransaction(db, async (trx) => {
		await replaceCalendarToken(trx, actor.id, token);
		await audit(trx, actor, 'calendar.token_reset', 'calendar_token', actor.id);
	});
	return token;
}

const FEED_PAST_DAYS = 90;
const FEED_FUTURE_DAYS = 365;
// Feeds go out in the office's language whatever the reader's UI locale (as the invites do).
const feedName = (person: string) => `会办 · ${person}的会议`;

function dutyFeedEvent(s: CalendarShift, origin: string | undefined): FeedEvent {
	const label = s.label ? `（${s.label}）` : '';
	return {
		uid: dutyUid(s.assignmentId),
		sequence: 0,
		start: s.startsAt,
		end: s.endsAt,
		stamp: s.updatedAt,
		summary: `值班：${s.periodName}（${DUTY_ROLE_LABEL[s.role]}）`,
		location: '',
		description: [`${s.shiftName}${label}`, s.phone && `值班电话：${s.phone}`]
			.filter(Boolean)
			.join('\n'),
		url: origin ? `${origin}/duty/${s.periodId}` : undefined,
		cancelled: false
	};
}

/** The subscription feed behind a token, or null for an unknown token or inactive account. */
export async function feedForToken(
	db: DB,
	token: string,
	o: { origin?: string; now?: Date } = {}
): Promise<string | null> {
	if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
	const owner = await findActiveTokenOwner(db, token);
	if (!owner) return null;
	const now = (o.now ?? clock.now()).getTime();
	const from = new Date(now - FEED_PAST_DAYS * 86_400_000).toISOString();
	const to = new Date(now + FEED_FUTURE_DAYS * 86_400_000).toISOString();
	const [rows, shifts, deadlines, leave] = await Promise.all([
		findCalendarMeetings(db, { from, to, userId: owner.id, includeDrafts: false }),
		dutyShiftsOfBetween(db, owner.id, from, to),
		// 督办: deadlines of the items the owner must answer, as all-day entries.
		feedDeadlines(db, owner.id, from.slice(0, 10), to.slice(0, 10)),
		// 请假: the owner's own approved leave, all-day (nobody else's).
		feedLeave(db, owner.id, from.slice(0, 10), to.slice(0, 10))
	]);
	const open = rows.filter((r) => !isClassifiedLevel(r.classification));
	const agenda = await findAgendaTitles(
		db,
		open.map((r) => r.id)
	);
	const events: FeedEvent[] = rows.map((r) => {
		const classified = isClassifiedLevel(r.classification);
		return {
			uid: r.uid,
			sequence: r.sequence,
			start: r.startsAt,
			end: r.endsAt,
			// Without METHOD, DTSTAMP is when the entry was last revised (RFC 5545 §3.8.7.2).
			stamp: r.updatedAt,
			summary: r.title,
			location: r.roomName ?? r.location,
			description: classified ? '' : (agenda.get(r.id) ?? []).join('\n'),
			url: !classified && o.origin ? `${o.origin}/meetings/${r.id}` : undefined,
			classified,
			cancelled: r.status === 'cancelled'
		};
	});
	const duty = shifts.map((s) => dutyFeedEvent(s, o.origin));
	const due: FeedEvent[] = deadlines.map((d) => ({
		uid: d.uid,
		sequence: 0,
		start: d.date,
		end: addDays(d.date, 1),
		allDay: true,
		stamp: d.stamp,
		summary: d.summary,
		location: '',
		description: '',
		url: o.origin ? `${o.origin}${d.path}` : undefined,
		cancelled: false
	}));
	const away: FeedEvent[] = leave.map((l) => ({
		uid: l.uid,
		sequence: 0,
		start: l.start,
		end: l.end,
		allDay: true,
		stamp: l.stamp,
		summary: l.summary,
		location: '',
		description: '',
		url: o.origin ? `${o.origin}${l.path}` : undefined,
		cancelled: false
	}));
	return buildFeed(feedName(owner.name), [...events, ...duty, ...due, ...away]);
}
