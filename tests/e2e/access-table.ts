// Who may reach what: the role × route table, checked by access.test.ts against the running app.
// Keys are `GET /route/[param]` for pages and endpoints and `POST /route?/action` for form
// actions (`POST /route` for a default action). "Reach" means the request is served: a page
// or a file, or an action that runs (a 400 for an empty form counts as reached). Not reaching
// it is a 403 or 404, or a redirect to /login (anonymous) or to /audit (the auditor).
//
// The demo ids the test uses: a meeting none of the staff below takes part in (the office
// organises it), one of its attachments and its check-in code, a published duty period and a
// shift none of them is on, another person's account, and a staff member's feed token.

import { ROLES } from '../../src/lib/domain/roles';

/** Anonymous and every role: a new role is tested (and refused everything) until listed. */
export const WHO = ['anonymous', ...ROLES] as const;
export type Who = (typeof WHO)[number];

const SIGNED_IN: Who[] = ['admin', 'office', 'leader', 'dept_head', 'staff', 'supervisor'];
/** 三员分立: the security auditor reaches the audit log and their own account, nothing else. */
const EVERY_ACCOUNT: Who[] = [...SIGNED_IN, 'auditor'];
const EVERYONE: Who[] = ['anonymous', ...EVERY_ACCOUNT];
const PLANNERS: Who[] = ['admin', 'office'];
const ADMIN: Who[] = ['admin'];
const NOBODY: Who[] = [];
/** People who ask for leave and approve it (canRequestLeave): all but the admin and the auditor. */
const LEAVE_USERS: Who[] = ['office', 'leader', 'dept_head', 'staff', 'supervisor'];
/**
 * Actions on a record named in the form (an attachment, a task, a pool member): with no id
 * every caller gets "not found", so these rows only prove that nobody reaches them without one.
 */
const NOT_FOUND: Who[] = [];
/** Duty logs: that shift's people, the office and the 局领导 (none of the others is on it). */
const LOG_READERS: Who[] = ['admin', 'office', 'leader'];
/** The period attendance bulletin and the all-meetings views. */
const OVERSEERS: Who[] = ['admin', 'office', 'leader'];
/** 督办: who sees every item (canSeeAllSupervision) and who manages them (canManageSupervision). */
const SUPERVISION_READERS: Who[] = ['office', 'leader', 'supervisor'];
const SUPERVISION_MANAGERS: Who[] = ['leader', 'supervisor'];
/** 学习: who keeps study records (not the administrator), who reads the statistics. */
const STUDY_KEEPERS: Who[] = ['office', 'leader', 'dept_head', 'staff', 'supervisor'];
const STUDY_STATS_READERS: Who[] = ['office', 'leader', 'dept_head'];

export const ACCESS_TABLE: Record<string, readonly Who[]> = {
	// Home, account, notifications
	'GET /': SIGNED_IN,
	'GET /account/calendar': EVERY_ACCOUNT,
	'POST /account/calendar?/reset': EVERY_ACCOUNT,
	'GET /account/password': EVERY_ACCOUNT,
	'POST /account/password': EVERY_ACCOUNT,
	'GET /account/sessions': EVERY_ACCOUNT,
	'POST /account/sessions?/revoke': NOBODY, // another person's session id: not found
	// API tokens: the page for every account (the auditor is told they may not create one).
	'GET /account/tokens': EVERY_ACCOUNT,
	'POST /account/tokens?/create': SIGNED_IN,
	'POST /account/tokens?/revoke': NOT_FOUND,
	'GET /notifications': SIGNED_IN,
	'POST /notifications?/readAll': SIGNED_IN,
	'GET /leave': SIGNED_IN,
	// 请假: the form for whoever asks for leave; a request (宋佳慧's, 信息中心, waiting for 局长
	// 王建国) for the applicant, its approvers and whoever sees the department's leave — of the
	// people here the office and the 局长. Withdraw / cancel / 销假 are the applicant's alone;
	// a proof file id is never given, so nobody reaches one.
	'GET /leave/new': LEAVE_USERS,
	'POST /leave/new?/submit': LEAVE_USERS,
	'GET /leave/[id]': ['office', 'leader'],
	'POST /leave/[id]?/decide': ['office', 'leader'],
	'POST /leave/[id]?/withdraw': NOBODY,
	'POST /leave/[id]?/cancel': NOBODY,
	'POST /leave/[id]?/report': NOBODY,
	'GET /leave/[id]/files/[fileId]': NOT_FOUND,
	'GET /admin/leave-types': ADMIN,
	'POST /admin/leave-types?/save': ADMIN,
	// 待审批 and 代理审批人: whoever asks for leave (the office sets a stand-in for anybody).
	'GET /leave/approvals': LEAVE_USERS,
	'GET /leave/delegations': LEAVE_USERS,
	'POST /leave/delegations?/save': LEAVE_USERS,
	'POST /leave/delegations?/end': NOT_FOUND,
	// The department leave calendar: a department head their own, the office and 局领导 any.
	'GET /leave/calendar': ['office', 'leader', 'dept_head'],
	// 外出报备: whoever asks for leave; 我已返回 / 取消 name an outing (none without an id).
	'GET /leave/outings': LEAVE_USERS,
	'POST /leave/outings?/report': LEAVE_USERS,
	'POST /leave/outings?/back': NOT_FOUND,
	'POST /leave/outings?/cancel': NOT_FOUND,
	// 在岗情况 and 请休假统计: a department head their own department, the office and 局领导 all.
	'GET /leave/board': ['office', 'leader', 'dept_head'],
	'GET /leave/stats': ['office', 'leader', 'dept_head'],
	'GET /leave/stats/export.xlsx': ['office', 'leader', 'dept_head'],
	// 假期额度: the office alone (canManageLeave); not the administrator or the auditor (三员分立).
	'GET /leave/quotas': ['office'],
	'POST /leave/quotas?/save': ['office'],
	'POST /leave/quotas?/clear': ['office'],
	'GET /study': SIGNED_IN,
	'POST /study?/add': STUDY_KEEPERS,
	'POST /study?/edit': NOT_FOUND,
	'POST /study?/delete': NOT_FOUND,
	'GET /study/stats': STUDY_STATS_READERS,
	'GET /study/stats/export.xlsx': STUDY_STATS_READERS,
	'GET /study/targets': ['office'],
	'POST /study/targets?/save': ['office'],
	'POST /study/targets?/delete': NOT_FOUND,
	'GET /supervision': SIGNED_IN,
	// 督办: lists show each reader only what they may see; 立项 by supervisors and leaders. The
	// item is the demo item with the meeting's id, in none of these people's departments: those
	// who see every item open it and its 督办单, the managers reach their steps (a 400 for the
	// item's state or the date), and the lead's steps are not found or refused for everyone.
	'GET /supervision/board': SIGNED_IN,
	'GET /supervision/mine': SIGNED_IN,
	'GET /supervision/new': SUPERVISION_MANAGERS,
	'POST /supervision/new?/save': SUPERVISION_MANAGERS,
	'POST /supervision/new?/fromDecision': SUPERVISION_MANAGERS,
	'GET /supervision/[id]': SUPERVISION_READERS,
	'POST /supervision/[id]?/assign': SUPERVISION_MANAGERS,
	'POST /supervision/[id]?/sign': NOT_FOUND,
	'POST /supervision/[id]?/feedback': NOT_FOUND,
	'POST /supervision/[id]?/task': NOT_FOUND,
	'POST /supervision/[id]?/taskDone': NOT_FOUND,
	'POST /supervision/[id]?/milestone': SUPERVISION_MANAGERS,
	'POST /supervision/[id]?/milestoneDone': NOT_FOUND,
	'POST /supervision/[id]?/extension': NOT_FOUND,
	'POST /supervision/[id]?/decideExtension': SUPERVISION_MANAGERS,
	'POST /supervision/[id]?/complete': NOT_FOUND,
	'POST /supervision/[id]?/close': SUPERVISION_MANAGERS,
	'POST /supervision/[id]?/return': SUPERVISION_MANAGERS,
	'POST /supervision/[id]?/urge': SUPERVISION_MANAGERS,
	'POST /supervision/[id]?/stop': SUPERVISION_MANAGERS,
	'GET /supervision/[id]/print': SUPERVISION_READERS,
	'GET /supervision/[id]/files/[fileId]': NOT_FOUND,
	// The 督办通报 (all items): supervisors, leaders and the office; settings and the 年度重点工作
	// import: supervisors and leaders.
	'GET /supervision/bulletin': ['office', 'leader', 'supervisor'],
	'GET /supervision/bulletin/print': ['office', 'leader', 'supervisor'],
	'GET /supervision/bulletin/export.xlsx': ['office', 'leader', 'supervisor'],
	'GET /supervision/settings': ['leader', 'supervisor'],
	'POST /supervision/settings': ['leader', 'supervisor'],
	'GET /supervision/import': ['leader', 'supervisor'],
	'POST /supervision/import?/preview': ['leader', 'supervisor'],
	'POST /supervision/import?/commit': ['leader', 'supervisor'],
	'GET /supervision/import/template.xlsx': ['leader', 'supervisor'],

	// Sign-in, first run, health, feeds, check-in by QR code
	'GET /login': ['anonymous', ...SIGNED_IN],
	'POST /login': ['anonymous', ...SIGNED_IN],
	'GET /logout': EVERYONE, // a redirect home, nothing served
	'POST /logout': EVERY_ACCOUNT,
	'GET /setup': NOBODY, // done once
	'POST /setup': NOBODY,
	'GET /healthz': EVERYONE,
	// Readiness for the proxy; metrics from the machine itself (the test's own address) or with
	// METRICS_TOKEN.
	'GET /readyz': EVERYONE,
	'GET /metrics': EVERYONE,
	// The JSON API takes a bearer token, never the session cookie (401 for every role here);
	// its document and reference page are public (the auditor is led to the audit log).
	'GET /api/docs': ['anonymous', ...SIGNED_IN],
	'GET /api/v1/openapi.json': ['anonymous', ...SIGNED_IN],
	'GET /api/v1/meetings': NOBODY,
	'POST /api/v1/meetings': NOBODY,
	'GET /api/v1/meetings/[id]': NOBODY,
	'POST /api/v1/meetings/[id]/issue': NOBODY,
	'POST /api/v1/meetings/[id]/cancel': NOBODY,
	'GET /api/v1/meetings/[id]/participants': NOBODY,
	'POST /api/v1/meetings/[id]/reply': NOBODY,
	'GET /api/v1/supervision': NOBODY,
	'GET /api/v1/supervision/[id]': NOBODY,
	'POST /api/v1/supervision/[id]/feedback': NOBODY,
	'GET /api/v1/duty/rosters': NOBODY,
	'GET /api/v1/duty/rosters/[id]': NOBODY,
	'GET /api/v1/leave/requests': NOBODY,
	'POST /api/v1/leave/requests': NOBODY,
	'GET /api/v1/leave/requests/[id]': NOBODY,
	// The token is the credential (calendar apps cannot sign in); the auditor has no calendar.
	'GET /calendar/[token].ics': ['anonymous', ...SIGNED_IN],
	// Anyone signed in may scan; someone not on the list is told so (a 400 with a message).
	'GET /checkin/[code]': SIGNED_IN,
	'POST /checkin/[code]': SIGNED_IN,

	// Administration: the system administrator (the office reads the outbox)
	'GET /admin': ADMIN,
	'GET /admin/departments': ADMIN,
	'POST /admin/departments?/save': ADMIN,
	'POST /admin/departments?/toggle': NOT_FOUND,
	'GET /admin/holidays': ADMIN,
	'POST /admin/holidays?/save': ADMIN,
	'POST /admin/holidays?/delete': NOT_FOUND,
	'GET /admin/meeting-types': ADMIN,
	'POST /admin/meeting-types?/save': ADMIN,
	'POST /admin/meeting-types?/toggle': NOT_FOUND,
	'GET /admin/outbox': PLANNERS,
	'POST /admin/outbox?/retry': NOT_FOUND,
	// 立即收取 calendar replies: reached (400 "IMAP_URL is not set" in the test server).
	'POST /admin/outbox?/poll': PLANNERS,
	'GET /admin/webhooks': ADMIN,
	'POST /admin/webhooks?/save': ADMIN,
	'POST /admin/webhooks?/delete': NOT_FOUND,
	'POST /admin/webhooks?/test': NOT_FOUND,
	'POST /admin/webhooks?/retry': NOT_FOUND,
	'GET /admin/backup': ADMIN,
	'POST /admin/backup': ADMIN,
	'GET /admin/people': ADMIN,
	'GET /admin/people/[id]': ADMIN,
	'POST /admin/people/[id]?/save': ADMIN,
	'POST /admin/people/[id]?/reset': ADMIN,
	'POST /admin/people/[id]?/unlock': ADMIN,
	'POST /admin/people/[id]?/toggle': ADMIN,
	'GET /admin/people/import': ADMIN,
	'GET /admin/people/import/template.xlsx': ADMIN,
	'POST /admin/people/import?/preview': ADMIN,
	'POST /admin/people/import?/commit': NOT_FOUND,
	'GET /admin/people/new': ADMIN,
	'POST /admin/people/new?/save': ADMIN,
	'GET /admin/approval-rules': ADMIN,
	'POST /admin/approval-rules?/save': ADMIN,
	'POST /admin/approval-rules?/restore': ADMIN,
	'POST /admin/approval-rules?/principal': ADMIN,
	'GET /admin/settings': ADMIN,
	'POST /admin/settings': ADMIN,
	// 三员分立: the audit log is the security auditor's alone, not the administrator's.
	'GET /audit': ['auditor'],
	// 等保: the export (a bare URL is a 400 asking for the period) and the retention are the
	// security auditor's alone.
	'GET /audit/export': ['auditor'],
	'POST /audit?/retention': ['auditor'],

	// Meetings: the demo meeting is the office's; none of the others takes part in it.
	'GET /meetings': SIGNED_IN,
	'GET /meetings/new': PLANNERS,
	'POST /meetings/new?/save': PLANNERS,
	'GET /meetings/[id]': PLANNERS,
	'POST /meetings/[id]?/issue': PLANNERS,
	'POST /meetings/[id]?/cancel': PLANNERS,
	'POST /meetings/[id]?/urge': PLANNERS,
	'POST /meetings/[id]?/reply': PLANNERS, // a 400 for planners not on it; 404 for the others
	'POST /meetings/[id]?/confirm': PLANNERS,
	'POST /meetings/[id]?/upload': PLANNERS,
	'POST /meetings/[id]?/removeAttachment': NOT_FOUND,
	'POST /meetings/[id]?/logistics': NOT_FOUND,
	'GET /meetings/[id]/attachments/[aid]': PLANNERS,
	'GET /meetings/[id]/bulletin': PLANNERS,
	'GET /meetings/[id]/bulletin/export.xlsx': PLANNERS,
	'GET /meetings/[id]/checkin': PLANNERS,
	'POST /meetings/[id]/checkin?/checkin': NOT_FOUND,
	'POST /meetings/[id]/checkin?/undo': NOT_FOUND,
	'GET /meetings/[id]/colleagues': PLANNERS,
	'GET /meetings/[id]/edit': PLANNERS,
	'POST /meetings/[id]/edit?/save': PLANNERS,
	'GET /meetings/[id]/notice': PLANNERS,
	// 座次: the meeting's managers; a set-up makes the plan the other actions then change (an
	// arrange or swap before it, or of a seat that is not there, is a 400 for them).
	'GET /meetings/[id]/seating': PLANNERS,
	'POST /meetings/[id]/seating?/setup': PLANNERS,
	'POST /meetings/[id]/seating?/arrange': PLANNERS,
	'POST /meetings/[id]/seating?/swap': PLANNERS,
	'POST /meetings/[id]/seating?/lock': PLANNERS,
	'POST /meetings/[id]/seating?/place': PLANNERS,
	'POST /meetings/[id]/seating?/guestAdd': PLANNERS,
	'POST /meetings/[id]/seating?/guestRemove': PLANNERS,
	'GET /meetings/[id]/seating/print': PLANNERS,
	// 纪要: the demo meeting has no host and no minutes when the pages are requested (pages go
	// first); the office and admin draft (a save makes a draft, a submit is refused for want of a
	// host: 400). Approving and returning are the host's alone; nothing approved to issue.
	'GET /meetings/[id]/minutes': PLANNERS,
	'POST /meetings/[id]/minutes?/save': PLANNERS,
	'POST /meetings/[id]/minutes?/submit': PLANNERS,
	'POST /meetings/[id]/minutes?/approve': NOBODY,
	'POST /meetings/[id]/minutes?/return': NOBODY,
	'POST /meetings/[id]/minutes?/issue': NOT_FOUND,
	// 立项督办 of a decision (here one that does not exist: managers get a 400, nothing changes).
	'POST /meetings/[id]/minutes?/supervise': SUPERVISION_MANAGERS,
	'GET /meetings/[id]/minutes/print': NOT_FOUND,
	'GET /meetings/[id]/minutes/minutes.docx': NOT_FOUND,
	'GET /meetings/bulletin': OVERSEERS,
	'GET /meetings/bulletin/export.xlsx': OVERSEERS,
	'GET /meetings/calendar': SIGNED_IN,
	'GET /meetings/calendar/events': SIGNED_IN,
	'GET /meetings/rooms': SIGNED_IN,
	'POST /meetings/rooms?/save': PLANNERS,
	'POST /meetings/rooms?/toggle': NOT_FOUND,
	// A room's seating templates: kept by the office and the administrator (canManageRooms).
	'GET /meetings/rooms/[id]/seating': PLANNERS,
	// The office-wide order of a two-person rostrum (seating_pair), on the rooms page.
	'POST /meetings/rooms?/seatingSettings': PLANNERS,
	'POST /meetings/rooms/[id]/seating?/save': PLANNERS,
	'POST /meetings/rooms/[id]/seating?/delete': NOT_FOUND,

	// Duty: a published period (open to everyone signed in), planned by the office
	'GET /duty': SIGNED_IN,
	'GET /duty/new': PLANNERS,
	'POST /duty/new': PLANNERS,
	'GET /duty/[id]': SIGNED_IN,
	'POST /duty/[id]?/generate': PLANNERS,
	'POST /duty/[id]?/publish': PLANNERS,
	'POST /duty/[id]?/assign': PLANNERS,
	'GET /duty/[id]/export.xlsx': SIGNED_IN,
	'GET /duty/[id]/print': SIGNED_IN,
	'GET /duty/[id]/fairness': PLANNERS,
	'GET /duty/[id]/setup': PLANNERS,
	'POST /duty/[id]/setup?/details': PLANNERS,
	'POST /duty/[id]/setup?/day': PLANNERS,
	'POST /duty/[id]/setup?/shift': PLANNERS,
	'POST /duty/[id]/setup?/deleteShift': NOT_FOUND,
	'POST /duty/[id]/setup?/dayAndNight': PLANNERS,
	'POST /duty/[id]/setup?/addPool': PLANNERS,
	'POST /duty/[id]/setup?/removePool': NOT_FOUND,
	'POST /duty/[id]/setup?/exempt': PLANNERS,
	'POST /duty/[id]/setup?/unexempt': NOT_FOUND,
	// Asking for a swap: anyone on the roster, for their own slot (a 400 without one); the
	// page needs ?assignment= of one's own slot, and without it is not found.
	'GET /duty/[id]/swap': NOBODY,
	'POST /duty/[id]/swap': SIGNED_IN,
	// The index of a period's shifts; each shift's log opens only to its readers.
	'GET /duty/[id]/log': SIGNED_IN,
	'GET /duty/[id]/log/print': LOG_READERS,
	'GET /duty/[id]/log/[shiftId]/[date]': LOG_READERS,
	// Writing: the people on that shift and the office; leaders read.
	'POST /duty/[id]/log/[shiftId]/[date]?/add': PLANNERS,
	'POST /duty/[id]/log/[shiftId]/[date]?/handover': NOBODY, // the people on duty only
	// The demo shift has no open handover, and everyone is told so (400) before the check that
	// the next shift acknowledges: this row shows only that nobody gets further (the service
	// tests cover who may acknowledge).
	'POST /duty/[id]/log/[shiftId]/[date]?/acknowledge': SIGNED_IN,
	'GET /duty/logs': LOG_READERS,
	'GET /duty/swaps': SIGNED_IN,
	'POST /duty/swaps?/respond': NOBODY, // no request of theirs: not found
	'POST /duty/swaps?/withdraw': NOBODY,
	'POST /duty/swaps?/decide': NOBODY,
	'GET /duty/unavailability': PLANNERS,
	'POST /duty/unavailability?/add': PLANNERS,
	'POST /duty/unavailability?/remove': NOT_FOUND
};

/**
 * Forms that pass validation, where a service reads the form before it checks who is asking:
 * with an empty form everybody would get the same 400 and the check would never be reached.
 * `{date}`, `{shift}` and `{person}` stand for the demo shift's date and id and another
 * person's id.
 */
export const FORMS: Record<string, Record<string, string>> = {
	'POST /meetings/[id]?/cancel': { reason: '权限测试' },
	'POST /meetings/[id]?/reply': { reply: 'attend' },
	'POST /meetings/[id]?/upload': { file: '材料.txt' },
	'POST /meetings/[id]/minutes?/return': { comment: '权限测试' },
	'POST /meetings/[id]/minutes?/supervise': { decisionId: '999999' },
	'POST /supervision/new?/fromDecision': { decisionId: '999999' },
	'POST /supervision/[id]?/feedback': { text: '权限测试' },
	'POST /supervision/[id]?/task': { assigneeId: '{person}', text: '权限测试' },
	'POST /supervision/[id]?/milestone': { title: '权限测试', dueDate: '{date}' },
	'POST /supervision/[id]?/extension': { newDeadline: '{date}', reason: '权限测试' },
	'POST /supervision/[id]?/decideExtension': { decision: 'approve', comment: '权限测试' },
	'POST /supervision/[id]?/complete': { summary: '权限测试' },
	'POST /supervision/[id]?/return': { reason: '权限测试' },
	'POST /supervision/[id]?/urge': { message: '权限测试' },
	'POST /supervision/[id]?/stop': { reason: '权限测试' },
	'POST /admin/people/import?/preview': { file: '人员.xlsx' },
	'POST /supervision/import?/preview': { year: '2027', file: '重点工作.xlsx' },
	'POST /meetings/[id]/edit?/save': {
		title: '规划编制工作推进会',
		typeId: '1',
		date: '{date}',
		startTime: '10:00',
		endTime: '11:00',
		location: '第一会议室',
		attendeeIds: '{person}'
	},
	'POST /meetings/[id]/seating?/setup': {
		source: 'own',
		kind: 'hall',
		rostrumRows: '1',
		rostrum: '3',
		floorRows: '1',
		blockCount: '1',
		blocks: '4',
		convention: 'left',
		pair: '12',
		floorOrder: 'department',
		excusedMode: 'empty'
	},
	'POST /meetings/[id]/seating?/arrange': { version: '1' },
	'POST /meetings/[id]/seating?/swap': { version: '1', a: 'R1-1', b: 'R1-2' },
	'POST /meetings/[id]/seating?/lock': { version: '1', seat: 'R1-1', locked: 'true' },
	'POST /meetings/[id]/seating?/place': { version: '1', participantId: '999999', seat: 'F1-1' },
	'POST /meetings/[id]/seating?/guestAdd': { version: '1', name: '权限测试', title: '', rank: '1' },
	'POST /meetings/[id]/seating?/guestRemove': { version: '1', guestId: '999999' },
	'POST /meetings/rooms?/seatingSettings': { pair: '12' },
	'POST /meetings/rooms/[id]/seating?/save': {
		name: '权限测试',
		kind: 'hall',
		rostrumRows: '1',
		rostrum: '3',
		floorRows: '1',
		blockCount: '1',
		blocks: '4'
	},
	'POST /duty/[id]/setup?/details': { name: '值班' },
	'POST /duty/[id]/setup?/day': { date: '{date}', weight: '1' },
	'POST /duty/[id]/setup?/shift': {
		name: '白班',
		startTime: '08:30',
		endTime: '17:30',
		leadersNeeded: '1',
		officersNeeded: '1',
		weight: '1'
	},
	'POST /duty/[id]/setup?/addPool': { role: 'officer', by: 'person', userId: '{person}' },
	'POST /duty/[id]/setup?/exempt': { userId: '{person}', reason: '权限测试' },
	'POST /duty/[id]?/assign': { assignmentId: '1', userId: '{person}', reason: '权限测试' },
	'POST /duty/[id]/log/[shiftId]/[date]?/add': {
		kind: 'call',
		occurredDate: '{date}',
		occurredTime: '09:00',
		matter: '权限测试'
	},
	'POST /duty/[id]/log/[shiftId]/[date]?/handover': { note: '权限测试' },
	'POST /duty/[id]/log/[shiftId]/[date]?/acknowledge': { shiftId: '{shift}', date: '{date}' }
};
