import type { Actor } from '../actor';
import type { DB } from '../db';
import { keptWhileSteady, type ReadAt } from '../db/steady';
import { readTogether } from '../db/json-rows';
import { nowIso } from '../clock';
import { addDays } from '$lib/domain/working-days';
import { instantToZonedDate } from '$lib/domain/zoned-time';
import {
	OPEN_STATUSES,
	SUPERVISION_STEPS,
	WORKING_STATUSES,
	isFinished,
	signedLate,
	supervisionColour,
	type SupervisionColour,
	type SupervisionStatus,
	type SupervisionTerms
} from '$lib/domain/supervision';
import { isClassified } from '$lib/domain/meetings';
import * as m from '$lib/paraglide/messages';
import {
	canAnswerSupervisionItem,
	canGiveSupervisionFeedback,
	canManageSupervision,
	canSeeSupervisionItem,
	supervisionStanding,
	type SupervisionViewer
} from '../permissions';
import { getSettings } from '../settings/settings.service';
import { departmentsAt, getDepartments } from '../org/departments.service';
import { departmentOfAt, findPersonById } from '../org/users.service';
import { listActivePeople, listContacts } from '../org/directory.service';
import { pinyinInitials } from '../person-initials';
import { supervisionViewer } from './access';
import { NotFoundError } from '../errors';
import {
	findItemRow,
	findItemsByIds,
	itemFromParts,
	coDepartmentsRead,
	eventsRead,
	toEvent,
	type SupervisionItem
} from './items.repository';
import { milestonesRead, toMilestone } from './milestones.repository';
import { filesRead, toSupervisionFile, type SupervisionFile } from './files.repository';
import {
	countItemsByStatusAndColour,
	findAnsweredDeadlines,
	findAnsweredItemIds,
	findItemsPage,
	findTopItemIds,
	type ColourBounds,
	type ItemListFilter
} from './list.repository';
import { getSupervisionSettings, type SupervisionSettings } from './terms.service';
import { extensionsRead, toExtension } from './extensions.repository';
import { feedbackRead, toFeedbackEntry } from './feedback.repository';
import { tasksRead, toTaskEntry } from './tasks.repository';
import { toUrgeEntry, urgesRead } from './urging.repository';
import { findIssuedDecision } from '../minutes/minutes.service';

// Read models of the 督办 pages: the list with filters, the board, 我的督办, the item page, and
// the deadlines a person's calendar shows. Every list goes through visibleItems (list.repository).

// ---- what every 督办 page reads and seldom changes ----------------------------------------------
// The terms, the departments and a viewer's department are kept while the change stamp stays
// (db/steady.ts): three round trips fewer a page.

export type { ReadAt };

function supervisionTerms(db: DB, at?: ReadAt): Promise<SupervisionSettings> {
	return keptWhileSteady(db, at, 'supervisionTerms', () => getSupervisionSettings(db));
}

/** The office's departments (getDepartments), kept while the stamp stays. */
export function supervisionDepartments(db: DB, at?: ReadAt) {
	return departmentsAt(db, at);
}

/** supervisionViewer (access.ts): the viewer's department kept while the stamp stays. */
async function viewerAt(db: DB, actor: Actor, at?: ReadAt): Promise<Actor & SupervisionViewer> {
	return { ...actor, departmentId: await departmentOfAt(db, actor.id, at) };
}

/** Today in the office's time zone and the colour terms in force. */
export async function supervisionToday(
	db: DB,
	at?: ReadAt
): Promise<{ today: string; terms: SupervisionTerms; timeZone: string }> {
	const [settings, terms] = await Promise.all([getSettings(db), supervisionTerms(db, at)]);
	return {
		today: instantToZonedDate(nowIso(), settings.timeZone),
		terms,
		timeZone: settings.timeZone
	};
}

export function colourBounds(today: string, terms: SupervisionTerms): ColourBounds {
	return {
		today,
		dueSoon: addDays(today, terms.dueSoonDays),
		yellowFrom: addDays(today, -terms.yellowDays)
	};
}

/** An item as a row of a list: what the list, board and 我的督办 show. */
export interface ItemSummary {
	id: number;
	number: string;
	title: string;
	source: SupervisionItem['source'];
	status: SupervisionStatus;
	colour: SupervisionColour;
	/** Days past the deadline (open items), 0 when not overdue. */
	overdueDays: number;
	deadline: string;
	originalDeadline: string;
	leadDepartmentName: string;
	responsibleName: string | null;
	progress: number;
	priority: SupervisionItem['priority'];
	classification: SupervisionItem['classification'];
	closedOn: string | null;
}

function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** What summarise reads of an item (a full item, or a list row). */
export type SummarisedItem = Pick<
	SupervisionItem,
	| 'id'
	| 'number'
	| 'title'
	| 'source'
	| 'status'
	| 'deadline'
	| 'originalDeadline'
	| 'leadDepartmentName'
	| 'responsibleName'
	| 'progress'
	| 'priority'
	| 'classification'
	| 'closedOn'
>;

export function summarise(
	item: SummarisedItem,
	today: string,
	terms: SupervisionTerms
): ItemSummary {
	const colour = supervisionColour(item, today, terms);
	return {
		id: item.id,
		number: item.number,
		title: item.title,
		source: item.source,
		status: item.status,
		colour,
		overdueDays: isFinished(item.status) ? 0 : Math.max(0, daysBetween(item.deadline, today)),
		deadline: item.deadline,
		originalDeadline: item.originalDeadline,
		leadDepartmentName: item.leadDepartmentName,
		responsibleName: item.responsibleName,
		progress: item.progress,
		priority: item.priority,
		classification: item.classification,
		closedOn: item.closedOn
	};
}

export type ListFilter = Omit<ItemListFilter, never>;

/** One page of the items the actor may see, matching the filter; overdue first. */
export async function listItems(
	db: DB,
	actor: Actor,
	filter: ListFilter,
	at?: ReadAt
): Promise<{ items: ItemSummary[]; total: number; today: string }> {
	const [viewer, { today, terms }] = await Promise.all([
		viewerAt(db, actor, at),
		supervisionToday(db, at)
	]);
	const { rows, total } = await findItemsPage(db, viewer, filter, colourBounds(today, terms));
	return { items: rows.map((i) => summarise(i, today, terms)), total, today };
}

/** The board's columns: 立项 → 交办 → 签收 → 承办中 → 申请办结 → 办结. */
export const BOARD_STATUSES: readonly SupervisionStatus[] = [
	'registered',
	'assigned',
	'signed',
	'in_progress',
	'completion_requested',
	'closed'
];

export interface BoardColumn {
	status: SupervisionStatus;
	total: number;
	colours: Record<SupervisionColour, number>;
	top: ItemSummary[];
}

/** Counts per status and colour, and the first items of each status (overdue first). */
export async function boardColumns(
	db: DB,
	actor: Actor,
	at?: ReadAt,
	topPerColumn = 5
): Promise<BoardColumn[]> {
	const [viewer, { today, terms }] = await Promise.all([
		viewerAt(db, actor, at),
		supervisionToday(db, at)
	]);
	const [counts, tops] = await Promise.all([
		countItemsByStatusAndColour(db, viewer, colourBounds(today, terms)),
		Promise.all(BOARD_STATUSES.map((s) => findTopItemIds(db, viewer, s, topPerColumn, today)))
	]);
	const items = new Map(
		(await findItemsByIds(db, tops.flat())).map((i) => [i.id, summarise(i, today, terms)])
	);
	return BOARD_STATUSES.map((status, k) => {
		const colours: Record<SupervisionColour, number> = {
			normal: 0,
			blue: 0,
			yellow: 0,
			red: 0,
			none: 0
		};
		for (const c of counts) if (c.status === status) colours[c.colour] += c.n;
		return {
			status,
			total: Object.values(colours).reduce((a, b) => a + b, 0),
			colours,
			top: tops[k].flatMap((id) => (items.has(id) ? [items.get(id)!] : []))
		};
	});
}

/** Why an item is in 我的督办. */
export type AnswerRole = 'lead' | 'co' | 'assignee';

/**
 * 我的督办: the open items the actor must answer — as the lead department's head or the
 * responsible person, as a co-department's head, or for a task given to them; overdue first.
 */
export async function myItems(
	db: DB,
	actor: Actor,
	o: { limit?: number; at?: ReadAt } = {}
): Promise<{ items: (ItemSummary & { role: AnswerRole })[]; today: string }> {
	const [viewer, { today, terms }] = await Promise.all([
		viewerAt(db, actor, o.at),
		supervisionToday(db, o.at)
	]);
	const limit = o.limit ?? 200;
	const ids = await findAnsweredItemIds(db, answerer(viewer), today, limit);
	const items = await findItemsByIds(db, ids);
	return {
		items: items.map((i) => {
			const s = supervisionStanding(viewer, i);
			const role: AnswerRole = s === 'lead' || s === 'co' ? s : 'assignee';
			return { ...summarise(i, today, terms), role };
		}),
		today
	};
}

function answerer(viewer: SupervisionViewer) {
	return {
		id: viewer.id,
		departmentId: viewer.departmentId,
		isHead: viewer.roles.includes('dept_head')
	};
}

/** A deadline the person must answer, for calendars: "督办到期：<title>" (classified: number). */
export interface DeadlineEntry {
	id: number;
	date: string;
	label: string;
}

export async function myDeadlines(
	db: DB,
	actor: Actor,
	from: string,
	to: string
): Promise<DeadlineEntry[]> {
	const viewer = await supervisionViewer(db, actor);
	const rows = await findAnsweredDeadlines(db, answerer(viewer), from, to);
	return rows.map((r) => ({
		id: r.id,
		date: r.deadline,
		label: isClassified(r.classification as SupervisionItem['classification']) ? r.number : r.title
	}));
}

export type ItemFile = Pick<SupervisionFile, 'id' | 'fileName' | 'mime' | 'size' | 'uploadedAt'>;

/**
 * Everything the item page shows, and what the viewer may do there. The item and its parts are
 * read in one go (the viewer's right to see it checked before anything is returned): one wave
 * of queries, not four one after another.
 */
export async function itemPage(db: DB, actor: Actor, id: number, at?: ReadAt) {
	const [viewer, row, { today, terms, timeZone }, departments, parts] = await Promise.all([
		viewerAt(db, actor, at),
		findItemRow(db, id),
		supervisionToday(db, at),
		supervisionDepartments(db, at),
		// The item's eight lists in one statement (on PostgreSQL, eight round trips fewer).
		readTogether(db, {
			coDepartments: coDepartmentsRead(db, id),
			events: eventsRead(db, id),
			feedback: feedbackRead(db, id),
			tasks: tasksRead(db, id),
			milestones: milestonesRead(db, id),
			extensions: extensionsRead(db, id),
			urges: urgesRead(db, id),
			files: filesRead(db, id)
		})
	]);
	if (!row) throw new NotFoundError();
	const coDepartmentIds = parts.coDepartments.map((r) => r.department_id);
	const events = parts.events.map(toEvent);
	const feedback = parts.feedback.map(toFeedbackEntry);
	const tasks = parts.tasks.map(toTaskEntry);
	const milestones = parts.milestones.map(toMilestone);
	const extensions = parts.extensions.map(toExtension);
	const urges = parts.urges.map(toUrgeEntry);
	const files = parts.files.map(toSupervisionFile);
	const item = itemFromParts(
		row,
		coDepartmentIds,
		tasks.map((t) => t.assigneeId)
	);
	// As loadVisibleItem (access.ts): what the viewer may not see does not exist.
	if (!canSeeSupervisionItem(viewer, item)) throw new NotFoundError();
	const source = item.decisionId != null ? await decisionSource(db, item.decisionId) : undefined;
	const deptName = new Map(departments.map((d) => [d.id, d.name]));
	const fileOf = (f: SupervisionFile): ItemFile => ({
		id: f.id,
		fileName: f.fileName,
		mime: f.mime,
		size: f.size,
		uploadedAt: f.uploadedAt
	});
	const manage = canManageSupervision(viewer);
	const answer = canAnswerSupervisionItem(viewer, item);
	const standing = supervisionStanding(viewer, item);
	const next = SUPERVISION_STEPS[item.status];
	const working = WORKING_STATUSES.includes(item.status);
	const open = OPEN_STATUSES.includes(item.status);
	const pending = extensions.find((x) => x.status === 'pending') ?? null;
	return {
		item,
		summary: summarise(item, today, terms),
		/** 签收 after the sign-by date (or not yet signed and past it). */
		lateSign: signedLate(item, timeZone, today),
		today,
		coDepartments: item.coDepartmentIds.map((d) => ({ id: d, name: deptName.get(d) ?? '' })),
		source: source ?? null,
		events,
		feedback: feedback.map((f) => ({
			...f,
			milestoneTitle: milestones.find((ms) => ms.id === f.milestoneId)?.title ?? null,
			files: files.filter((x) => x.feedbackId === f.id).map(fileOf)
		})),
		instructionFiles: files.filter((x) => x.feedbackId === null).map(fileOf),
		tasks: tasks.map((t) => ({
			...t,
			canComplete: !t.doneAt && working && (answer || t.assigneeId === viewer.id)
		})),
		milestones,
		extensions,
		pendingExtension: pending,
		urges,
		standing,
		can: {
			edit: manage && (item.status === 'registered' || item.status === 'assigned'),
			assign: manage && next.includes('assigned'),
			sign: answer && item.status === 'assigned',
			feedback: canGiveSupervisionFeedback(viewer, item) && working,
			task: answer && working,
			milestone: (manage || answer) && open,
			requestExtension: answer && working && !pending && today <= item.deadline,
			decideExtension: manage && pending !== null,
			requestCompletion: answer && next.includes('completion_requested'),
			review: manage && item.status === 'completion_requested',
			urge: manage && open,
			stop: manage && next.includes('stopped')
		}
	};
}

export type ItemPage = Awaited<ReturnType<typeof itemPage>>;

/** The choices of the 立项 form: departments, active people (for the PersonPicker), leaders. */
export async function itemFormOptions(db: DB) {
	const [departments, people, leaders] = await Promise.all([
		getDepartments(db),
		listActivePeople(db),
		listContacts(db, { roles: ['leader'] })
	]);
	return {
		departments: departments.filter((d) => d.isActive).map((d) => ({ id: d.id, name: d.name })),
		people: people.map((p) => ({
			id: p.id,
			name: p.name,
			title: p.title,
			departmentId: p.departmentId,
			department: p.departmentName,
			initials: pinyinInitials(p.name)
		})),
		leaders: leaders.map((l) => ({ id: l.id, name: l.name }))
	};
}

/** Active people of one department (分解任务 picks an assignee among the lead's people). */
export async function departmentPeople(db: DB, departmentId: number) {
	const people = await listActivePeople(db);
	return people
		.filter((p) => p.departmentId === departmentId)
		.map((p) => ({
			id: p.id,
			name: p.name,
			title: p.title,
			department: p.departmentName,
			initials: pinyinInitials(p.name)
		}));
}

/**
 * The same deadlines as FullCalendar all-day entries for the meetings calendar (from ≤ date <
 * to, the calendar's exclusive end): "督办到期：<title>", a classified item by its number only.
 */
export async function deadlineCalendarEvents(db: DB, actor: Actor, from: string, to: string) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from >= to) return [];
	const entries = await myDeadlines(db, actor, from, addDays(to, -1));
	return entries.map((e) => ({
		id: `supervision-${e.id}`,
		title: m.sup_view_calendar_due({ title: e.label }),
		start: e.date,
		end: addDays(e.date, 1),
		allDay: true,
		url: `/supervision/${e.id}`,
		className: 'is-supervision-deadline',
		extendedProps: { kind: 'supervision' }
	}));
}

/**
 * The deadlines of the personal subscription feed (calendar.feed.ts) for the feed's owner:
 * all-day entries "督办到期：<title>", a classified item by its number only.
 */
export async function feedDeadlines(
	db: DB,
	userId: number,
	from: string,
	to: string
): Promise<{ uid: string; date: string; summary: string; path: string; stamp: string }[]> {
	const person = await findPersonById(db, userId);
	if (!person) return [];
	const rows = await findAnsweredDeadlines(
		db,
		{
			id: person.id,
			departmentId: person.departmentId,
			isHead: person.roles.includes('dept_head')
		},
		from,
		to
	);
	return rows.map((r) => ({
		uid: `supervision-${r.id}-deadline@huiban`,
		date: r.deadline,
		// Feeds go out in the office's language (as the meetings' do).
		summary: `督办到期：${isClassified(r.classification as SupervisionItem['classification']) ? r.number : r.title}`,
		path: `/supervision/${r.id}`,
		stamp: r.updatedAt
	}));
}

/** Where a decision item came from: the meeting whose issued minutes hold the decision. */
async function decisionSource(db: DB, decisionId: number) {
	const d = await findIssuedDecision(db, decisionId);
	return d ? { meetingId: d.meetingId, minutesNumber: d.minutesNumber, seq: d.seq } : undefined;
}
