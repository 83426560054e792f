import type { ColumnType, Generated } from 'kysely';
import type { Instant } from './schema';

/** Replies from calendar clients (IMAP); see migrations/0018_calendar_replies.ts. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface CalendarRepliesTable {
	id: Generated<number>;
	message_id: string;
	meeting_id: number | null;
	user_id: number | null;
	sender: Defaulted<string>;
	attendee: Defaulted<string>;
	partstat: Defaulted<string>;
	sequence: number | null;
	outcome: string;
	note: Defaulted<string>;
	received_at: Instant;
}

export interface CalendarReplyPollsTable {
	source: string;
	polled_at: Instant;
	is_ok: Defaulted<boolean>;
	fetched: Defaulted<number>;
	handled: Defaulted<number>;
	error: Defaulted<string>;
}

export interface CalendarReplyTables {
	calendar_replies: CalendarRepliesTable;
	calendar_reply_polls: CalendarReplyPollsTable;
}
