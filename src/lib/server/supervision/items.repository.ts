import type {
	Expression,
	ExpressionBuilder,
	Insertable,
	Selectable,
	SqlBool,
	Updateable
} from 'kysely';
import { CLASSIFIED_LEVELS, type Classification } from '$lib/domain/meetings';
import type {
	SupervisionPriority,
	SupervisionSource,
	SupervisionStatus
} from '$lib/domain/supervision';
import type { DB } from '../db';
import { nestedRead, type RowOf } from '../db/json-rows';
import type { Database } from '../db/schema';
import type { SupervisionItemsTable } from '../db/schema-supervision';
import { canSeeAllSupervision, type SupervisionViewer } from '../permissions';

// Supervision items (督办事项): the item row, its co-departments, its timeline, and the one SQL
// form of who may see an item (visibleItems, the twin of canSeeSupervisionItem).

/** A supervision item as the services and pages read it. */
export interface SupervisionItem {
	id: number;
	number: string;
	numberYear: number;
	numberSeq: number;
	title: string;
	requirement: string;
	source: SupervisionSource;
	decisionId: number | null;
	instructionLeaderId: number | null;
	instructionLeaderName: string | null;
	instructionDate: string | null;
	instructionText: string;
	sourceRef: string;
	leadDepartmentId: number;
	leadDepartmentName: string;
	coDepartmentIds: number[];
	responsibleId: number | null;
	responsibleName: string | null;
	/** People the lead department gave a task of this item to. */
	taskAssigneeIds: number[];
	priority: SupervisionPriority;
	urgentDays: number | null;
	classification: Classification;
	status: SupervisionStatus;
	deadline: string;
	originalDeadline: string;
	signDue: string | null;
	feedbackDay: number | null;
	progress: number;
	completionSummary: string;
	returnReason: string;
	stopReason: string;
	createdBy: number;
	createdByName: string;
	createdAt: string;
	updatedAt: string;
	assignedAt: string | null;
	signedAt: string | null;
	signedBy: number | null;
	completionRequestedAt: string | null;
	closedAt: string | null;
	closedBy: number | null;
	closedOn: string | null;
	stoppedAt: string | null;
}

type ItemRow = Selectable<SupervisionItemsTable>;

function baseSelect(db: DB) {
	return db
		.selectFrom('supervision_items as i')
		.innerJoin('departments as d', 'd.id', 'i.lead_department_id')
		.innerJoin('users as c', 'c.id', 'i.created_by')
		.leftJoin('users as r', 'r.id', 'i.responsible_id')
		.leftJoin('users as l', 'l.id', 'i.instruction_leader_id')
		.selectAll('i')
		.select([
			'd.name as lead_department_name',
			'c.name as created_by_name',
			'r.name as responsible_name',
			'l.name as instruction_leader_name'
		]);
}

type Joined = ItemRow & {
	lead_department_name: string;
	created_by_name: string;
	responsible_name: string | null;
	instruction_leader_name: string | null;
};

function toItem(
	row: Joined,
	coDepartmentIds: number[],
	taskAssigneeIds: number[]
): SupervisionItem {
	return {
		id: row.id,
		number: row.number,
		numberYear: row.number_year,
		numberSeq: row.number_seq,
		title: row.title,
		requirement: row.requirement,
		source: row.source,
		decisionId: row.decision_id,
		instructionLeaderId: row.instruction_leader_id,
		instructionLeaderName: row.instruction_leader_name,
		instructionDate: row.instruction_date,
		instructionText: row.instruction_text,
		sourceRef: row.source_ref,
		leadDepartmentId: row.lead_department_id,
		leadDepartmentName: row.lead_department_name,
		coDepartmentIds,
		responsibleId: row.responsible_id,
		responsibleName: row.responsible_name,
		taskAssigneeIds,
		priority: row.priority,
		urgentDays: row.urgent_days,
		classification: row.classification,
		status: row.status,
		deadline: row.deadline,
		originalDeadline: row.original_deadline,
		signDue: row.sign_due,
		feedbackDay: row.feedback_day,
		progress: row.progress,
		completionSummary: row.completion_summary,
		returnReason: row.return_reason,
		stopReason: row.stop_reason,
		createdBy: row.created_by,
		createdByName: row.created_by_name,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		assignedAt: row.assigned_at,
		signedAt: row.signed_at,
		signedBy: row.signed_by,
		completionRequestedAt: row.completion_requested_at,
		closedAt: row.closed_at,
		closedBy: row.closed_by,
		closedOn: row.closed_on,
		stoppedAt: row.stopped_at
	};
}

/** One item with its co-departments and task assignees, or undefined. */
export async function findItemById(db: DB, id: number): Promise<SupervisionItem | undefined> {
	const row = await findItemRow(db, id);
	if (!row) return undefined;
	const [co, assignees] = await Promise.all([
		listCoDepartmentIds(db, id),
		db
			.selectFrom('supervision_tasks')
			.select('assignee_id')
			.distinct()
			.where('item_id', '=', id)
			.execute()
	]);
	return toItem(
		row,
		co,
		assignees.map((r) => r.assignee_id)
	);
}

/** The item's own row (names joined), for a page that reads its other parts alongside. */
export type ItemRecord = Joined;

export function findItemRow(db: DB, id: number): Promise<ItemRecord | undefined> {
	return baseSelect(db).where('i.id', '=', id).executeTakeFirst();
}

/** The item's co-departments, by id (listCoDepartmentIds; the item page reads it nested). */
export function coDepartmentsRead(db: DB, itemId: number) {
	return nestedRead(
		db
			.selectFrom('supervision_item_departments')
			.select('department_id')
			.where('item_id', '=', itemId)
			.orderBy('department_id')
	);
}

/** The item's co-departments, by id. */
export async function listCoDepartmentIds(db: DB, itemId: number): Promise<number[]> {
	const rows = await coDepartmentsRead(db, itemId).query.execute();
	return rows.map((r) => r.department_id);
}

/** An item from its row, co-departments and the people given a task of it (findItemById's parts). */
export function itemFromParts(
	row: ItemRecord,
	coDepartmentIds: number[],
	taskAssigneeIds: number[]
): SupervisionItem {
	return toItem(row, coDepartmentIds, [...new Set(taskAssigneeIds)]);
}

/** Many items by id (list pages), co-departments and assignees included, in the ids' order. */
export async function findItemsByIds(db: DB, ids: number[]): Promise<SupervisionItem[]> {
	if (ids.length === 0) return [];
	const [rows, co, assignees] = await Promise.all([
		baseSelect(db).where('i.id', 'in', ids).execute(),
		db
			.selectFrom('supervision_item_departments')
			.select(['item_id', 'department_id'])
			.where('item_id', 'in', ids)
			.execute(),
		db
			.selectFrom('supervision_tasks')
			.select(['item_id', 'assignee_id'])
			.distinct()
			.where('item_id', 'in', ids)
			.execute()
	]);
	const group = (pairs: { item_id: number; v: number }[]) => {
		const map = new Map<number, number[]>();
		for (const p of pairs) map.set(p.item_id, [...(map.get(p.item_id) ?? []), p.v]);
		return map;
	};
	const coBy = group(co.map((r) => ({ item_id: r.item_id, v: r.department_id })));
	const asBy = group(assignees.map((r) => ({ item_id: r.item_id, v: r.assignee_id })));
	const byId = new Map(
		rows.map((r) => {
			const id = r.id;
			return [id, toItem(r, coBy.get(id) ?? [], asBy.get(id) ?? [])];
		})
	);
	return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export type NewItem = Insertable<SupervisionItemsTable>;

export async function insertItem(db: DB, values: NewItem): Promise<number> {
	const r = await db
		.insertInto('supervision_items')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** Replaces the item's co-departments (the lead is never one of them). */
export async function setCoDepartments(db: DB, itemId: number, departmentIds: number[]) {
	await db.deleteFrom('supervision_item_departments').where('item_id', '=', itemId).execute();
	if (departmentIds.length)
		await db
			.insertInto('supervision_item_departments')
			.values(departmentIds.map((department_id) => ({ item_id: itemId, department_id })))
			.execute();
}

/**
 * Compare-and-set of the item's status: moves it to `to` (with `set`) only if it is in one of
 * `from` now. True for the one caller that won.
 */
export async function moveItem(
	db: DB,
	id: number,
	from: readonly SupervisionStatus[],
	to: SupervisionStatus,
	set: Updateable<SupervisionItemsTable> = {}
): Promise<boolean> {
	const r = await db
		.updateTable('supervision_items')
		.set({ ...set, status: to })
		.where('id', '=', id)
		.where('status', 'in', [...from])
		.returning('id')
		.executeTakeFirst();
	return !!r;
}

/**
 * Changes fields of an item in one of `statuses` (an edit, a new deadline, the progress); true
 * when a row changed.
 */
export async function updateItemIn(
	db: DB,
	id: number,
	statuses: readonly SupervisionStatus[],
	set: Updateable<SupervisionItemsTable>
): Promise<boolean> {
	const r = await db
		.updateTable('supervision_items')
		.set(set)
		.where('id', '=', id)
		.where('status', 'in', [...statuses])
		.returning('id')
		.executeTakeFirst();
	return !!r;
}

/** The item made from a decision of issued minutes, if any (the link back). */
export async function findItemIdByDecision(db: DB, decisionId: number): Promise<number | null> {
	const r = await db
		.selectFrom('supervision_items')
		.select('id')
		.where('decision_id', '=', decisionId)
		.executeTakeFirst();
	return r?.id ?? null;
}

/** Items made from these decisions: decision id → the item's id, number, status and deadline. */
export async function findItemsByDecisions(db: DB, decisionIds: number[]) {
	if (decisionIds.length === 0) return [];
	return db
		.selectFrom('supervision_items')
		.select([
			'id',
			'decision_id as decisionId',
			'number',
			'status',
			'deadline',
			'closed_on as closedOn',
			'title'
		])
		.where('decision_id', 'in', decisionIds)
		.execute() as Promise<
		{
			id: number;
			decisionId: number;
			number: string;
			status: SupervisionStatus;
			deadline: string;
			closedOn: string | null;
			title: string;
		}[]
	>;
}

// ---- timeline ------------------------------------------------------------------------------

/** A step on the item's timeline (立项, 交办, 签收, 反馈, 催办, 延期, 退回, 办结 …). */
export interface SupervisionEvent {
	id: number;
	kind: string;
	actorId: number | null;
	actorName: string | null;
	at: string;
	text: string;
	data: Record<string, unknown>;
}

export async function insertEvent(
	db: DB,
	e: {
		itemId: number;
		kind: string;
		actorId: number | null;
		at: string;
		text?: string;
		data?: Record<string, unknown>;
	}
): Promise<void> {
	await db
		.insertInto('supervision_events')
		.values({
			item_id: e.itemId,
			kind: e.kind,
			actor_id: e.actorId,
			at: e.at,
			text: e.text ?? '',
			data: JSON.stringify(e.data ?? {})
		})
		.execute();
}

/** insertEvent for many steps in one statement (the automatic urging tick's batch). */
export async function insertEvents(
	db: DB,
	events: {
		itemId: number;
		kind: string;
		actorId: number | null;
		at: string;
		text?: string;
		data?: Record<string, unknown>;
	}[]
): Promise<void> {
	if (!events.length) return;
	await db
		.insertInto('supervision_events')
		.values(
			events.map((e) => ({
				item_id: e.itemId,
				kind: e.kind,
				actor_id: e.actorId,
				at: e.at,
				text: e.text ?? '',
				data: JSON.stringify(e.data ?? {})
			}))
		)
		.execute();
}

/** The item's timeline, oldest first (listEvents; the item page reads it nested). */
export function eventsRead(db: DB, itemId: number) {
	return nestedRead(
		db
			.selectFrom('supervision_events as e')
			.leftJoin('users as u', 'u.id', 'e.actor_id')
			.select(['e.id', 'e.kind', 'e.actor_id', 'u.name as actor_name', 'e.at', 'e.text', 'e.data'])
			.where('e.item_id', '=', itemId)
			.orderBy('e.at')
			.orderBy('e.id'),
		['at']
	);
}

type EventRow = RowOf<ReturnType<typeof eventsRead>>;

export function toEvent(r: EventRow): SupervisionEvent {
	return {
		id: r.id,
		kind: r.kind,
		actorId: r.actor_id,
		actorName: r.actor_name,
		at: r.at,
		text: r.text,
		data: JSON.parse(r.data) as Record<string, unknown>
	};
}

export async function listEvents(db: DB, itemId: number): Promise<SupervisionEvent[]> {
	return (await eventsRead(db, itemId).query.execute()).map(toEvent);
}

// ---- visibility -----------------------------------------------------------------------------

type EB = ExpressionBuilder<Database & { i: SupervisionItemsTable }, 'i'>;

/**
 * canSeeSupervisionItem (permissions.ts) as a condition on `supervision_items as i`, for
 * `.where(visibleItems(viewer))`. The two must agree (visibility.test.ts).
 */
export function visibleItems(viewer: SupervisionViewer) {
	return (eb: EB): Expression<SqlBool> => {
		if (canSeeAllSupervision(viewer)) return eb.and([]);
		const dept = viewer.departmentId;
		const head = viewer.roles.includes('dept_head');
		const inCo = (d: number) =>
			eb.exists(
				eb
					.selectFrom('supervision_item_departments as sd')
					.select('sd.item_id')
					.whereRef('sd.item_id', '=', 'i.id')
					.where('sd.department_id', '=', d)
			);
		const assignee = eb.exists(
			eb
				.selectFrom('supervision_tasks as st')
				.select('st.id')
				.whereRef('st.item_id', '=', 'i.id')
				.where('st.assignee_id', '=', viewer.id)
		);
		const answering: Expression<SqlBool>[] = [eb('i.responsible_id', '=', viewer.id), assignee];
		const member: Expression<SqlBool>[] = [];
		if (dept != null) {
			const ofDept = eb.or([eb('i.lead_department_id', '=', dept), inCo(dept)]);
			if (head) answering.push(ofDept);
			else member.push(ofDept);
		}
		return eb.or([
			...answering,
			...member.map((m) => eb.and([m, eb('i.classification', 'not in', [...CLASSIFIED_LEVELS])]))
		]);
	};
}
