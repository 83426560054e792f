/**
 * 请假 commands: submit (days counted against the holiday calendar, balance, overlap and proof
 * checked under the applicant's lock, then the approval chain starts), decide (同意 / 退回 through
 * the approval engine), withdraw (before the first decision), cancel (approved, before the
 * start) and 销假 (the first half day back: early gives days back, late asks for the late days
 * as an extension through the same chain). Each a compare-and-set on leave_requests.status,
 * audited in its transaction; the roster / meeting links follow through links.service.
 */
import * as m from '$lib/paraglide/messages';
import {
	compareMoments,
	earlyReturnDays,
	lateDays,
	leaveDays,
	needsProof,
	nextHalf,
	previousHalf,
	type LeaveMoment,
	type LeaveTypeRule
} from '$lib/domain/leave';
import { addDays } from '$lib/domain/working-days';
import { leaveSpanText, leaveSummary, leaveTypeName } from '$lib/leave-words';
import type { Actor } from '../actor';
import {
	cancelApproval,
	decideApproval,
	startApproval,
	withdrawApproval,
	approvalTrail
} from '../approval/approval.service';
import { currentStandIn } from '../approval/delegations.service';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { loadHolidayCalendar } from '../holidays/holidays.service';
import { OFFICE_LOCALE } from '../notifications/notify';
import { findPersonById } from '../org/users.service';
import { canRequestLeave, requirePermission } from '../permissions';
import { officeDate } from '../settings/settings.service';
import { parseInput } from '../validation';
import { leaveBalances } from './balance.service';
import { onLeaveApproved, onLeaveShortened, onLeaveUndone } from './links.service';
import {
	findLeaveById,
	insertLeave,
	insertLeaveFile,
	listActiveLeavesTouching,
	moveLeave,
	type LeaveRecord
} from './requests.repository';
import {
	leaveDecisionSchema,
	leaveRequestSchema,
	leaveReturnSchema,
	MAX_PROOF_FILE_BYTES,
	MAX_PROOF_FILES,
	type LeaveDecisionInput,
	type LeaveRequestInput,
	type LeaveReturnInput,
	type ProofFile
} from './requests.schema';
import { tellAboutLeave } from './requests.notify';
import { leaveViewer, loadVisibleLeave } from './requests.access';
import { getLeaveTypeRules } from './types.service';

export interface LeaveStepOptions {
	/** The time of the step (tests, demo data); the clock's now when absent. */
	at?: Date;
	/** false: record the step without telling anybody (demo data). */
	notify?: boolean;
}

/** 病假 may be asked for afterwards, up to this many days back; other types not before today. */
export const SICK_LEAVE_DAYS_BACK = 7;
/** The longest request, in calendar days from start to end. */
export const MAX_LEAVE_SPAN_DAYS = 366;

const atOf = (o: LeaveStepOptions) => (o.at ?? clock.now()).toISOString();

const words = (l: LeaveRecord) => leaveSummary(l, OFFICE_LOCALE);

/** Names of the stored state, for "this request is already …" refusals. */
function stateError(l: LeaveRecord): ValidationError {
	return new ValidationError({ _: m.leave_err_state({ status: statusWord(l.status) }) });
}

function statusWord(s: LeaveRecord['status']): string {
	const map = {
		pending: m.leave_status_pending,
		approved: m.leave_status_approved,
		sent_back: m.leave_status_sent_back,
		withdrawn: m.leave_status_withdrawn,
		cancelled: m.leave_status_cancelled,
		reported: m.leave_status_reported
	} as const;
	return map[s]();
}

function checkProofFiles(files: readonly ProofFile[]): ProofFile[] {
	const real = files.filter((f) => f.bytes.length > 0);
	if (real.length > MAX_PROOF_FILES)
		throw new ValidationError({ files: m.leave_err_files_count({ max: MAX_PROOF_FILES }) });
	if (real.some((f) => f.bytes.length > MAX_PROOF_FILE_BYTES))
		throw new ValidationError({
			files: m.leave_err_file_size({ mb: MAX_PROOF_FILE_BYTES / 1048576 })
		});
	return real;
}

/** Whether two requests share a half day. */
function overlaps(
	a: { start: LeaveMoment; end: LeaveMoment },
	b: { start: LeaveMoment; end: LeaveMoment }
): boolean {
	return compareMoments(a.start, b.end) <= 0 && compareMoments(b.start, a.end) <= 0;
}

const momentsOf = (l: Pick<LeaveRecord, 'startDate' | 'startHalf' | 'endDate' | 'endHalf'>) => ({
	start: { date: l.startDate, half: l.startHalf },
	end: { date: l.endDate, half: l.endHalf }
});

/** Days of a request under the type's rule, or the field message saying why not. */
async function countDays(
	db: DB,
	start: LeaveMoment,
	end: LeaveMoment,
	rule: LeaveTypeRule
): Promise<number> {
	const cal = await loadHolidayCalendar(db, start.date, end.date);
	try {
		return leaveDays(start, end, rule, cal);
	} catch {
		throw new ValidationError({ endDate: m.leave_err_end_before_start() });
	}
}

/**
 * 提交请假. Refuses with every field message at once: a half day on a whole-day type, an end
 * before the start, a start in the past (病假 up to 7 days back), only rest days, missing
 * proof, an unknown 工作代理人; then, under the applicant's lock, an overlap with their pending
 * or approved request and more days than the balance leaves. Starts the approval chain and
 * tells the first approver.
 */
export async function submitLeave(
	db: DB,
	actor: Actor,
	input: LeaveRequestInput,
	o: LeaveStepOptions & { files?: ProofFile[] } = {}
): Promise<number> {
	requirePermission(actor, canRequestLeave);
	const v = parseInput(leaveRequestSchema, input);
	const files = checkProofFiles(o.files ?? []);
	const at = atOf(o);
	return inTransaction(db, async (trx) => {
		const rules = await getLeaveTypeRules(trx);
		const rule = rules[v.type];
		const typeName = leaveTypeName(v.type);
		const errors: Record<string, string> = {};
		if (!rule.allowsHalfDays) {
			if (v.startHalf === 'pm') errors.startHalf = m.leave_err_whole_days({ type: typeName });
			if (v.endHalf === 'am') errors.endHalf = m.leave_err_whole_days({ type: typeName });
		}
		const start: LeaveMoment = { date: v.startDate, half: v.startHalf };
		const end: LeaveMoment = { date: v.endDate, half: v.endHalf };
		if (compareMoments(end, start) < 0) errors.endDate = m.leave_err_end_before_start();
		else if (addDays(v.startDate, MAX_LEAVE_SPAN_DAYS) < v.endDate)
			errors.endDate = m.leave_err_too_long({ days: MAX_LEAVE_SPAN_DAYS });
		const today = await officeDate(trx, at);
		if (v.type === 'sick') {
			if (v.startDate < addDays(today, -SICK_LEAVE_DAYS_BACK))
				errors.startDate = m.leave_err_sick_too_early({ days: SICK_LEAVE_DAYS_BACK });
		} else if (v.startDate < today) errors.startDate = m.leave_err_past({ type: typeName });
		if (v.coverId !== null) {
			const cover = await findPersonById(trx, v.coverId);
			if (!cover || !cover.isActive) errors.coverId = m.err_choose_one();
			else if (cover.id === actor.id) errors.coverId = m.leave_err_cover_self();
		}
		if (Object.keys(errors).length) throw new ValidationError(errors);
		const days = await countDays(trx, start, end, rule);
		if (days === 0) throw new ValidationError({ endDate: m.leave_err_no_working_days() });
		if (needsProof(days, rule) && !files.length)
			throw new ValidationError({
				files:
					rule.proofAfterDays === 0
						? m.leave_err_proof_always({ type: typeName })
						: m.leave_err_proof_needed({ type: typeName, days: rule.proofAfterDays ?? 0 })
			});
		const halfDays = Math.round(days * 2);

		// Overlap and balance are rules over the applicant's rows: one submit at a time per person.
		await lockName(trx, `leave:${actor.id}`);
		const clash = (await listActiveLeavesTouching(trx, actor.id, v.startDate, v.endDate)).find(
			(l) => overlaps(momentsOf(l), { start, end })
		);
		if (clash)
			throw new ValidationError({
				_: m.leave_err_overlap({ id: clash.id, span: leaveSpanText(clash) })
			});
		const year = Number(v.startDate.slice(0, 4));
		const balance = (await leaveBalances(trx, actor.id, year, rules)).find(
			(b) => b.type === v.type
		);
		if (balance && balance.leftHalfDays !== null && halfDays > balance.leftHalfDays)
			throw new ValidationError({
				_: m.leave_err_over_balance({
					type: typeName,
					left: Math.max(0, balance.leftHalfDays) / 2,
					days
				})
			});

		const applicant = await findPersonById(trx, actor.id);
		const id = await insertLeave(trx, {
			applicantId: actor.id,
			departmentId: applicant?.departmentId ?? null,
			type: v.type,
			extendsId: null,
			startDate: v.startDate,
			startHalf: v.startHalf,
			endDate: v.endDate,
			endHalf: v.endHalf,
			halfDays,
			reason: v.reason,
			destination: v.destination,
			contact: v.contact,
			coverId: v.coverId,
			at
		});
		for (const f of files)
			await insertLeaveFile(trx, {
				requestId: id,
				name: f.name.slice(0, 200) || 'file',
				type: (f.type || 'application/octet-stream').slice(0, 100),
				content: f.bytes,
				uploadedBy: actor.id,
				at
			});
		const chain = await startApproval(trx, {
			kind: 'leave',
			subjectId: id,
			applicantId: actor.id,
			days,
			type: v.type,
			at
		});
		await audit(trx, actor, 'leave.submit', 'leave', id, {
			type: v.type,
			startDate: v.startDate,
			startHalf: v.startHalf,
			endDate: v.endDate,
			endHalf: v.endHalf,
			days,
			reason: v.reason,
			coverId: v.coverId,
			files: files.map((f) => f.name),
			approvers: chain.steps.map((s) => s.approverId)
		});
		const record = await findLeaveById(trx, id);
		if (o.notify !== false && record)
			await tellApprover(trx, record, actor, chain.steps[0]?.approverId ?? null, at);
		return id;
	});
}

/** The approver whose turn it is, and whoever stands in for them today (both may decide). */
async function tellApprover(
	trx: DB,
	l: LeaveRecord,
	applicant: Pick<Actor, 'name'>,
	approverId: number | null,
	at: string
): Promise<void> {
	const standIn =
		approverId === null
			? undefined
			: await currentStandIn(trx, approverId, await officeDate(trx, at));
	await tellAboutLeave(trx, l.id, [approverId, standIn?.id], {
		step: 'to_decide',
		title: (o) =>
			m.leave_notice_to_decide({ name: applicant.name, summary: leaveSummary(l, o) }, o),
		body: l.reason,
		mail: true
	});
}

async function loadLeave(db: DB, id: number): Promise<LeaveRecord> {
	const l = await findLeaveById(db, id);
	if (!l) throw new NotFoundError();
	return l;
}

/** The request, if the actor may see it (else "not found", whatever they post). */
async function loadSeenLeave(trx: DB, actor: Actor, id: number, at: string): Promise<LeaveRecord> {
	const today = await officeDate(trx, at);
	return (await loadVisibleLeave(trx, await leaveViewer(trx, actor), id, today)).leave;
}

/** The applicant's own request (another viewer is refused). */
async function loadOwnLeave(trx: DB, actor: Actor, id: number, at: string): Promise<LeaveRecord> {
	const l = await loadSeenLeave(trx, actor, id, at);
	if (l.applicantId !== actor.id) throw new ForbiddenError();
	return l;
}

/**
 * 同意 / 退回: the approval engine checks the actor is the pending step's approver (or their
 * stand-in) and takes the step once. The last approval approves the request (links follow);
 * a step in between tells the next approver; 退回 ends the request and tells the applicant.
 */
export async function decideLeave(
	db: DB,
	actor: Actor,
	id: number,
	input: LeaveDecisionInput,
	o: LeaveStepOptions = {}
): Promise<void> {
	const at = atOf(o);
	await inTransaction(db, async (trx) => {
		const l = await loadSeenLeave(trx, actor, id, at);
		const v = parseInput(leaveDecisionSchema, input);
		if (v.decision === 'send_back' && !v.comment)
			throw new ValidationError({ comment: m.leave_err_send_back_reason() });
		if (l.status !== 'pending') throw stateError(l);
		const r = await decideApproval(trx, actor, 'leave', id, v, at);
		const applicant = await findPersonById(trx, l.applicantId);
		const tell = o.notify !== false;
		if (r.outcome === 'sent_back') {
			if (!(await moveLeave(trx, id, 'pending', 'sent_back', { at }))) throw stateError(l);
			await audit(trx, actor, 'leave.send_back', 'leave', id, {
				comment: v.comment,
				position: r.decidedStep.position,
				onBehalfOf: r.onBehalfOf
			});
			if (tell)
				await tellAboutLeave(trx, id, [l.applicantId], {
					step: 'sent_back',
					title: (o) => m.leave_notice_sent_back({ summary: leaveSummary(l, o) }, o),
					body: v.comment,
					mail: true,
					except: actor.id
				});
			return;
		}
		if (r.outcome === 'next') {
			await audit(trx, actor, 'leave.approve', 'leave', id, {
				comment: v.comment,
				position: r.decidedStep.position,
				onBehalfOf: r.onBehalfOf,
				next: r.nextApproverId
			});
			if (tell) await tellApprover(trx, l, { name: applicant?.name ?? '' }, r.nextApproverId, at);
			return;
		}
		if (!(await moveLeave(trx, id, 'pending', 'approved', { at, approvedAt: at })))
			throw stateError(l);
		const approved = await loadLeave(trx, id);
		await onLeaveApproved(trx, approved, at, actor);
		await audit(trx, actor, 'leave.approve', 'leave', id, {
			comment: v.comment,
			position: r.decidedStep.position,
			onBehalfOf: r.onBehalfOf,
			status: ['pending', 'approved']
		});
		if (tell) {
			await tellAboutLeave(trx, id, [l.applicantId], {
				step: 'approved',
				title: (o) => m.leave_notice_approved({ summary: leaveSummary(l, o) }, o),
				body: v.comment,
				mail: true,
				except: actor.id
			});
			if (l.coverId !== null)
				await tellAboutLeave(trx, id, [l.coverId], {
					step: 'cover',
					title: (o) =>
						m.leave_notice_cover({ name: applicant?.name ?? '', summary: leaveSummary(l, o) }, o),
					except: actor.id
				});
		}
	});
}

/** 撤回: the applicant takes back a request nobody has decided on yet. */
export async function withdrawLeave(
	db: DB,
	actor: Actor,
	id: number,
	o: LeaveStepOptions = {}
): Promise<void> {
	const at = atOf(o);
	await inTransaction(db, async (trx) => {
		const l = await loadOwnLeave(trx, actor, id, at);
		if (l.status !== 'pending') throw stateError(l);
		await withdrawApproval(trx, actor, 'leave', id, at);
		if (!(await moveLeave(trx, id, 'pending', 'withdrawn', { at }))) throw stateError(l);
		await audit(trx, actor, 'leave.withdraw', 'leave', id, { summary: words(l) });
	});
}

/**
 * 取消: the applicant calls off approved leave before its first day; the roster and meeting
 * links are undone and the approvers told.
 */
export async function cancelLeave(
	db: DB,
	actor: Actor,
	id: number,
	o: LeaveStepOptions = {}
): Promise<void> {
	const at = atOf(o);
	await inTransaction(db, async (trx) => {
		const l = await loadOwnLeave(trx, actor, id, at);
		if (l.status !== 'approved') throw stateError(l);
		const today = await officeDate(trx, at);
		if (today >= l.startDate) throw new ValidationError({ _: m.leave_err_cancel_started() });
		if (!(await moveLeave(trx, id, 'approved', 'cancelled', { at, cancelledAt: at })))
			throw stateError(l);
		await cancelApproval(trx, 'leave', id, at);
		await onLeaveUndone(trx, l, at, actor);
		await audit(trx, actor, 'leave.cancel', 'leave', id, { summary: words(l) });
		if (o.notify !== false) {
			const approvers = (await approvalTrail(trx, 'leave', id)).map((s) => s.approverId);
			await tellAboutLeave(trx, id, [...approvers, l.coverId], {
				step: 'cancelled',
				title: (o) =>
					m.leave_notice_cancelled({ name: actor.name, summary: leaveSummary(l, o) }, o),
				except: actor.id
			});
		}
	});
}

/** What a 销假 on `ret` means for approved leave `l`: days given back or late. */
export async function returnOutcome(
	db: DB,
	l: LeaveRecord,
	ret: LeaveMoment,
	rule: LeaveTypeRule
): Promise<{ earlyDays: number; lateDays: number }> {
	const end = { date: l.endDate, half: l.endHalf };
	const from = ret.date < l.endDate ? ret.date : l.endDate;
	const to = addDays(ret.date > l.endDate ? ret.date : l.endDate, 40);
	const cal = await loadHolidayCalendar(db, from, to);
	try {
		return {
			earlyDays: earlyReturnDays(end, ret, rule, cal),
			lateDays: lateDays(end, ret, rule, cal)
		};
	} catch {
		throw new ValidationError({
			returnHalf: m.leave_err_whole_days({ type: leaveTypeName(l.type) })
		});
	}
}

/**
 * 销假: the applicant, once the leave has begun, gives the first half day back at work. Early:
 * the days after it are given back (the balance grows, the roster links shorten). Late: the
 * late days become an extension request (续假) through the same chain.
 */
export async function reportReturn(
	db: DB,
	actor: Actor,
	id: number,
	input: LeaveReturnInput,
	o: LeaveStepOptions = {}
): Promise<{ earlyDays: number; lateDays: number; extensionId: number | null }> {
	const at = atOf(o);
	return inTransaction(db, async (trx) => {
		const l = await loadOwnLeave(trx, actor, id, at);
		const v = parseInput(leaveReturnSchema, input);
		if (l.status !== 'approved') throw stateError(l);
		const today = await officeDate(trx, at);
		if (today < l.startDate) throw new ValidationError({ _: m.leave_err_report_not_started() });
		const rules = await getLeaveTypeRules(trx);
		const rule = rules[l.type];
		const ret: LeaveMoment = {
			date: v.returnDate,
			half: rule.allowsHalfDays ? v.returnHalf : 'am'
		};
		if (compareMoments(ret, { date: l.startDate, half: l.startHalf }) <= 0)
			throw new ValidationError({ returnDate: m.leave_err_return_before_start() });
		const { earlyDays, lateDays: late } = await returnOutcome(trx, l, ret, rule);
		const returnedHalfDays = Math.min(l.halfDays, Math.round(earlyDays * 2));
		const lateHalfDays = Math.round(late * 2);
		await lockName(trx, `leave:${actor.id}`);
		if (
			!(await moveLeave(trx, id, 'approved', 'reported', {
				at,
				returnDate: ret.date,
				returnHalf: ret.half,
				returnedHalfDays,
				lateHalfDays,
				reportedAt: at
			}))
		)
			throw stateError(l);
		const reported = await loadLeave(trx, id);
		if (returnedHalfDays > 0)
			await onLeaveShortened(trx, reported, previousHalf(ret).date, at, actor);
		let extensionId: number | null = null;
		if (lateHalfDays > 0) {
			const from = nextHalf({ date: l.endDate, half: l.endHalf });
			const to = previousHalf(ret);
			extensionId = await insertLeave(trx, {
				applicantId: l.applicantId,
				departmentId: l.departmentId,
				type: l.type,
				extendsId: l.id,
				startDate: from.date,
				startHalf: from.half,
				endDate: to.date,
				endHalf: to.half,
				halfDays: lateHalfDays,
				reason: m.leave_extension_reason({ id: l.id }, OFFICE_LOCALE),
				destination: l.destination,
				contact: l.contact,
				coverId: l.coverId,
				at
			});
			const chain = await startApproval(trx, {
				kind: 'leave',
				subjectId: extensionId,
				applicantId: l.applicantId,
				days: lateHalfDays / 2,
				type: l.type,
				at
			});
			await audit(trx, actor, 'leave.submit', 'leave', extensionId, {
				type: l.type,
				extendsId: l.id,
				startDate: from.date,
				startHalf: from.half,
				endDate: to.date,
				endHalf: to.half,
				days: lateHalfDays / 2,
				approvers: chain.steps.map((s) => s.approverId)
			});
			const ext = await loadLeave(trx, extensionId);
			if (o.notify !== false)
				await tellApprover(trx, ext, actor, chain.steps[0]?.approverId ?? null, at);
		}
		await audit(trx, actor, 'leave.report_return', 'leave', id, {
			returnDate: ret.date,
			returnHalf: ret.half,
			earlyDays,
			lateDays: late,
			extensionId
		});
		return { earlyDays, lateDays: late, extensionId };
	});
}
