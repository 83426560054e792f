/**
 * Supervision (督办) rules without I/O (issue 10): where items come from, their default
 * deadlines in working days, and the colour an item shows as its deadline nears and passes.
 * PRODUCT.md: "leader instruction 15 days (urgent 1–5), decision from minutes 20 days";
 * "blue (due soon) → yellow (overdue) → red (long overdue)".
 */
import { addWorkingDays, type HolidayCalendar } from './working-days';
import { instantToZonedDate } from './zoned-time';

/** 会议议定事项, 领导批示, 年度重点工作, or registered by hand. */
export const SUPERVISION_SOURCES = ['decision', 'instruction', 'key_task', 'manual'] as const;
export type SupervisionSource = (typeof SUPERVISION_SOURCES)[number];

/** 立项 → 交办 → 签收 → 承办中 → 申请办结 → 办结; 中止 at any open step. */
export const SUPERVISION_STATUSES = [
	'registered',
	'assigned',
	'signed',
	'in_progress',
	'completion_requested',
	'closed',
	'stopped'
] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

/** 一般 / 重要 / 紧急. */
export const SUPERVISION_PRIORITIES = ['normal', 'important', 'urgent'] as const;
export type SupervisionPriority = (typeof SUPERVISION_PRIORITIES)[number];

/** An extension request (延期申请): pending until the supervisor approves or refuses it. */
export const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/**
 * 催办: automatic N days before the deadline, on the day, every M days overdue, for a missed
 * feedback cycle or milestone — or by hand with a message.
 */
export const URGE_KINDS = ['before', 'due', 'overdue', 'cycle', 'milestone', 'manual'] as const;
export type UrgeKind = (typeof URGE_KINDS)[number];

/**
 * The steps each status may move to (compare-and-set on the status column):
 * 立项 registered → 交办 assigned → 签收 signed → 承办中 in_progress (first feedback or task)
 * → 申请办结 completion_requested → 办结 closed, or 退回 back to in_progress; 中止 stopped from
 * any open status.
 */
export const SUPERVISION_STEPS: Readonly<Record<SupervisionStatus, readonly SupervisionStatus[]>> =
	{
		registered: ['assigned', 'stopped'],
		assigned: ['signed', 'stopped'],
		signed: ['in_progress', 'completion_requested', 'stopped'],
		in_progress: ['completion_requested', 'stopped'],
		completion_requested: ['closed', 'in_progress', 'stopped'],
		closed: [],
		stopped: []
	};

/** Statuses in which the departments work on the item (feedback, tasks, extension requests). */
export const WORKING_STATUSES: readonly SupervisionStatus[] = ['signed', 'in_progress'];

/** Statuses that still run against the deadline (urged, coloured, counted 在办). */
export const OPEN_STATUSES: readonly SupervisionStatus[] = [
	'registered',
	'assigned',
	'signed',
	'in_progress',
	'completion_requested'
];

/** Items that no longer run against a deadline. */
export function isFinished(status: SupervisionStatus): boolean {
	return status === 'closed' || status === 'stopped';
}

/** The office's deadline and colour settings (defaults as PRODUCT.md gives them). */
export interface SupervisionTerms {
	/** Working days from registration for a decision of issued minutes. */
	decisionDays: number;
	/** Working days for a leader instruction. */
	instructionDays: number;
	/** Working days for a key task or an item registered by hand. */
	otherDays: number;
	/** Blue when due within this many calendar days. */
	dueSoonDays: number;
	/** Yellow when overdue up to this many calendar days; red beyond. */
	yellowDays: number;
	/** Working days after 交办 by which the lead department signs (签收); later shows as late. */
	signDays: number;
	/** Automatic urge this many calendar days before the deadline (0: none). */
	urgeBeforeDays: number;
	/** Automatic urge every this many calendar days while overdue. */
	urgeEveryDays: number;
}

export const DEFAULT_SUPERVISION_TERMS: SupervisionTerms = {
	decisionDays: 20,
	instructionDays: 15,
	otherDays: 20,
	dueSoonDays: 3,
	yellowDays: 7,
	signDays: 1,
	urgeBeforeDays: 3,
	urgeEveryDays: 3
};

/** An urgent instruction is due in 1 to 5 working days. */
export const URGENT_DAYS = { min: 1, max: 5 } as const;

/**
 * The default deadline of an item registered on `registeredOn` (a calendar date), counted in
 * working days with the holiday calendar (春节 and 调休 included). `urgentDays` (1–5) replaces
 * the source's term for an urgent instruction.
 */
export function defaultDeadline(
	source: SupervisionSource,
	registeredOn: string,
	cal: HolidayCalendar,
	terms: SupervisionTerms = DEFAULT_SUPERVISION_TERMS,
	urgentDays?: number
): string {
	if (urgentDays !== undefined) {
		if (
			!Number.isInteger(urgentDays) ||
			urgentDays < URGENT_DAYS.min ||
			urgentDays > URGENT_DAYS.max
		)
			throw new RangeError(`urgent days: ${urgentDays}`);
		return addWorkingDays(registeredOn, urgentDays, cal);
	}
	const days =
		source === 'decision'
			? terms.decisionDays
			: source === 'instruction'
				? terms.instructionDays
				: terms.otherDays;
	return addWorkingDays(registeredOn, days, cal);
}

/** 正常, 蓝 (due soon), 黄 (overdue a little), 红 (overdue long); none once finished. */
export type SupervisionColour = 'normal' | 'blue' | 'yellow' | 'red' | 'none';

/** Whole calendar days from `a` to `b` (negative when b is before a). */
function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The colour of an item on `today`: due on the deadline day itself is still on time (blue);
 * one day past it is yellow; more than `yellowDays` past it is red.
 */
export function supervisionColour(
	item: { status: SupervisionStatus; deadline: string },
	today: string,
	terms: Pick<SupervisionTerms, 'dueSoonDays' | 'yellowDays'> = DEFAULT_SUPERVISION_TERMS
): SupervisionColour {
	if (isFinished(item.status)) return 'none';
	const left = daysBetween(today, item.deadline);
	if (left > terms.dueSoonDays) return 'normal';
	if (left >= 0) return 'blue';
	return -left <= terms.yellowDays ? 'yellow' : 'red';
}

/** 按期办结: closed on or before the deadline in force (after approved extensions). */
export function closedOnTime(item: { closedOn: string | null; deadline: string }): boolean {
	return item.closedOn !== null && item.closedOn <= item.deadline;
}

/**
 * 签收 later than the sign-by date (a calendar date in the office's zone): signed on a later
 * day, or — not signed yet — the sign-by date has passed by `today`.
 */
export function signedLate(
	item: { signDue: string | null; signedAt: string | null },
	timeZone: string,
	today?: string
): boolean {
	if (item.signDue === null) return false;
	if (item.signedAt !== null) return instantToZonedDate(item.signedAt, timeZone) > item.signDue;
	return today !== undefined && today > item.signDue;
}
