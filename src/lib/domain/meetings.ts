export const CLASSIFICATIONS = ['none', 'internal', 'secret', 'confidential'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const PARTICIPANT_ROLES = ['attendee', 'observer', 'staff'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const REPLY_KINDS = ['attend', 'excused', 'deputy'] as const;
export type ReplyChoice = (typeof REPLY_KINDS)[number];
/** A participant's reply as stored: one of the choices, or none yet. */
export type ReplyKind = ReplyChoice | 'pending';

export type MeetingPhase = 'draft' | 'issued' | 'in_progress' | 'ended' | 'cancelled';

/** 秘密 and 机密: the levels whose details never leave the app (PRODUCT.md, classified meetings). */
export const CLASSIFIED_LEVELS = ['secret', 'confidential'] as const satisfies Classification[];

/** 秘密 and 机密 meetings: details never leave the app, and inside it only those on them see them. */
export function isClassified(c: Classification | string): boolean {
	return (CLASSIFIED_LEVELS as readonly string[]).includes(c);
}

/** The lifecycle phase; "in progress" and "ended" follow from the clock, not a stored flag. */
export function meetingPhase(
	m: { status: 'draft' | 'issued' | 'cancelled'; startsAt: string; endsAt: string },
	now: Date
): MeetingPhase {
	if (m.status !== 'issued') return m.status;
	const t = now.toISOString();
	if (t >= m.endsAt) return 'ended';
	if (t >= m.startsAt) return 'in_progress';
	return 'issued';
}

/** Half-open intervals [start, end): a meeting ending at 10:00 does not clash with one at 10:00. */
export function overlaps(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
	return aStart < bEnd && bStart < aEnd;
}

export const DEFAULT_MEETING_MINUTES = 90;
