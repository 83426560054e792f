/**
 * 督办事项 lifecycle (issue 10): 立项 (by hand or from a decision of issued minutes), 交办, 签收,
 * 申请办结, 办结 / 退回, 中止. Every step is one compare-and-set on the item's status (a second
 * click gets the message of the state now), one timeline event, one audit row and the notices.
 */
import * as m from '$lib/paraglide/messages';
import { OPEN_STATUSES, signedLate, type SupervisionStatus } from '$lib/domain/supervision';
import type { Updateable } from 'kysely';
import { addDays, addWorkingDays, type HolidayCalendar } from '$lib/domain/working-days';
import { instantToZonedDate } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import type { SupervisionItemsTable } from '../db/schema-supervision';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError } from '../errors';
import { loadHolidayCalendar } from '../holidays/holidays.service';
import { canManageSupervision, requirePermission } from '../permissions';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { loadAnsweredItem, loadManagedItem, supervisionViewer } from './access';
import { findItemById, insertEvent, moveItem, type SupervisionItem } from './items.repository';
import {
	completionSchema,
	reasonSchema,
	type CompletionInput,
	type ReasonInput
} from './items.schema';
import { shownItemTitle, tellAboutItem, type Audience } from './supervision.notify';
import { getSupervisionSettings } from './terms.service';

/**
 * When a step happens and whether anyone is told: the demo loader records steps of the past
 * weeks at their own time without notifying anybody now. Defaults: now, told.
 */
export interface StepOptions {
	at?: Date;
	notify?: boolean;
}

export const stepAt = (o: StepOptions) => (o.at ?? clock.now()).toISOString();

// ---- shared by the lifecycle services ------------------------------------------------------

/** What a refused step says: the state the item is in now. */
export function itemStateMessage(status: SupervisionStatus): string {
	return {
		registered: m.sup_item_err_state_registered,
		assigned: m.sup_item_err_state_assigned,
		signed: m.sup_item_err_state_signed,
		in_progress: m.sup_item_err_state_in_progress,
		completion_requested: m.sup_item_err_state_completion_requested,
		closed: m.sup_item_err_state_closed,
		stopped: m.sup_item_err_state_stopped
	}[status]();
}

/** Refuses a step unless the item is in one of `from`. */
export function requireStatus(
	item: Pick<SupervisionItem, 'status'>,
	from: readonly SupervisionStatus[]
): void {
	if (!from.includes(item.status)) throw new ValidationError({ _: itemStateMessage(item.status) });
}

/** After a lost compare-and-set: the message a second click would get. */
export async function refuseLostStep(trx: DB, id: number): Promise<never> {
	const now = await findItemById(trx, id);
	if (!now) throw new NotFoundError();
	throw new ValidationError({ _: itemStateMessage(now.status) });
}

/** The office's time zone and the date there at `at` (an ISO instant; now by default). */
export async function officeToday(
	db: DB,
	at: string = clock.nowIso()
): Promise<{ timeZone: string; today: string }> {
	const { timeZone } = await getSettings(db);
	return { timeZone, today: instantToZonedDate(at, timeZone) };
}

/** The holidays of the coming year and a half, enough for any working-day term. */
export function calendarFrom(db: DB, today: string): Promise<HolidayCalendar> {
	return loadHolidayCalendar(db, today, addDays(today, 550));
}

const shown = (item: Pick<SupervisionItem, 'title' | 'number' | 'classification'>) => ({
	title: shownItemTitle(item)
});

// ---- one step ---------------------------------------------------------------------------------

/** A step of the lifecycle after its permission checks (see takeStep). */
interface Step {
	from: readonly SupervisionStatus[];
	to: SupervisionStatus;
	/** Columns the step sets besides the status (updated_at is set from `at`). */
	set: Updateable<SupervisionItemsTable>;
	at: string;
	/** The timeline's kind; the audit action is `supervision.<kind>`. */
	kind: string;
	text?: string;
	data?: Record<string, unknown>;
	audit: Record<string, unknown>;
	/** Who is told (never the actor) and what; nothing when the options say not to tell. */
	tell?: { audience: Omit<Audience, 'except'>; notice: ItemNotice };
}

type ItemNotice = Parameters<typeof tellAboutItem>[3];

/**
 * One step of an item: refused unless the item is in `from`; then the compare-and-set move (a
 * lost race gets the message of the state now), the timeline event, the audit row and the
 * notice — all in the caller's transaction.
 */
async function takeStep(
	trx: DB,
	actor: Actor,
	item: SupervisionItem,
	step: Step,
	o: StepOptions
): Promise<void> {
	requireStatus(item, step.from);
	if (!(await moveItem(trx, item.id, step.from, step.to, { ...step.set, updated_at: step.at })))
		await refuseLostStep(trx, item.id);
	await insertEvent(trx, {
		itemId: item.id,
		kind: step.kind,
		actorId: actor.id,
		at: step.at,
		text: step.text,
		data: step.data
	});
	await audit(trx, actor, `supervision.${step.kind}`, 'supervision', item.id, step.audit);
	if (step.tell && o.notify !== false)
		await tellAboutItem(trx, item, { ...step.tell.audience, except: [actor.id] }, step.tell.notice);
}

// ---- 交办 / 签收 ------------------------------------------------------------------------------

/**
 * 交办: a supervisor or leader hands a registered item to its departments; the lead signs by
 * `signDays` working days from today. Lead and co-department heads and the responsible person
 * are told, by mail too.
 */
export async function assignItem(
	db: DB,
	actor: Actor,
	id: number,
	o: StepOptions = {}
): Promise<void> {
	requirePermission(actor, canManageSupervision);
	await inTransaction(db, async (trx) => {
		const viewer = await supervisionViewer(trx, actor);
		const item = await loadManagedItem(trx, viewer, id);
		requireStatus(item, ['registered']);
		const at = stepAt(o);
		const { today } = await officeToday(trx, at);
		const terms = await getSupervisionSettings(trx);
		const signDue = addWorkingDays(today, terms.signDays, await calendarFrom(trx, today));
		await takeStep(
			trx,
			actor,
			item,
			{
				from: ['registered'],
				to: 'assigned',
				set: { assigned_at: at, sign_due: signDue },
				at,
				kind: 'assign',
				data: { signDue },
				audit: { signDue },
				tell: {
					audience: {
						headsOf: [item.leadDepartmentId, ...item.coDepartmentIds],
						userIds: [item.responsibleId]
					},
					notice: {
						step: 'assign',
						title: (o) => m.sup_item_notice_assigned(shown(item), o),
						body: item.requirement,
						mail: true
					}
				}
			},
			o
		);
	});
}

/**
 * 签收: the lead department's head or the responsible person signs for an assigned item. A
 * signature after the sign-by date is kept and shows as late. The registrar is told.
 * Returns whether it was late.
 */
export async function signItem(
	db: DB,
	actor: Actor,
	id: number,
	o: StepOptions = {}
): Promise<{ lateSign: boolean }> {
	return inTransaction(db, async (trx) => {
		const viewer = await supervisionViewer(trx, actor);
		const item = await loadAnsweredItem(trx, viewer, id);
		const at = stepAt(o);
		const { timeZone } = await getSettings(trx);
		const lateSign = signedLate({ signDue: item.signDue, signedAt: at }, timeZone);
		await takeStep(
			trx,
			actor,
			item,
			{
				from: ['assigned'],
				to: 'signed',
				set: { signed_at: at, signed_by: actor.id },
				at,
				kind: 'sign',
				data: { late: lateSign, signDue: item.signDue },
				audit: { late: lateSign },
				tell: {
					audience: { userIds: [item.createdBy] },
					notice: { step: 'sign', title: (o) => m.sup_item_notice_signed(shown(item), o) }
				}
			},
			o
		);
		return { lateSign };
	});
}

// ---- 申请办结 / 办结 / 退回 / 中止 -------------------------------------------------------------

/**
 * 申请办结: the lead asks to close a signed item with a summary of what was done; the registrar
 * and every supervisor are told (mail too).
 */
export async function requestCompletion(
	db: DB,
	actor: Actor,
	id: number,
	input: CompletionInput,
	o: StepOptions = {}
): Promise<void> {
	const { summary } = parseInput(completionSchema, input);
	await inTransaction(db, async (trx) => {
		const viewer = await supervisionViewer(trx, actor);
		const item = await loadAnsweredItem(trx, viewer, id);
		const at = stepAt(o);
		await takeStep(
			trx,
			actor,
			item,
			{
				from: ['signed', 'in_progress'],
				to: 'completion_requested',
				set: { completion_summary: summary, completion_requested_at: at },
				at,
				kind: 'request_close',
				text: summary,
				audit: { summary },
				tell: {
					audience: { userIds: [item.createdBy], roles: ['supervisor'] },
					notice: {
						step: 'request_close',
						title: (o) => m.sup_item_notice_completion_requested(shown(item), o),
						body: summary,
						mail: true
					}
				}
			},
			o
		);
	});
}

/** 办结 (复核通过): a supervisor or leader closes the item on the office-zone date of today. */
export async function closeItem(
	db: DB,
	actor: Actor,
	id: number,
	o: StepOptions = {}
): Promise<void> {
	requirePermission(actor, canManageSupervision);
	await inTransaction(db, async (trx) => {
		const viewer = await supervisionViewer(trx, actor);
		const item = await loadManagedItem(trx, viewer, id);
		const at = stepAt(o);
		const { today } = await officeToday(trx, at);
		const onTime = today <= item.deadline;
		await takeStep(
			trx,
			actor,
			item,
			{
				from: ['completion_requested'],
				to: 'closed',
				set: { closed_at: at, closed_by: actor.id, closed_on: today, progress: 100 },
				at,
				kind: 'close',
				data: { closedOn: today, deadline: item.deadline, onTime },
				audit: { closedOn: today, onTime },
				tell: {
					audience: { headsOf: [item.leadDepartmentId], userIds: [item.responsibleId] },
					notice: { step: 'close', title: (o) => m.sup_item_notice_closed(shown(item), o) }
				}
			},
			o
		);
	});
}

/** 退回: the review finds the work not done; the item goes back to 承办中 with the reason. */
export async function returnItem(
	db: DB,
	actor: Actor,
	id: number,
	input: ReasonInput,
	o: StepOptions = {}
): Promise<void> {
	requirePermission(actor, canManageSupervision);
	const { reason } = parseInput(reasonSchema, input);
	await inTransaction(db, async (trx) => {
		const viewer = await supervisionViewer(trx, actor);
		const item = await loadManagedItem(trx, viewer, id);
		await takeStep(
			trx,
			actor,
			item,
			{
				from: ['completion_requested'],
				to: 'in_progress',
				set: { return_reason: reason, completion_requested_at: null },
				at: stepAt(o),
				kind: 'return',
				text: reason,
				audit: { reason },
				tell: {
					audience: { headsOf: [item.leadDepartmentId], userIds: [item.responsibleId] },
					notice: {
						step: 'return',
						title: (o) => m.sup_item_notice_returned(shown(item), o),
						body: reason,
						mail: true
					}
				}
			},
			o
		);
	});
}

/** 中止: a supervisor or leader stops an open item with a reason; everyone involved is told. */
export async function stopItem(
	db: DB,
	actor: Actor,
	id: number,
	input: ReasonInput,
	o: StepOptions = {}
): Promise<void> {
	requirePermission(actor, canManageSupervision);
	const { reason } = parseInput(reasonSchema, input);
	await inTransaction(db, async (trx) => {
		const viewer = await supervisionViewer(trx, actor);
		const item = await loadManagedItem(trx, viewer, id);
		// Departments hear of an item once it was handed to them (交办).
		const handed = item.status !== 'registered';
		const at = stepAt(o);
		await takeStep(
			trx,
			actor,
			item,
			{
				from: OPEN_STATUSES,
				to: 'stopped',
				set: { stop_reason: reason, stopped_at: at },
				at,
				kind: 'stop',
				text: reason,
				data: { from: item.status },
				audit: { reason, from: item.status },
				tell: {
					audience: {
						headsOf: handed ? [item.leadDepartmentId, ...item.coDepartmentIds] : [],
						userIds: handed
							? [item.responsibleId, item.createdBy, ...item.taskAssigneeIds]
							: [item.createdBy]
					},
					notice: {
						step: 'stop',
						title: (o) => m.sup_item_notice_stopped(shown(item), o),
						body: reason
					}
				}
			},
			o
		);
	});
}
