import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import {
	OPEN_STATUSES,
	type ExtensionStatus,
	type SupervisionColour,
	type SupervisionSource,
	type SupervisionStatus,
	type UrgeKind
} from '$lib/domain/supervision';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { SupervisionItemsTable } from '../db/schema-supervision';
import { likeContains } from '../db/like';
import type { SupervisionViewer } from '../permissions';
import { visibleItems } from './items.repository';

// The read side of 督办 lists: the filtered, paged list, the board's counts, 我的督办, and the
// parts of an item page (feedback, tasks, extensions, urges). Always through visibleItems.

type EB = ExpressionBuilder<Database & { i: SupervisionItemsTable }, 'i'>;

/**
 * Deadline bounds of each colour on a day (dates as YYYY-MM-DD compare as text):
 * normal > dueSoon; blue today..dueSoon; yellow yellowFrom..yesterday; red < yellowFrom.
 */
export interface ColourBounds {
	today: string;
	/** today + dueSoonDays */
	dueSoon: string;
	/** today − yellowDays */
	yellowFrom: string;
}

export interface ItemListFilter {
	status?: SupervisionStatus;
	colour?: SupervisionColour;
	/** Lead or co-department. */
	departmentId?: number;
	source?: SupervisionSource;
	deadlineFrom?: string;
	deadlineTo?: string;
	q?: string;
	page: number;
	pageSize: number;
}

function colourCondition(eb: EB, colour: SupervisionColour, b: ColourBounds): Expression<SqlBool> {
	const open = eb('i.status', 'in', [...OPEN_STATUSES]);
	switch (colour) {
		case 'none':
			return eb('i.status', 'not in', [...OPEN_STATUSES]);
		case 'normal':
			return eb.and([open, eb('i.deadline', '>', b.dueSoon)]);
		case 'blue':
			return eb.and([open, eb('i.deadline', '>=', b.today), eb('i.deadline', '<=', b.dueSoon)]);
		case 'yellow':
			return eb.and([open, eb('i.deadline', '>=', b.yellowFrom), eb('i.deadline', '<', b.today)]);
		case 'red':
			return eb.and([open, eb('i.deadline', '<', b.yellowFrom)]);
	}
}

function inDepartment(eb: EB, departmentId: number): Expression<SqlBool> {
	return eb.or([
		eb('i.lead_department_id', '=', departmentId),
		eb.exists(
			eb
				.selectFrom('supervision_item_departments as fd')
				.select('fd.item_id')
				.whereRef('fd.item_id', '=', 'i.id')
				.where('fd.department_id', '=', departmentId)
		)
	]);
}

function matches(
	eb: EB,
	viewer: SupervisionViewer,
	f: Omit<ItemListFilter, 'page' | 'pageSize'>,
	b: ColourBounds
): Expression<SqlBool> {
	const all: Expression<SqlBool>[] = [visibleItems(viewer)(eb)];
	if (f.status) all.push(eb('i.status', '=', f.status));
	if (f.colour) all.push(colourCondition(eb, f.colour, b));
	if (f.departmentId) all.push(inDepartment(eb, f.departmentId));
	if (f.source) all.push(eb('i.source', '=', f.source));
	if (f.deadlineFrom) all.push(eb('i.deadline', '>=', f.deadlineFrom));
	if (f.deadlineTo) all.push(eb('i.deadline', '<=', f.deadlineTo));
	if (f.q)
		all.push(
			eb.or([
				likeContains('i.title', f.q),
				likeContains('i.number', f.q),
				likeContains('i.requirement', f.q)
			])
		);
	return eb.and(all);
}

/** 0 for an open item past its deadline, 1 otherwise: overdue items come first. */
function overdueFirst(eb: EB, today: string) {
	return eb
		.case()
		.when(eb.and([eb('i.status', 'in', [...OPEN_STATUSES]), eb('i.deadline', '<', today)]))
		.then(0)
		.else(1)
		.end();
}

/** One page of matching item ids (overdue first, then by deadline) and how many match. */
export async function findItemIdsPage(
	db: DB,
	viewer: SupervisionViewer,
	f: ItemListFilter,
	b: ColourBounds
): Promise<{ ids: number[]; total: number }> {
	const [rows, count] = await Promise.all([
		db
			.selectFrom('supervision_items as i')
			.select('i.id')
			.where((eb) => matches(eb, viewer, f, b))
			.orderBy((eb) => overdueFirst(eb, b.today))
			.orderBy('i.deadline')
			.orderBy('i.id')
			.limit(f.pageSize)
			.offset((f.page - 1) * f.pageSize)
			.execute(),
		db
			.selectFrom('supervision_items as i')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where((eb) => matches(eb, viewer, f, b))
			.executeTakeFirstOrThrow()
	]);
	return { ids: rows.map((r) => r.id), total: Number(count.n) };
}

/** How many visible items of each status have each colour (the board's counts). */
export async function countItemsByStatusAndColour(
	db: DB,
	viewer: SupervisionViewer,
	b: ColourBounds
): Promise<{ status: SupervisionStatus; colour: SupervisionColour; n: number }[]> {
	const rows = await db
		.selectFrom('supervision_items as i')
		.select((eb) => [
			'i.status',
			eb
				.case()
				.when('i.status', 'not in', [...OPEN_STATUSES])
				.then('none')
				.when('i.deadline', '>', b.dueSoon)
				.then('normal')
				.when('i.deadline', '>=', b.today)
				.then('blue')
				.when('i.deadline', '>=', b.yellowFrom)
				.then('yellow')
				.else('red')
				.end()
				.as('colour'),
			eb.fn.countAll<number>().as('n')
		])
		.where((eb) => visibleItems(viewer)(eb))
		.groupBy(['i.status', 'colour'])
		.execute();
	return rows.map((r) => ({
		status: r.status,
		colour: r.colour as SupervisionColour,
		n: Number(r.n)
	}));
}

/** The first `limit` visible items of a status, overdue first, then by deadline. */
export async function findTopItemIds(
	db: DB,
	viewer: SupervisionViewer,
	status: SupervisionStatus,
	limit: number,
	today: string
): Promise<number[]> {
	const rows = await db
		.selectFrom('supervision_items as i')
		.select('i.id')
		.where((eb) => eb.and([visibleItems(viewer)(eb), eb('i.status', '=', status)]))
		.orderBy((eb) => overdueFirst(eb, today))
		.orderBy('i.deadline')
		.orderBy('i.id')
		.limit(limit)
		.execute();
	return rows.map((r) => r.id);
}

/**
 * Open items the person must answer (我的督办): responsible for, lead or co-department of a
 * department head, or a task of it given to them; overdue first, then by deadline.
 */
export async function findAnsweredItemIds(
	db: DB,
	who: { id: number; departmentId: number | null; isHead: boolean },
	today: string,
	limit: number
): Promise<number[]> {
	const rows = await db
		.selectFrom('supervision_items as i')
		.select('i.id')
		.where((eb) => {
			const mine: Expression<SqlBool>[] = [
				eb('i.responsible_id', '=', who.id),
				eb.exists(
					eb
						.selectFrom('supervision_tasks as st')
						.select('st.id')
						.whereRef('st.item_id', '=', 'i.id')
						.where('st.assignee_id', '=', who.id)
						.where('st.done_at', 'is', null)
				)
			];
			if (who.isHead && who.departmentId != null) mine.push(inDepartment(eb, who.departmentId));
			return eb.and([eb('i.status', 'in', [...OPEN_STATUSES]), eb.or(mine)]);
		})
		.orderBy((eb) => overdueFirst(eb, today))
		.orderBy('i.deadline')
		.orderBy('i.id')
		.limit(limit)
		.execute();
	return rows.map((r) => r.id);
}

// ---- the parts of an item page -------------------------------------------------------------

export interface FeedbackEntry {
	id: number;
	departmentId: number;
	departmentName: string;
	authorId: number;
	authorName: string;
	text: string;
	percent: number | null;
	milestoneId: number | null;
	cycle: string | null;
	at: string;
}

export async function listFeedbackOf(db: DB, itemId: number): Promise<FeedbackEntry[]> {
	const rows = await db
		.selectFrom('supervision_feedback as f')
		.innerJoin('departments as d', 'd.id', 'f.department_id')
		.innerJoin('users as u', 'u.id', 'f.author_id')
		.select([
			'f.id',
			'f.department_id',
			'd.name as department_name',
			'f.author_id',
			'u.name as author_name',
			'f.text',
			'f.percent',
			'f.milestone_id',
			'f.cycle',
			'f.at'
		])
		.where('f.item_id', '=', itemId)
		.orderBy('f.at', 'desc')
		.orderBy('f.id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		departmentId: r.department_id,
		departmentName: r.department_name,
		authorId: r.author_id,
		authorName: r.author_name,
		text: r.text,
		percent: r.percent,
		milestoneId: r.milestone_id,
		cycle: r.cycle,
		at: r.at
	}));
}

export interface TaskEntry {
	id: number;
	assigneeId: number;
	assigneeName: string;
	text: string;
	deadline: string | null;
	createdAt: string;
	doneAt: string | null;
}

export async function listTasksOf(db: DB, itemId: number): Promise<TaskEntry[]> {
	const rows = await db
		.selectFrom('supervision_tasks as t')
		.innerJoin('users as u', 'u.id', 't.assignee_id')
		.select([
			't.id',
			't.assignee_id',
			'u.name',
			't.text',
			't.deadline',
			't.created_at',
			't.done_at'
		])
		.where('t.item_id', '=', itemId)
		.orderBy('t.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		assigneeId: r.assignee_id,
		assigneeName: r.name,
		text: r.text,
		deadline: r.deadline,
		createdAt: r.created_at,
		doneAt: r.done_at
	}));
}

export interface ExtensionEntry {
	id: number;
	requestedByName: string;
	requestedAt: string;
	reason: string;
	oldDeadline: string;
	newDeadline: string;
	status: ExtensionStatus;
	decidedByName: string | null;
	decidedAt: string | null;
	comment: string;
}

export async function listExtensionsOf(db: DB, itemId: number): Promise<ExtensionEntry[]> {
	const rows = await db
		.selectFrom('supervision_extensions as x')
		.innerJoin('users as q', 'q.id', 'x.requested_by')
		.leftJoin('users as d', 'd.id', 'x.decided_by')
		.select([
			'x.id',
			'q.name as requested_by_name',
			'x.requested_at',
			'x.reason',
			'x.old_deadline',
			'x.new_deadline',
			'x.status',
			'd.name as decided_by_name',
			'x.decided_at',
			'x.decision_comment'
		])
		.where('x.item_id', '=', itemId)
		.orderBy('x.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		requestedByName: r.requested_by_name,
		requestedAt: r.requested_at,
		reason: r.reason,
		oldDeadline: r.old_deadline,
		newDeadline: r.new_deadline,
		status: r.status,
		decidedByName: r.decided_by_name,
		decidedAt: r.decided_at,
		comment: r.decision_comment
	}));
}

export interface UrgeEntry {
	id: number;
	kind: UrgeKind;
	urgedByName: string | null;
	message: string;
	at: string;
	isAutomatic: boolean;
}

export async function listUrgesOf(db: DB, itemId: number): Promise<UrgeEntry[]> {
	const rows = await db
		.selectFrom('supervision_urges as g')
		.leftJoin('users as u', 'u.id', 'g.urged_by')
		.select(['g.id', 'g.kind', 'u.name', 'g.message', 'g.at', 'g.is_automatic'])
		.where('g.item_id', '=', itemId)
		.orderBy('g.at', 'desc')
		.orderBy('g.id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		urgedByName: r.name,
		message: r.message,
		at: r.at,
		isAutomatic: Boolean(r.is_automatic)
	}));
}

/** Open items with a deadline in [from, to] the person must answer (calendar entries). */
export async function findAnsweredDeadlines(
	db: DB,
	who: { id: number; departmentId: number | null; isHead: boolean },
	from: string,
	to: string
): Promise<
	{
		id: number;
		number: string;
		title: string;
		deadline: string;
		classification: string;
		updatedAt: string;
	}[]
> {
	return db
		.selectFrom('supervision_items as i')
		.select([
			'i.id',
			'i.number',
			'i.title',
			'i.deadline',
			'i.classification',
			'i.updated_at as updatedAt'
		])
		.where((eb) => {
			const mine: Expression<SqlBool>[] = [
				eb('i.responsible_id', '=', who.id),
				eb.exists(
					eb
						.selectFrom('supervision_tasks as st')
						.select('st.id')
						.whereRef('st.item_id', '=', 'i.id')
						.where('st.assignee_id', '=', who.id)
						.where('st.done_at', 'is', null)
				)
			];
			if (who.isHead && who.departmentId != null)
				mine.push(eb('i.lead_department_id', '=', who.departmentId));
			return eb.and([
				eb('i.status', 'in', [...OPEN_STATUSES]),
				eb('i.deadline', '>=', from),
				eb('i.deadline', '<=', to),
				eb.or(mine)
			]);
		})
		.orderBy('i.deadline')
		.orderBy('i.id')
		.execute();
}

/** Where a decision item came from: the meeting whose issued minutes hold the decision. */
export async function findDecisionSource(
	db: DB,
	decisionId: number
): Promise<{ meetingId: number; minutesNumber: string | null; seq: number } | undefined> {
	const r = await db
		.selectFrom('minute_decisions as md')
		.innerJoin('meeting_minutes as mm', 'mm.id', 'md.minutes_id')
		.select(['mm.meeting_id', 'mm.number', 'md.seq'])
		.where('md.id', '=', decisionId)
		.executeTakeFirst();
	return r ? { meetingId: r.meeting_id, minutesNumber: r.number, seq: r.seq } : undefined;
}
