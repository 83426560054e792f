import { isClassified, type Classification } from '$lib/domain/meetings';
import type { Role } from '$lib/domain/roles';
import type { Actor } from './actor';
import type { DutyRole } from './db/schema-duty';
import type { MeetingStatus } from './db/schema';
import { ForbiddenError } from './errors';
import type { Relation } from './meetings/calendar.repository';

// Who may do what, by name. Services, queries and page guards ask these predicates; no other
// file spells a list of roles. The roles themselves are listed in $lib/domain/roles.

type Holder = Pick<Actor, 'roles'>;
type Viewer = Pick<Actor, 'id' | 'roles'>;
export type Permission = (actor: Holder) => boolean;

const anyOf =
	(...roles: Role[]): Permission =>
	(actor) =>
		roles.some((r) => actor.roles.includes(r));

/** The services' guard: a refusal is a ForbiddenError (403). */
export function requirePermission(actor: Holder, can: Permission): void {
	if (!can(actor)) throw new ForbiddenError();
}

// ---- the office's work ----------------------------------------------------------------------

/** 系统管理员: people, departments, imports, meeting types, settings, holidays, the demo. */
export const canAdminister: Permission = anyOf('admin');

/** The office plans meetings and so sees every meeting, drafts included. */
export const canPlanMeetings: Permission = anyOf('office', 'admin');

/** The office keeps the rooms (add, edit, close). */
export const canManageRooms: Permission = anyOf('office', 'admin');

/** The office watches the mail outbox and resends failures. */
export const canManageOutbox: Permission = anyOf('office', 'admin');

/** The administrator connects the office's messaging: webhook endpoints, their events, tests. */
export const canManageWebhooks: Permission = anyOf('admin');

/** The office (and the administrator) plan rosters, edit them and decide swaps. */
export const canManageDuty: Permission = anyOf('office', 'admin');

/** The office and 局领导 see the whole office's meetings (the "all" lists and calendar). */
export const canSeeAllMeetings: Permission = anyOf('office', 'admin', 'leader');

/** The office and 局领导 read the meeting bulletin (会议通报). */
export const canSeeBulletins: Permission = anyOf('office', 'admin', 'leader');

/** The office and 局领导 read attendance totals across meetings. */
export const canReadAttendance: Permission = anyOf('office', 'admin', 'leader');

/** The office and 局领导 read every shift's duty log (the period's print, the search). */
export const canReadAllDutyLogs: Permission = anyOf('office', 'admin', 'leader');

// ---- 三员分立 -------------------------------------------------------------------------------

/** The first account, made at setup, administers the system and appoints everyone else. */
export const FIRST_ACCOUNT_ROLES: readonly Role[] = ['admin'];

/** The security auditor reads the audit log. */
export const canReadAuditLog: Permission = anyOf('auditor');

/**
 * 等保: the security auditor exports the audit log (signed) and sets how long it is kept — not
 * the administrator or the office, whose actions it records.
 */
export const canManageAuditRecords: Permission = anyOf('auditor');

/** 三员分立: the security auditor sees the audit log and nothing else, so no calendar. */
export const canSeeCalendar: Permission = (actor) => !canReadAuditLog(actor);

/** 三员分立: personal access tokens for the JSON API (/api/v1) — never the security auditor. */
export const canUseApi: Permission = (actor) => !canReadAuditLog(actor);

// ---- meetings: classification and participation --------------------------------------------

/** What the meeting rules read of a meeting. */
export interface MeetingFacts {
	status: MeetingStatus;
	classification: Classification;
	createdBy: number;
}

/**
 * How the viewer stands to the meeting: host, recorder, participant or deputy (true or the
 * relation's name), or nothing (false or null). The creator is read from the meeting itself.
 */
export type Involvement = boolean | Relation | null;

const involved = (i: Involvement) => i !== false && i !== null && i !== 'creator';

/** The office plans every meeting; whoever created one may also manage it. */
export function canManageMeeting(actor: Viewer, m: Pick<MeetingFacts, 'createdBy'>): boolean {
	return canPlanMeetings(actor) || m.createdBy === actor.id;
}

/** Whether the viewer may open the meeting's page: planners, its creator, and those on it. */
export function canOpenMeeting(actor: Viewer, m: MeetingFacts, involvement: Involvement): boolean {
	if (canManageMeeting(actor, m)) return true;
	return m.status !== 'draft' && involved(involvement);
}

/**
 * Whether the viewer may see the meeting's title, type and people where a list or a calendar
 * shows it: drafts only to planners and their creator; 秘密/机密 meetings only to those who may
 * open them — everyone else sees at most its time and room.
 */
export function canSeeMeetingContent(
	actor: Viewer,
	m: MeetingFacts,
	involvement: Involvement
): boolean {
	if (canOpenMeeting(actor, m, involvement)) return true;
	return m.status !== 'draft' && !isClassified(m.classification);
}

// ---- duty: who serves and who reads ----------------------------------------------------------

/**
 * Who may serve duty: everyone active except these roles. 三员分立: the security auditor only
 * reads the audit log. Every way into a pool filters by it.
 */
export const OFF_DUTY_ROLES: readonly Role[] = ['auditor'];

/** Who fills a duty role when a period has no pool for it: 局领导 lead, the staff serve. */
export const DUTY_ROLE_HOLDERS: Readonly<Record<DutyRole, readonly Role[]>> = {
	leader: ['leader'],
	officer: ['staff', 'dept_head', 'office']
};

/** The roles the office may fill a duty pool by: everyone who serves, less the administrator. */
export const POOL_BY_ROLE_ROLES = [
	'leader',
	'dept_head',
	'staff',
	'office',
	'supervisor'
] as const satisfies readonly Role[];

/** Who hears of swap requests to decide: the office. */
export const SWAP_DECIDER_ROLES: readonly Role[] = ['office'];

/**
 * Who reads a duty log (callers, their units and phones, incidents, handovers): the people on
 * that shift, the office and the 局领导. Without `shiftPeople` the question is "every shift's
 * log" (the period's print, the search), which only the office and the leaders may read.
 */
export function canReadDutyLog(
	actor: Viewer,
	shiftPeople?: ReadonlyArray<{ userId: number }>
): boolean {
	if (canReadAllDutyLogs(actor)) return true;
	return !!shiftPeople?.some((p) => p.userId === actor.id);
}

// ---- minutes (纪要) --------------------------------------------------------------------------

/** What the minutes rules read of a meeting. */
export interface MinutesMeetingFacts {
	hostId: number | null;
	recorderId: number | null;
}

/** The meeting's recorder (记录人) or the office drafts, edits and submits its minutes. */
export function canDraftMinutes(actor: Viewer, m: MinutesMeetingFacts): boolean {
	return canPlanMeetings(actor) || (m.recorderId != null && m.recorderId === actor.id);
}

/** Only the meeting's host (主持人) approves its minutes or returns them. */
export function canApproveMinutes(actor: Viewer, m: MinutesMeetingFacts): boolean {
	return m.hostId != null && m.hostId === actor.id;
}

/** The office issues approved minutes (gives the number, tells the participants). */
export const canIssueMinutes: Permission = anyOf('office', 'admin');

/**
 * Minutes not yet issued are read by who works on them: whoever drafted them, the recorder,
 * the host and the office. Issued minutes by whoever may open the meeting.
 */
export function canReadMinutesDraft(
	actor: Viewer,
	m: MinutesMeetingFacts,
	minutes: { draftedBy: number }
): boolean {
	return minutes.draftedBy === actor.id || canDraftMinutes(actor, m) || canApproveMinutes(actor, m);
}

// ---- supervision (督办) ----------------------------------------------------------------------

/** 督办员 and 局领导 register items, assign them, decide extensions, review, close and stop. */
export const canManageSupervision: Permission = anyOf('supervisor', 'leader');

/** 督办员, 局领导 and the office see every item, the board and the bulletin (督办通报). */
export const canSeeAllSupervision: Permission = anyOf('supervisor', 'leader', 'office');

/** The reader of a supervision item, with the department the person belongs to. */
export type SupervisionViewer = Viewer & { departmentId: number | null };

/** What the supervision rules read of an item. */
export interface SupervisionFacts {
	leadDepartmentId: number;
	coDepartmentIds: readonly number[];
	responsibleId: number | null;
	/** People the lead department gave a task of the item to. */
	taskAssigneeIds: readonly number[];
	classification: Classification;
}

const isDeptHead = (actor: Holder) => actor.roles.includes('dept_head');

/**
 * How the viewer stands to an item: the lead department's head or the responsible person
 * answer for it ('lead'); a co-department's head gives the co-department's part ('co'); a
 * task's assignee reports on the task ('assignee'); other members of the lead or a
 * co-department read it ('member'); anyone else has nothing to do with it (null).
 */
export type SupervisionStanding = 'lead' | 'co' | 'assignee' | 'member' | null;

export function supervisionStanding(
	actor: SupervisionViewer,
	item: SupervisionFacts
): SupervisionStanding {
	const dept = actor.departmentId;
	if (item.responsibleId === actor.id) return 'lead';
	if (dept != null && dept === item.leadDepartmentId && isDeptHead(actor)) return 'lead';
	if (dept != null && item.coDepartmentIds.includes(dept) && isDeptHead(actor)) return 'co';
	if (item.taskAssigneeIds.includes(actor.id)) return 'assignee';
	if (dept != null && (dept === item.leadDepartmentId || item.coDepartmentIds.includes(dept)))
		return 'member';
	return null;
}

/**
 * Who may see an item: supervisors, leaders and the office all; the lead and co-departments
 * theirs — a 秘密/机密 item only their heads, the responsible person and task assignees. Other
 * departments see nothing of it. (The SQL form is `visibleItems` in items.repository.ts;
 * supervision/visibility.test.ts holds the two to the same answers.)
 */
export function canSeeSupervisionItem(actor: SupervisionViewer, item: SupervisionFacts): boolean {
	if (canSeeAllSupervision(actor)) return true;
	const standing = supervisionStanding(actor, item);
	if (standing === null) return false;
	return standing !== 'member' || !isClassified(item.classification);
}

/**
 * The lead department answers for the item: its head or the responsible person signs for it,
 * splits it into tasks, gives feedback, asks for an extension and asks to close it.
 */
export function canAnswerSupervisionItem(
	actor: SupervisionViewer,
	item: SupervisionFacts
): boolean {
	return supervisionStanding(actor, item) === 'lead';
}

/**
 * Who may add a feedback entry: the lead (for the lead department), a co-department's head
 * (for that co-department), a task's assignee (for the lead department).
 */
export function canGiveSupervisionFeedback(
	actor: SupervisionViewer,
	item: SupervisionFacts
): boolean {
	const s = supervisionStanding(actor, item);
	return s === 'lead' || s === 'co' || s === 'assignee';
}

// ---- leave, outings and study (issue 11) ----------------------------------------------------

/** Someone who looks at leave: who they are and the department they belong to. */
export type LeaveViewer = Viewer & { departmentId: number | null };

/**
 * The office and 局领导 see everyone's leave and outings (在岗情况, statistics); the office keeps
 * balances and quotas.
 */
export const canSeeAllLeave: Permission = anyOf('office', 'leader');

/** The office sets quotas (探亲假, carried-over 年休假) and reads leave and study statistics. */
export const canManageLeave: Permission = anyOf('office');

/**
 * A department's leave, outings and leave calendar: the office and 局领导 any department's, a
 * department head their own.
 */
export function canSeeDepartmentLeave(actor: LeaveViewer, departmentId: number | null): boolean {
	if (canSeeAllLeave(actor)) return true;
	return (
		actor.roles.includes('dept_head') &&
		departmentId !== null &&
		actor.departmentId === departmentId
	);
}

/** What a viewer may know of one leave request. */
export interface LeaveFacts {
	applicantId: number;
	departmentId: number | null;
}

/**
 * One leave request: the applicant, whoever sees the department's leave, and the approvers of
 * its chain (and their stand-ins) — `isApprover` is the engine's answer for this request.
 */
export function canSeeLeaveRequest(
	actor: LeaveViewer,
	leave: LeaveFacts,
	isApprover: boolean
): boolean {
	return (
		actor.id === leave.applicantId || isApprover || canSeeDepartmentLeave(actor, leave.departmentId)
	);
}

/**
 * The office's people ask for leave, report outings and keep study records; the administrator and
 * the security auditor hold system powers only (三员分立).
 */
export const canRequestLeave: Permission = anyOf(
	'office',
	'leader',
	'dept_head',
	'staff',
	'supervisor'
);

/** The administrator edits the approval rules table and the leave type settings. */
export const canConfigureApprovals: Permission = anyOf('admin');

/**
 * Who approves others' leave (科室负责人, 局领导): when their own leave is approved with a
 * 工作代理人, that person stands in for them as approver while they are away.
 */
export const holdsApproverPosition: Permission = anyOf('dept_head', 'leader');

// ---- study records (学习) --------------------------------------------------------------------

/** Everyone who asks for leave keeps study records (自学) of their own. */
export const canKeepStudyRecords: Permission = canRequestLeave;

/** The office sets the study targets (学习目标). */
export const canManageStudy: Permission = canManageLeave;

/** The office and 局领导 read every department's study statistics. */
export const canSeeAllStudy: Permission = canSeeAllLeave;

/** A department's study statistics: the office and 局领导 any, a department head their own. */
export function canSeeDepartmentStudy(actor: LeaveViewer, departmentId: number | null): boolean {
	return canSeeDepartmentLeave(actor, departmentId);
}

/** Who opens the study statistics at all (a department head sees their own department). */
export function canOpenStudyStats(actor: LeaveViewer): boolean {
	return canSeeAllStudy(actor) || canSeeDepartmentStudy(actor, actor.departmentId);
}
