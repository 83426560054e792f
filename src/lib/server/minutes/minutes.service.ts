import * as m from '$lib/paraglide/messages';
import { documentNumber } from '$lib/domain/document-numbers';
import { instantToZonedDate } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { nextDocumentNumber } from '../db/counters';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { loadVisibleMeeting } from '../meetings/access';
import type { Meeting } from '../meetings/meetings.repository';
import {
	canApproveMinutes,
	canDraftMinutes,
	canIssueMinutes,
	requirePermission
} from '../permissions';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import {
	findIssuedDecisions,
	type IssuedDecisionRow,
	existingDepartmentIds,
	findDecisionWithMinutes,
	findMinutesByMeeting,
	insertMinutesDraft,
	listDecisions,
	moveMinutes,
	replaceDecisions,
	setMinutesNumber,
	updateMinutesDraft,
	type Minutes,
	type MinutesStatus
} from './minutes.repository';
import { notifyMinutesIssued, notifyMinutesStep } from './minutes.notify';
import {
	draftDecisions,
	minutesDraftSchema,
	minutesReturnSchema,
	type DecisionDraft,
	type MinutesDraftInput,
	type MinutesReturnInput
} from './minutes.schema';

/**
 * A step recorded after the fact (the demo's past weeks): `at` is when it happened, and
 * `notify: false` tells nobody now.
 */
export interface MinutesStepOptions {
	at?: Date;
	notify?: boolean;
}

/** The series a meeting type's minutes are numbered in, per year (document_counters). */
export const minutesSeries = (meetingTypeId: number) => `minutes:${meetingTypeId}`;

/** What a refused transition says: the state the minutes are in now. */
function stateMessage(status: MinutesStatus): string {
	return {
		draft: m.minutes_err_state_draft,
		submitted: m.minutes_err_state_submitted,
		approved: m.minutes_err_state_approved,
		issued: m.minutes_err_state_issued
	}[status]();
}

function refuseState(status: MinutesStatus): never {
	throw new ValidationError({ _: stateMessage(status) });
}

/** After a lost compare-and-set: the message a second click would get. */
async function refuseLost(trx: DB, meetingId: number): Promise<never> {
	const now = await findMinutesByMeeting(trx, meetingId);
	if (!now) throw new NotFoundError();
	refuseState(now.status);
}

/** Minutes are written for a meeting whose notice went out and that was not cancelled. */
function assertMeetingHeld(meeting: Meeting): void {
	if (meeting.status === 'cancelled')
		throw new ValidationError({ _: m.minutes_err_meeting_cancelled() });
	if (meeting.status === 'draft') throw new ValidationError({ _: m.minutes_err_meeting_draft() });
}

async function loadMinutes(trx: DB, meetingId: number): Promise<Minutes> {
	const minutes = await findMinutesByMeeting(trx, meetingId);
	if (!minutes) throw new NotFoundError();
	return minutes;
}

/** Every department a decision names exists; errors keyed by the decision's row. */
async function checkDepartments(trx: DB, decisions: DecisionDraft[]): Promise<void> {
	const ids = [
		...new Set(
			decisions.flatMap((d) => [
				...(d.leadDepartmentId ? [d.leadDepartmentId] : []),
				...d.coDepartmentIds
			])
		)
	];
	const known = await existingDepartmentIds(trx, ids);
	const errors: Record<string, string> = {};
	decisions.forEach((d, i) => {
		if (d.leadDepartmentId && !known.has(d.leadDepartmentId))
			errors[`decisionLeadDepartmentId.${i}`] = m.err_choose_one();
		if (d.coDepartmentIds.some((id) => !known.has(id)))
			errors[`decisionCoDepartmentIds.${i}`] = m.err_choose_one();
	});
	if (Object.keys(errors).length) throw new ValidationError(errors);
}

/**
 * The recorder or the office saves the draft (created on the first save): body and the
 * numbered decisions, replaced as a whole. Only while a draft — a returned draft keeps the
 * host's comment until it is submitted again. Returns the minutes' id.
 */
export async function saveMinutesDraft(
	db: DB,
	actor: Actor,
	meetingId: number,
	input: MinutesDraftInput,
	o: MinutesStepOptions = {}
): Promise<number> {
	const draft = parseInput(minutesDraftSchema, input);
	const decisions = draftDecisions(draft);
	return inTransaction(db, async (trx) => {
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		if (!canDraftMinutes(actor, meeting)) throw new ForbiddenError();
		assertMeetingHeld(meeting);
		await checkDepartments(trx, decisions);
		const at = (o.at ?? clock.now()).toISOString();
		let existing = await findMinutesByMeeting(trx, meetingId);
		let id: number | undefined;
		if (!existing) {
			id = await insertMinutesDraft(trx, {
				meetingId,
				meetingTypeId: meeting.typeId,
				draftedBy: actor.id,
				body: draft.body,
				at
			});
			// A simultaneous first save created it: this save edits what that one wrote.
			if (id === undefined) existing = await loadMinutes(trx, meetingId);
		}
		const created = id !== undefined;
		if (existing) {
			if (existing.status !== 'draft') throw new ValidationError({ _: m.minutes_err_locked() });
			// Compare-and-set: a submit that came first leaves nothing to edit.
			if (!(await updateMinutesDraft(trx, existing.id, draft.body, at)))
				throw new ValidationError({ _: m.minutes_err_locked() });
			id = existing.id;
		}
		await replaceDecisions(trx, id!, decisions);
		await audit(trx, actor, created ? 'minutes.create' : 'minutes.save', 'minutes', id, {
			meetingId,
			decisions: decisions.length
		});
		return id!;
	});
}

/** The drafter (recorder or office) sends the draft to the meeting's host for approval. */
export async function submitMinutes(
	db: DB,
	actor: Actor,
	meetingId: number,
	o: MinutesStepOptions = {}
): Promise<void> {
	const at = (o.at ?? clock.now()).toISOString();
	await inTransaction(db, async (trx) => {
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		if (!canDraftMinutes(actor, meeting)) throw new ForbiddenError();
		assertMeetingHeld(meeting);
		const minutes = await loadMinutes(trx, meetingId);
		if (minutes.status !== 'draft') refuseState(minutes.status);
		if (meeting.hostId == null) throw new ValidationError({ _: m.minutes_err_no_host() });
		if (
			!(await moveMinutes(trx, minutes.id, 'draft', 'submitted', {
				submitted_at: at,
				return_comment: '',
				updated_at: at
			}))
		)
			return refuseLost(trx, meetingId);
		await audit(trx, actor, 'minutes.submit', 'minutes', minutes.id, { meetingId });
		if (o.notify !== false) await notifyMinutesStep(trx, meeting, [meeting.hostId], 'submitted');
	});
}

/**
 * 送审 from the edit form: saves what is on it and submits, in one transaction — a refused
 * submit (no host, already submitted) keeps nothing of the save either.
 */
export async function saveAndSubmitMinutes(
	db: DB,
	actor: Actor,
	meetingId: number,
	input: MinutesDraftInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await saveMinutesDraft(trx, actor, meetingId, input);
		await submitMinutes(trx, actor, meetingId);
	});
}

/** The meeting's host approves submitted minutes; the office may then issue them. */
export async function approveMinutes(
	db: DB,
	actor: Actor,
	meetingId: number,
	o: MinutesStepOptions = {}
): Promise<void> {
	const at = (o.at ?? clock.now()).toISOString();
	await inTransaction(db, async (trx) => {
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		if (!canApproveMinutes(actor, meeting)) throw new ForbiddenError();
		const minutes = await loadMinutes(trx, meetingId);
		if (minutes.status !== 'submitted') refuseState(minutes.status);
		if (
			!(await moveMinutes(trx, minutes.id, 'submitted', 'approved', {
				approved_by: actor.id,
				approved_at: at,
				updated_at: at
			}))
		)
			return refuseLost(trx, meetingId);
		await audit(trx, actor, 'minutes.approve', 'minutes', minutes.id, { meetingId });
		if (o.notify !== false) await notifyMinutesStep(trx, meeting, [minutes.draftedBy], 'approved');
	});
}

/** The meeting's host returns submitted minutes to draft, saying what to change. */
export async function returnMinutes(
	db: DB,
	actor: Actor,
	meetingId: number,
	input: MinutesReturnInput
): Promise<void> {
	const { comment } = parseInput(minutesReturnSchema, input);
	await inTransaction(db, async (trx) => {
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		if (!canApproveMinutes(actor, meeting)) throw new ForbiddenError();
		const minutes = await loadMinutes(trx, meetingId);
		if (minutes.status !== 'submitted') refuseState(minutes.status);
		if (
			!(await moveMinutes(trx, minutes.id, 'submitted', 'draft', {
				return_comment: comment,
				submitted_at: null,
				updated_at: clock.nowIso()
			}))
		)
			return refuseLost(trx, meetingId);
		await audit(trx, actor, 'minutes.return', 'minutes', minutes.id, { meetingId, comment });
		await notifyMinutesStep(trx, meeting, [minutes.draftedBy], 'returned', comment);
	});
}

/**
 * The office issues approved minutes: the next number of the meeting type's series for the
 * year the meeting was held (〔2026〕3号, gap-free), then everyone on the meeting is told in the
 * app and by e-mail. Returns the number.
 */
export async function issueMinutes(
	db: DB,
	actor: Actor,
	meetingId: number,
	o: MinutesStepOptions = {}
): Promise<string> {
	requirePermission(actor, canIssueMinutes);
	return inTransaction(db, async (trx) => {
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		assertMeetingHeld(meeting);
		const minutes = await loadMinutes(trx, meetingId);
		if (minutes.status !== 'approved') refuseState(minutes.status);
		const at = (o.at ?? clock.now()).toISOString();
		// Compare-and-set first: only the one issue that wins takes a number, so none is lost.
		if (
			!(await moveMinutes(trx, minutes.id, 'approved', 'issued', {
				issued_by: actor.id,
				issued_at: at,
				updated_at: at
			}))
		)
			return refuseLost(trx, meetingId);
		const { timeZone } = await getSettings(trx);
		const year = Number(instantToZonedDate(meeting.startsAt, timeZone).slice(0, 4));
		// The meeting's type now (the office may have corrected it since the draft was begun).
		const typeId = meeting.typeId;
		const seq = await nextDocumentNumber(trx, minutesSeries(typeId), year);
		const number = documentNumber(year, seq);
		await setMinutesNumber(trx, minutes.id, { typeId, year, seq, number });
		await audit(trx, actor, 'minutes.issue', 'minutes', minutes.id, { meetingId, number });
		if (o.notify !== false)
			await notifyMinutesIssued(
				trx,
				meeting,
				minutes,
				await listDecisions(trx, minutes.id),
				number
			);
		return number;
	});
}

/** A decision of issued minutes, for 督办 (registering an item from it). */
export interface IssuedDecision {
	id: number;
	seq: number;
	text: string;
	leadDepartmentId: number | null;
	coDepartmentIds: number[];
	deadline: string | null;
	meetingId: number;
	meetingTitle: string;
	minutesNumber: string;
	classification: Meeting['classification'];
}

/**
 * The decision if its minutes are issued, else undefined. No permission: the supervision
 * service that calls it has checked its own (canManageSupervision).
 */
export async function findIssuedDecision(
	db: DB,
	decisionId: number
): Promise<IssuedDecision | undefined> {
	const d = await findDecisionWithMinutes(db, decisionId);
	if (!d || d.minutesStatus !== 'issued' || !d.minutesNumber) return undefined;
	return {
		id: d.id,
		seq: d.seq,
		text: d.text,
		leadDepartmentId: d.leadDepartmentId,
		coDepartmentIds: d.coDepartmentIds,
		deadline: d.deadline,
		meetingId: d.meetingId,
		meetingTitle: d.meetingTitle,
		minutesNumber: d.minutesNumber,
		classification: d.classification
	};
}

export type { IssuedDecisionRow } from './minutes.repository';

/**
 * The latest decisions of issued minutes of unclassified meetings (for the supervision module,
 * which checks its own permission and drops the decisions it already made items of).
 */
export function listIssuedDecisions(db: DB, limit = 200): Promise<IssuedDecisionRow[]> {
	return findIssuedDecisions(db, limit);
}
