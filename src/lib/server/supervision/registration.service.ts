/**
 * 督办立项 (issue 10): registering an item by hand, from a leader instruction (领导批示) or from a
 * decision of issued minutes (one item per decision), and editing it before it is signed for.
 * Numbers 督〔year〕N号 come from the gap-free counter; the lifecycle after 立项 is items.service.ts.
 */
import * as m from '$lib/paraglide/messages';
import { supervisionNumber } from '$lib/domain/document-numbers';
import { defaultDeadline, type SupervisionStatus } from '$lib/domain/supervision';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { nextDocumentNumber } from '../db/counters';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { ValidationError } from '../errors';
import { findIssuedDecision } from '../minutes/minutes.service';
import { OFFICE_LOCALE } from '../notifications/notify';
import { activeIdsAmong } from '../org/directory.service';
import { canManageSupervision, requirePermission } from '../permissions';
import { parseInput } from '../validation';
import { loadManagedItem, supervisionViewer } from './access';
import { insertFile } from './files.repository';
import {
	findItemById,
	findItemIdByDecision,
	insertEvent,
	insertItem,
	setCoDepartments,
	updateItemIn,
	type SupervisionItem
} from './items.repository';
import {
	formMilestones,
	fromDecisionSchema,
	itemSchema,
	type FromDecisionInput,
	type ItemInput,
	type ItemValues
} from './items.schema';
import { calendarFrom, officeToday, stepAt, type StepOptions } from './items.service';
import { insertMilestones } from './milestones.repository';
import { getSupervisionSettings } from './terms.service';

/** The numbered series of 督办 items (督〔year〕N号), per year. */
export const SUPERVISION_SERIES = 'supervision';

/** A file someone attached (the leader's instruction). */
export interface UploadedFile {
	name: string;
	type: string;
	bytes: Buffer;
}
// ---- 立项 -------------------------------------------------------------------------------------

/** Every department and person the form names exists and is active; errors by field. */
async function checkNamed(trx: DB, v: ItemValues): Promise<void> {
	const depts = [v.leadDepartmentId, ...v.coDepartmentIds];
	const people = [v.responsibleId, v.instructionLeaderId].filter((x): x is number => x != null);
	const [activeDepts, activePeople] = await Promise.all([
		activeIdsAmong(trx, 'departments', depts),
		activeIdsAmong(trx, 'users', people)
	]);
	const errors: Record<string, string> = {};
	if (!activeDepts.has(v.leadDepartmentId)) errors.leadDepartmentId = m.sup_item_err_inactive();
	if (v.coDepartmentIds.some((d) => !activeDepts.has(d)))
		errors.coDepartmentIds = m.sup_item_err_inactive();
	if (v.responsibleId != null && !activePeople.has(v.responsibleId))
		errors.responsibleId = m.sup_item_err_inactive();
	if (v.instructionLeaderId != null && !activePeople.has(v.instructionLeaderId))
		errors.instructionLeaderId = m.sup_item_err_inactive();
	if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** The urgent days that count: an urgent item's, else none. */
const urgentDaysOf = (v: Pick<ItemValues, 'priority' | 'urgentDays'>) =>
	v.priority === 'urgent' && v.urgentDays != null ? v.urgentDays : null;

/**
 * The deadline of a form: the one given (not before today), else the source's term — or the
 * urgent days — in working days from today with the holiday calendar.
 */
async function resolveDeadline(
	trx: DB,
	v: ItemValues,
	today: string,
	source = v.source as SupervisionItem['source']
): Promise<string> {
	if (v.deadline) {
		if (v.deadline < today) throw new ValidationError({ deadline: m.sup_item_err_deadline_past() });
		return v.deadline;
	}
	const terms = await getSupervisionSettings(trx);
	const cal = await calendarFrom(trx, today);
	return defaultDeadline(source, today, cal, terms, urgentDaysOf(v) ?? undefined);
}

function checkMilestones(milestones: { dueDate: string }[], deadline: string): void {
	const errors: Record<string, string> = {};
	milestones.forEach((ms, i) => {
		if (ms.dueDate > deadline)
			errors[`milestoneDue.${i}`] = m.sup_item_err_milestone_after_deadline();
	});
	if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** Takes the next 督〔year〕N号 of the office-zone year, inside the creating transaction. */
async function takeNumber(trx: DB, today: string) {
	const year = Number(today.slice(0, 4));
	const seq = await nextDocumentNumber(trx, SUPERVISION_SERIES, year);
	return { number_year: year, number_seq: seq, number: supervisionNumber(year, seq) };
}

/**
 * 立项: a supervisor or leader registers an item (领导批示, 重点工作 or by hand) with its lead
 * and co-departments, deadline (the default by source when none is given), milestones and,
 * for an instruction, the leader's document as a file. Status 登记 (registered).
 */
export async function registerItem(
	db: DB,
	actor: Actor,
	input: ItemInput,
	file?: UploadedFile | null,
	o: StepOptions = {}
): Promise<{ id: number; number: string }> {
	requirePermission(actor, canManageSupervision);
	const v = parseInput(itemSchema, input);
	const coDepartmentIds = [...new Set(v.coDepartmentIds)].filter((d) => d !== v.leadDepartmentId);
	const milestones = formMilestones(v);
	return inTransaction(db, async (trx) => {
		await supervisionViewer(trx, actor);
		await checkNamed(trx, { ...v, coDepartmentIds });
		const at = stepAt(o);
		const { today } = await officeToday(trx, at);
		const deadline = await resolveDeadline(trx, v, today);
		checkMilestones(milestones, deadline);
		const numbered = await takeNumber(trx, today);
		const instruction = v.source === 'instruction';
		const id = await insertItem(trx, {
			...numbered,
			title: v.title,
			requirement: v.requirement,
			source: v.source,
			decision_id: null,
			instruction_leader_id: instruction ? v.instructionLeaderId : null,
			instruction_date: instruction ? v.instructionDate || null : null,
			instruction_text: instruction ? v.instructionText : '',
			source_ref: v.sourceRef,
			lead_department_id: v.leadDepartmentId,
			responsible_id: v.responsibleId,
			priority: v.priority,
			urgent_days: urgentDaysOf(v),
			classification: v.classification,
			status: 'registered',
			deadline,
			original_deadline: deadline,
			sign_due: null,
			feedback_day: v.feedbackDay,
			created_by: actor.id,
			created_at: at,
			updated_at: at
		});
		await setCoDepartments(trx, id, coDepartmentIds);
		await insertMilestones(trx, id, milestones);
		if (file && file.bytes.length)
			await insertFile(trx, {
				itemId: id,
				feedbackId: null,
				fileName: file.name.slice(0, 255),
				mime: (file.type || 'application/octet-stream').slice(0, 120),
				content: file.bytes,
				uploadedBy: actor.id,
				uploadedAt: at
			});
		await insertEvent(trx, {
			itemId: id,
			kind: 'register',
			actorId: actor.id,
			at,
			data: { number: numbered.number, deadline, source: v.source }
		});
		await audit(trx, actor, 'supervision.register', 'supervision', id, {
			number: numbered.number,
			title: v.title,
			source: v.source,
			leadDepartmentId: v.leadDepartmentId,
			coDepartmentIds,
			deadline,
			priority: v.priority,
			classification: v.classification
		});
		return { id, number: numbered.number };
	});
}

/** A decision's text as an item's title: at most 60 characters. */
export function decisionTitle(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const chars = [...flat];
	return chars.length <= 60 ? flat : chars.slice(0, 59).join('') + '…';
}

/**
 * 从议定事项立项: a decision of issued minutes becomes an item — its text, lead and
 * co-departments, deadline (or the decision term) and the meeting's classification; the
 * source reads "《会议》纪要 〔2026〕3号 第N项". One item per decision.
 */
export async function registerFromDecision(
	db: DB,
	actor: Actor,
	decisionId: number,
	input: FromDecisionInput,
	o: StepOptions = {}
): Promise<{ id: number; number: string }> {
	requirePermission(actor, canManageSupervision);
	const v = parseInput(fromDecisionSchema, input);
	return inTransaction(db, async (trx) => {
		await supervisionViewer(trx, actor);
		const d = await findIssuedDecision(trx, decisionId);
		if (!d) throw new ValidationError({ _: m.sup_item_err_decision_not_found() });
		if (d.leadDepartmentId == null)
			throw new ValidationError({ _: m.sup_item_err_decision_no_lead() });
		// Two registrations of one decision at once: the second waits here and sees the first.
		await lockName(trx, `supervision:decision:${decisionId}`);
		const taken = await findItemIdByDecision(trx, decisionId);
		if (taken !== null) {
			const item = await findItemById(trx, taken);
			throw new ValidationError({
				_: m.sup_item_err_decision_taken({ number: item?.number ?? '' })
			});
		}
		if (v.responsibleId != null) {
			const active = await activeIdsAmong(trx, 'users', [v.responsibleId]);
			if (!active.has(v.responsibleId))
				throw new ValidationError({ responsibleId: m.sup_item_err_inactive() });
		}
		const at = stepAt(o);
		const { today } = await officeToday(trx, at);
		let deadline: string;
		if (v.deadline) {
			if (v.deadline < today)
				throw new ValidationError({ deadline: m.sup_item_err_deadline_past() });
			deadline = v.deadline;
		} else if (d.deadline) deadline = d.deadline;
		else {
			const terms = await getSupervisionSettings(trx);
			deadline = defaultDeadline('decision', today, await calendarFrom(trx, today), terms);
		}
		const lead = d.leadDepartmentId;
		const coDepartmentIds = d.coDepartmentIds.filter((c) => c !== lead);
		const title = v.title || decisionTitle(d.text);
		const sourceRef = m
			.sup_item_ref_decision(
				{ meeting: d.meetingTitle, number: d.minutesNumber, seq: d.seq },
				OFFICE_LOCALE
			)
			.slice(0, 200);
		const numbered = await takeNumber(trx, today);
		const id = await insertItem(trx, {
			...numbered,
			title,
			requirement: v.requirement || d.text,
			source: 'decision',
			decision_id: d.id,
			source_ref: sourceRef,
			lead_department_id: lead,
			responsible_id: v.responsibleId,
			priority: v.priority,
			urgent_days: null,
			classification: d.classification,
			status: 'registered',
			deadline,
			original_deadline: deadline,
			created_by: actor.id,
			created_at: at,
			updated_at: at
		});
		await setCoDepartments(trx, id, coDepartmentIds);
		await insertEvent(trx, {
			itemId: id,
			kind: 'register',
			actorId: actor.id,
			at,
			data: { number: numbered.number, deadline, source: 'decision', decisionId: d.id }
		});
		await audit(trx, actor, 'supervision.register', 'supervision', id, {
			number: numbered.number,
			title,
			source: 'decision',
			decisionId: d.id,
			leadDepartmentId: lead,
			coDepartmentIds,
			deadline,
			priority: v.priority
		});
		return { id, number: numbered.number };
	});
}

/** Statuses in which the item's facts may still be edited (before the lead signs). */
const EDITABLE: readonly SupervisionStatus[] = ['registered', 'assigned'];

/**
 * A supervisor or leader corrects an item before it is signed for. An empty deadline keeps the
 * one in force; a decision's item stays a decision's item. Milestones are added on the item
 * page (addMilestone), not here.
 */
export async function updateItem(
	db: DB,
	actor: Actor,
	id: number,
	input: ItemInput
): Promise<void> {
	requirePermission(actor, canManageSupervision);
	const v = parseInput(itemSchema, input);
	const coDepartmentIds = [...new Set(v.coDepartmentIds)].filter((d) => d !== v.leadDepartmentId);
	await inTransaction(db, async (trx) => {
		const viewer = await supervisionViewer(trx, actor);
		const item = await loadManagedItem(trx, viewer, id);
		if (!EDITABLE.includes(item.status))
			throw new ValidationError({ _: m.sup_item_err_not_editable() });
		await checkNamed(trx, { ...v, coDepartmentIds });
		const { today } = await officeToday(trx);
		let deadline = item.deadline;
		if (v.deadline && v.deadline !== item.deadline) {
			if (v.deadline < today)
				throw new ValidationError({ deadline: m.sup_item_err_deadline_past() });
			deadline = v.deadline;
		}
		const fromDecision = item.source === 'decision';
		const source = fromDecision ? 'decision' : v.source;
		const instruction = source === 'instruction';
		const set = {
			title: v.title,
			requirement: v.requirement,
			source,
			instruction_leader_id: instruction ? v.instructionLeaderId : null,
			instruction_date: instruction ? v.instructionDate || null : null,
			instruction_text: instruction ? v.instructionText : '',
			source_ref: fromDecision ? item.sourceRef : v.sourceRef,
			lead_department_id: v.leadDepartmentId,
			responsible_id: v.responsibleId,
			priority: v.priority,
			urgent_days: urgentDaysOf(v),
			classification: v.classification,
			deadline,
			// Before any approved extension the deadline set is the original one.
			original_deadline: item.originalDeadline === item.deadline ? deadline : item.originalDeadline,
			feedback_day: v.feedbackDay
		};
		const before = {
			title: item.title,
			requirement: item.requirement,
			source: item.source,
			instruction_leader_id: item.instructionLeaderId,
			instruction_date: item.instructionDate,
			instruction_text: item.instructionText,
			source_ref: item.sourceRef,
			lead_department_id: item.leadDepartmentId,
			responsible_id: item.responsibleId,
			priority: item.priority,
			urgent_days: item.urgentDays,
			classification: item.classification,
			deadline: item.deadline,
			original_deadline: item.originalDeadline,
			feedback_day: item.feedbackDay
		};
		const changed = Object.fromEntries(
			Object.entries(set).filter(([k, val]) => before[k as keyof typeof before] !== val)
		);
		const coChanged =
			coDepartmentIds.length !== item.coDepartmentIds.length ||
			coDepartmentIds.some((c) => !item.coDepartmentIds.includes(c));
		// An unchanged form writes nothing.
		if (!Object.keys(changed).length && !coChanged) return;
		if (!(await updateItemIn(trx, id, EDITABLE, { ...changed, updated_at: clock.nowIso() })))
			throw new ValidationError({ _: m.sup_item_err_not_editable() });
		if (coChanged) await setCoDepartments(trx, id, coDepartmentIds);
		await audit(trx, actor, 'supervision.update', 'supervision', id, {
			...changed,
			...(coChanged ? { coDepartmentIds } : {})
		});
	});
}
