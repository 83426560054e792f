/**
 * Read models of the leave pages: the inbox line of a request (for the approval engine), 我的请假
 * (balances, requests, links to the other leave pages the actor may open), the request page
 * (fields, trail, which steps the actor may take) and the request form (rules, holidays,
 * balances, people).
 */
import { LEAVE_TYPES, type LeaveType, type LeaveTypeRule } from '$lib/domain/leave';
import { addDays } from '$lib/domain/working-days';
import { leaveSummary } from '$lib/leave-words';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import {
	approvalTrail,
	canDecideNow,
	countApprovalInbox,
	isAnApprover,
	type StepView
} from '../approval/approval.service';
import { getApprovalRules, getPrincipalLeaderId } from '../approval/rules.service';
import type { ApplicantRole } from '$lib/domain/approval-chain';
import * as clock from '../clock';
import type { DB } from '../db';
import { holidaysBetween } from '../holidays/holidays.service';
import { listActivePeople } from '../org/directory.service';
import { findPersonById } from '../org/users.service';
import { canConfigureApprovals, canRequestLeave, canSeeDepartmentLeave } from '../permissions';
import { pinyinInitials } from '../person-initials';
import { leaveBalances, type LeaveBalance } from './balance.service';
import { leaveViewer, loadVisibleLeave } from './requests.access';
import {
	findLeavesByIds,
	listExtensionsOf,
	listLeaveFiles,
	listLeavesOf,
	type LeaveFile,
	type LeaveRecord
} from './requests.repository';
import { officeDate } from '../settings/settings.service';
import { getLeaveTypeRules } from './types.service';

/** The inbox line of each request: "年休假 12月8日—12月10日 · 3天", an extension marked 续假. */
export async function leaveInboxSummaries(
	db: DB,
	ids: number[]
): Promise<Map<number, { summary: string }>> {
	const leaves = await findLeavesByIds(db, ids);
	return new Map(
		leaves.map((l) => [
			l.id,
			{
				summary:
					(l.extendsId !== null ? `${m.leave_extension_of({ id: l.extendsId })} ` : '') +
					leaveSummary(l)
			}
		])
	);
}

/** Holidays and 调休 workdays as [date, kind] pairs a page rebuilds its calendar from. */
async function dayKinds(
	db: DB,
	start: string,
	end: string
): Promise<[string, 'holiday' | 'workday'][]> {
	return (await holidaysBetween(db, start, end)).map((h) => [h.date, h.kind]);
}

export interface LeaveLinks {
	approvals: boolean;
	approvalCount: number;
	outings: boolean;
	board: boolean;
	calendar: boolean;
	stats: boolean;
	delegations: boolean;
	leaveTypes: boolean;
}

/** 我的请假: this year's balances, every request of mine, and the pages I may open. */
export async function myLeavePage(db: DB, actor: Actor) {
	const at = clock.nowIso();
	const today = await officeDate(db, at);
	const year = Number(today.slice(0, 4));
	const viewer = await leaveViewer(db, actor);
	const may = canRequestLeave(actor);
	const [balances, requests, approvalCount, approves] = await Promise.all([
		may ? leaveBalances(db, actor.id, year) : Promise.resolve([] as LeaveBalance[]),
		listLeavesOf(db, actor.id),
		countApprovalInbox(db, actor, today),
		isAnApprover(db, actor, today)
	]);
	const approver = approvalCount > 0 || approves;
	const links: LeaveLinks = {
		approvals: approver,
		approvalCount,
		outings: may,
		board: canSeeDepartmentLeave(viewer, viewer.departmentId),
		calendar: canSeeDepartmentLeave(viewer, viewer.departmentId),
		stats: canSeeDepartmentLeave(viewer, viewer.departmentId),
		delegations: approver,
		leaveTypes: canConfigureApprovals(actor)
	};
	return { today, year, mayRequest: may, balances, requests, links };
}

export interface LeaveDetail {
	leave: LeaveRecord;
	applicantName: string;
	departmentName: string | null;
	coverName: string | null;
	files: LeaveFile[];
	trail: StepView[];
	extensions: LeaveRecord[];
	rule: LeaveTypeRule;
	today: string;
	/** Holidays around the leave, for the 销假 preview in the browser. */
	holidays: [string, 'holiday' | 'workday'][];
	can: { decide: boolean; withdraw: boolean; cancel: boolean; report: boolean };
}

/** The request page; NotFound unless the actor may see the request. */
export async function leaveDetailPage(db: DB, actor: Actor, id: number): Promise<LeaveDetail> {
	const today = await officeDate(db, clock.nowIso());
	const viewer = await leaveViewer(db, actor);
	const { leave } = await loadVisibleLeave(db, viewer, id, today);
	const [applicant, cover, files, trail, extensions, rules, decide, holidays] = await Promise.all([
		findPersonById(db, leave.applicantId),
		leave.coverId !== null ? findPersonById(db, leave.coverId) : Promise.resolve(undefined),
		listLeaveFiles(db, id),
		approvalTrail(db, 'leave', id),
		listExtensionsOf(db, id),
		getLeaveTypeRules(db),
		canDecideNow(db, actor.id, 'leave', id, today),
		dayKinds(db, addDays(leave.startDate, -7), addDays(leave.endDate, 60))
	]);
	const mine = leave.applicantId === actor.id;
	return {
		leave,
		applicantName: applicant?.name ?? '',
		departmentName: applicant?.departmentName ?? null,
		coverName: cover?.name ?? null,
		files,
		trail,
		extensions,
		rule: rules[leave.type],
		today,
		holidays,
		can: {
			decide: leave.status === 'pending' && decide,
			withdraw: mine && leave.status === 'pending' && trail.every((s) => s.status !== 'approved'),
			cancel: mine && leave.status === 'approved' && today < leave.startDate,
			report: mine && leave.status === 'approved' && today >= leave.startDate
		}
	};
}

/** The request form: the rules, holidays for counting in the browser, balances and people. */
export async function newLeavePage(db: DB, actor: Actor) {
	const today = await officeDate(db, clock.nowIso());
	const year = Number(today.slice(0, 4));
	const [rules, balances, holidays, people, approvalRules, principalId] = await Promise.all([
		getLeaveTypeRules(db),
		leaveBalances(db, actor.id, year),
		dayKinds(db, `${year - 1}-01-01`, `${year + 1}-12-31`),
		listActivePeople(db, { except: actor.id }),
		getApprovalRules(db, 'leave'),
		getPrincipalLeaderId(db)
	]);
	const applicantRoles: ApplicantRole[] = [
		...actor.roles,
		...(principalId === actor.id ? (['principal_leader'] as const) : [])
	];
	return {
		today,
		year,
		types: LEAVE_TYPES as readonly LeaveType[],
		rules,
		balances,
		holidays,
		/** For the 审批流程 preview: the rules table and who the applicant is in it. */
		approvalRules,
		applicantRoles,
		people: people.map((p) => ({
			id: p.id,
			name: p.name,
			title: p.title,
			departmentId: p.departmentId,
			department: p.departmentName,
			initials: pinyinInitials(p.name)
		}))
	};
}
