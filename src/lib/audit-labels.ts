import * as m from '$lib/paraglide/messages';
import { formatDateTime } from '$lib/format';
import { roleLabel } from '$lib/role-labels';
import type { Role } from '$lib/domain/roles';

/**
 * The audit log as the security auditor reads it: actions, objects and fields in words, ids as
 * names (where the server resolved them), before → after as readable values. The raw codes stay
 * in the data, and the page shows the action's code small beside its label (it is searched by).
 */

const ACTIONS: Record<string, () => string> = {
	'auth.forbidden': m.audit_act_auth_forbidden,
	'auth.locked': m.audit_act_auth_locked,
	'auth.login': m.audit_act_auth_login,
	'auth.login_failed': m.audit_act_auth_login_failed,
	'auth.login_refused': m.audit_act_auth_login_refused,
	'auth.logout': m.audit_act_auth_logout,
	'auth.password_change': m.audit_act_auth_password_change,
	'auth.password_change_failed': m.audit_act_auth_password_change_failed,
	'auth.session_revoke': m.audit_act_auth_session_revoke,
	'calendar.token_create': m.audit_act_calendar_token_create,
	'calendar.token_reset': m.audit_act_calendar_token_reset,
	'demo.load': m.audit_act_demo_load,
	'department.activate': m.audit_act_department_activate,
	'department.create': m.audit_act_department_create,
	'department.deactivate': m.audit_act_department_deactivate,
	'department.update': m.audit_act_department_update,
	'duty.export': m.audit_act_duty_export,
	'duty.log_print': m.audit_act_duty_log_print,
	'duty.print': m.audit_act_duty_print,
	'duty_exemption.add': m.audit_act_duty_exemption_add,
	'duty_exemption.remove': m.audit_act_duty_exemption_remove,
	'duty_handover.acknowledge': m.audit_act_duty_handover_acknowledge,
	'duty_handover.write': m.audit_act_duty_handover_write,
	'duty_log.add': m.audit_act_duty_log_add,
	'duty_period.create': m.audit_act_duty_period_create,
	'duty_period.day': m.audit_act_duty_period_day,
	'duty_period.publish': m.audit_act_duty_period_publish,
	'duty_period.update': m.audit_act_duty_period_update,
	'duty_pool.add': m.audit_act_duty_pool_add,
	'duty_pool.remove': m.audit_act_duty_pool_remove,
	'duty_roster.assign': m.audit_act_duty_roster_assign,
	'duty_roster.generate': m.audit_act_duty_roster_generate,
	'duty_roster.office_edit': m.audit_act_duty_roster_office_edit,
	'duty_shift.create': m.audit_act_duty_shift_create,
	'duty_shift.delete': m.audit_act_duty_shift_delete,
	'duty_shift.preset': m.audit_act_duty_shift_preset,
	'duty_shift.update': m.audit_act_duty_shift_update,
	'duty_swap.approve': m.audit_act_duty_swap_approve,
	'duty_swap.propose': m.audit_act_duty_swap_propose,
	'duty_swap.reject': m.audit_act_duty_swap_reject,
	'duty_swap.withdraw': m.audit_act_duty_swap_withdraw,
	'duty_unavailability.add': m.audit_act_duty_unavailability_add,
	'duty_unavailability.remove': m.audit_act_duty_unavailability_remove,
	'holiday.delete': m.audit_act_holiday_delete,
	'holiday.save': m.audit_act_holiday_save,
	'mail.retry': m.audit_act_mail_retry,
	'meeting.attachment_add': m.audit_act_meeting_attachment_add,
	'meeting.attachment_download': m.audit_act_meeting_attachment_download,
	'meeting.attachment_remove': m.audit_act_meeting_attachment_remove,
	'meeting.auto_urge': m.audit_act_meeting_auto_urge,
	'meeting.bulletin_export': m.audit_act_meeting_bulletin_export,
	'meeting.cancel': m.audit_act_meeting_cancel,
	'meeting.checkin': m.audit_act_meeting_checkin,
	'meeting.checkin_code': m.audit_act_meeting_checkin_code,
	'meeting.checkin_manual': m.audit_act_meeting_checkin_manual,
	'meeting.create': m.audit_act_meeting_create,
	'meeting.deputy_confirm': m.audit_act_meeting_deputy_confirm,
	'meeting.issue': m.audit_act_meeting_issue,
	'meeting.logistics_done': m.audit_act_meeting_logistics_done,
	'meeting.logistics_open': m.audit_act_meeting_logistics_open,
	'meeting.notice_print': m.audit_act_meeting_notice_print,
	'meeting.reply': m.audit_act_meeting_reply,
	'meeting.update': m.audit_act_meeting_update,
	'meeting.urge': m.audit_act_meeting_urge,
	'meeting_type.activate': m.audit_act_meeting_type_activate,
	'meeting_type.create': m.audit_act_meeting_type_create,
	'meeting_type.deactivate': m.audit_act_meeting_type_deactivate,
	'meeting_type.update': m.audit_act_meeting_type_update,
	'room.activate': m.audit_act_room_activate,
	'room.create': m.audit_act_room_create,
	'room.deactivate': m.audit_act_room_deactivate,
	'room.update': m.audit_act_room_update,
	'settings.update': m.audit_act_settings_update,
	'setup.complete': m.audit_act_setup_complete,
	'user.activate': m.audit_act_user_activate,
	'user.create': m.audit_act_user_create,
	'user.deactivate': m.audit_act_user_deactivate,
	'user.import': m.audit_act_user_import,
	'user.import_batch': m.audit_act_user_import_batch,
	'user.reset_password': m.audit_act_user_reset_password,
	'user.unlock': m.audit_act_user_unlock,
	'user.update': m.audit_act_user_update
};

const ENTITIES: Record<string, () => string> = {
	duty_assignment: m.audit_ent_duty_assignment,
	duty_handover: m.audit_ent_duty_handover,
	duty_log_entry: m.audit_ent_duty_log_entry,
	duty_shift: m.audit_ent_duty_shift,
	duty_unavailability: m.audit_ent_duty_unavailability,
	meeting_period: m.audit_ent_meeting_period,
	organisation: m.audit_ent_organisation,
	user: m.audit_ent_user,
	department: m.audit_ent_department,
	room: m.audit_ent_room,
	meeting: m.audit_ent_meeting,
	meeting_type: m.audit_ent_meeting_type,
	route: m.audit_ent_route,
	settings: m.audit_ent_settings,
	holiday: m.audit_ent_holiday,
	duty_period: m.audit_ent_duty_period,
	duty_swap: m.audit_ent_duty_swap,
	outbox: m.audit_ent_outbox,
	session: m.audit_ent_session,
	calendar_token: m.audit_ent_calendar_token,
	import_batch: m.audit_ent_import_batch,
	duty_log: m.audit_ent_duty_log
};

const FIELDS: Record<string, () => string> = {
	assignmentId: m.audit_f_assignment_id,
	shiftId: m.audit_f_shift_id,
	meetingId: m.audit_f_meeting_id,
	id: m.audit_f_id,
	from: m.audit_f_from,
	preset: m.audit_f_preset,
	parent: m.audit_f_parent,
	department: m.audit_f_department,
	departmentNames: m.audit_f_department_names,
	departments: m.audit_f_departments,
	meetings: m.audit_f_meetings,
	dutyPeriods: m.audit_f_duty_periods,
	username: m.audit_f_username,
	name: m.audit_f_name,
	reason: m.audit_f_reason,
	attempt: m.audit_f_attempt,
	fileName: m.audit_f_file_name,
	count: m.audit_f_count,
	roles: m.audit_f_roles,
	departmentId: m.audit_f_department_id,
	department_id: m.audit_f_department_id,
	title: m.audit_f_title,
	precedence: m.audit_f_precedence,
	phone: m.audit_f_phone,
	email: m.audit_f_email,
	workStartDate: m.audit_f_work_start_date,
	work_start_date: m.audit_f_work_start_date,
	isActive: m.audit_f_is_active,
	is_active: m.audit_f_is_active,
	parentId: m.audit_f_parent_id,
	parent_id: m.audit_f_parent_id,
	sortOrder: m.audit_f_sort_order,
	sort_order: m.audit_f_sort_order,
	location: m.audit_f_location,
	capacity: m.audit_f_capacity,
	equipment: m.audit_f_equipment,
	userIds: m.audit_f_user_ids,
	userId: m.audit_f_user_id,
	late: m.audit_f_late,
	asDeputy: m.audit_f_as_deputy,
	undo: m.audit_f_undo,
	reminded: m.audit_f_reminded,
	reply: m.audit_f_reply,
	deputy: m.audit_f_deputy,
	for: m.audit_f_for,
	file: m.audit_f_file,
	size: m.audit_f_size,
	startsAt: m.audit_f_starts_at,
	participants: m.audit_f_participants,
	type_id: m.audit_f_type_id,
	typeId: m.audit_f_type_id,
	starts_at: m.audit_f_starts_at,
	ends_at: m.audit_f_ends_at,
	room_id: m.audit_f_room_id,
	organiser_department_id: m.audit_f_organiser_department_id,
	host_id: m.audit_f_host_id,
	recorder_id: m.audit_f_recorder_id,
	reply_deadline: m.audit_f_reply_deadline,
	requirements: m.audit_f_requirements,
	contact_name: m.audit_f_contact_name,
	contact_phone: m.audit_f_contact_phone,
	classification: m.audit_f_classification,
	agenda: m.audit_f_agenda,
	added: m.audit_f_added,
	removed: m.audit_f_removed,
	task: m.audit_f_task,
	to: m.audit_f_to,
	status: m.audit_f_status,
	attempts: m.audit_f_attempts,
	role: m.audit_f_role,
	start: m.audit_f_start,
	end: m.audit_f_end,
	days: m.audit_f_days,
	holidayName: m.audit_f_holiday_name,
	leaders: m.audit_f_leaders,
	officers: m.audit_f_officers,
	before: m.audit_f_before,
	after: m.audit_f_after,
	note: m.audit_f_note,
	slots: m.audit_f_slots,
	locked: m.audit_f_locked,
	unfilled: m.audit_f_unfilled,
	spread: m.audit_f_spread,
	period: m.audit_f_period,
	total: m.audit_f_total,
	leader: m.audit_f_leader,
	officer: m.audit_f_officer,
	periodId: m.audit_f_period_id,
	date: m.audit_f_date,
	people: m.audit_f_people,
	startDate: m.audit_f_start_date,
	endDate: m.audit_f_end_date,
	kind: m.audit_f_kind,
	shift: m.audit_f_shift,
	counterpart: m.audit_f_counterpart,
	counterpartShift: m.audit_f_counterpart_shift,
	route: m.audit_f_route,
	method: m.audit_f_method,
	path: m.audit_f_path,
	officeName: m.audit_f_office_name,
	timeZone: m.audit_f_time_zone,
	sessionIdleMinutes: m.audit_f_session_idle_minutes,
	sessionAbsoluteHours: m.audit_f_session_absolute_hours,
	mailFromAddress: m.audit_f_mail_from_address,
	mailFromName: m.audit_f_mail_from_name,
	label: m.audit_f_label,
	weight: m.audit_f_weight,
	phoneNumber: m.audit_f_phone_number,
	is_workday: m.audit_f_is_workday,
	isWorkday: m.audit_f_is_workday
};

/** Kinds of record an id in an entry can name; the server fills in their names. */
export type NameKind = 'users' | 'departments' | 'rooms' | 'meetingTypes';
export type NameBook = Record<NameKind, Record<string, string>>;

export const emptyNameBook = (): NameBook => ({
	users: {},
	departments: {},
	rooms: {},
	meetingTypes: {}
});

const FIELD_REFS: Record<string, NameKind> = {
	userId: 'users',
	userIds: 'users',
	host_id: 'users',
	recorder_id: 'users',
	owner_id: 'users',
	ownerId: 'users',
	departmentId: 'departments',
	department_id: 'departments',
	parentId: 'departments',
	parent_id: 'departments',
	organiser_department_id: 'departments',
	room_id: 'rooms',
	roomId: 'rooms',
	type_id: 'meetingTypes',
	typeId: 'meetingTypes',
	writtenBy: 'users',
	parent: 'departments'
};

const ENTITY_REFS: Record<string, NameKind> = {
	user: 'users',
	department: 'departments',
	room: 'rooms',
	meeting_type: 'meetingTypes'
};

/** Fields whose array value is a list of ids, not a [before, after] pair. */
const LIST_FIELDS = new Set(['userIds']);

export interface AuditLike {
	action: string;
	entity: string;
	entityId: string | null;
	changes: Record<string, unknown>;
}

/** Which record an entry's field names: the office's edit of a duty slot puts people in before/after. */
function refOf(action: string, field: string): NameKind | undefined {
	if (action.startsWith('duty_roster.') && (field === 'before' || field === 'after'))
		return 'users';
	return FIELD_REFS[field];
}

/** The ids each entry names (its object and its fields), for the server to look up in one go. */
export function auditRefs(entries: AuditLike[]): Record<NameKind, number[]> {
	const out: Record<NameKind, Set<number>> = {
		users: new Set(),
		departments: new Set(),
		rooms: new Set(),
		meetingTypes: new Set()
	};
	const add = (kind: NameKind | undefined, v: unknown) => {
		if (!kind) return;
		for (const x of Array.isArray(v) ? v : [v]) {
			const id = Number(x);
			if (x !== null && x !== '' && Number.isSafeInteger(id) && id > 0) out[kind].add(id);
		}
	};
	for (const e of entries) {
		add(ENTITY_REFS[e.entity], e.entityId);
		for (const [k, v] of Object.entries(e.changes)) add(refOf(e.action, k), v);
	}
	return {
		users: [...out.users],
		departments: [...out.departments],
		rooms: [...out.rooms],
		meetingTypes: [...out.meetingTypes]
	};
}

export function actionLabel(code: string): string {
	return ACTIONS[code]?.() ?? code;
}

export function entityLabel(entity: string): string {
	return ENTITIES[entity]?.() ?? entity;
}

export function fieldLabel(key: string): string {
	return FIELDS[key]?.() ?? key;
}

/** The object of an entry: 人员：张三, or 会议 #12 where no name is known. */
export function entityText(entity: string, entityId: string | null, names: NameBook): string {
	if (!entity) return '';
	const label = entityLabel(entity);
	if (entityId == null || entityId === '') return label;
	const kind = ENTITY_REFS[entity];
	const name = kind ? names[kind][entityId] : undefined;
	return name
		? m.audit_entity_named({ entity: label, name })
		: m.audit_entity_numbered({ entity: label, id: entityId });
}

const CLASSES: Record<string, () => string> = {
	none: m.class_none,
	internal: m.class_internal,
	secret: m.class_secret,
	confidential: m.class_confidential
};
const REPLIES: Record<string, () => string> = {
	attend: m.reply_attend,
	excused: m.reply_excused,
	deputy: m.reply_deputy
};
const PARTICIPANT_ROLES: Record<string, () => string> = {
	attendee: m.meeting_role_attendee,
	observer: m.meeting_role_observer,
	staff: m.meeting_role_staff,
	leader: m.duty_role_leader,
	officer: m.duty_role_officer
};
const STATUSES: Record<string, () => string> = {
	proposed: m.duty_swap_status_proposed,
	accepted: m.duty_swap_status_accepted,
	approved: m.duty_swap_status_approved,
	declined: m.duty_swap_status_declined,
	rejected: m.duty_swap_status_rejected,
	withdrawn: m.duty_swap_status_withdrawn,
	pending: m.audit_status_pending,
	failed: m.audit_status_failed,
	sent: m.audit_status_sent,
	draft: m.phase_draft,
	issued: m.phase_issued,
	cancelled: m.phase_cancelled
};
const USER_ROLES = new Set([
	'admin',
	'office',
	'leader',
	'dept_head',
	'staff',
	'supervisor',
	'auditor'
]);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One scalar of a field, in words. */
function scalar(field: string, v: unknown, ctx: Ctx): string {
	if (v == null || v === '') return m.audit_value_empty();
	if (v === true) return m.audit_value_yes();
	if (v === false) return m.audit_value_no();
	if (v === '***') return m.audit_value_masked();
	const kind = refOf(ctx.action, field);
	if (kind && (typeof v === 'number' || typeof v === 'string')) {
		const name = ctx.names[kind][String(v)];
		if (name) return name;
		if (/^\d+$/.test(String(v))) return `#${v}`;
	}
	if (typeof v === 'string') {
		const table =
			field === 'classification'
				? CLASSES
				: field === 'reply'
					? REPLIES
					: field === 'role'
						? PARTICIPANT_ROLES
						: field === 'status'
							? STATUSES
							: undefined;
		const label = table?.[v];
		if (label) return label();
		if (field === 'roles')
			return v
				.split(',')
				.map((r) => (USER_ROLES.has(r) ? roleLabel(r as Role) : r))
				.join(m.audit_join_list());
		if (field === 'departmentNames') return v.split(',').join(m.audit_join_list());
		if (INSTANT.test(v)) return formatDateTime(v, ctx.timeZone);
		return v;
	}
	if (typeof v === 'object') return describe(v as Record<string, unknown>, ctx);
	return String(v);
}

interface Ctx {
	action: string;
	names: NameBook;
	timeZone: string;
}

/** A field's value: a [before, after] pair as "before → after", a list joined with 、. */
export function valueText(field: string, v: unknown, ctx: Ctx): string {
	if (Array.isArray(v)) {
		if (!LIST_FIELDS.has(field) && v.length === 2)
			return `${scalar(field, v[0], ctx)} → ${scalar(field, v[1], ctx)}`;
		return v.length
			? v.map((x) => scalar(field, x, ctx)).join(m.audit_join_list())
			: m.audit_value_empty();
	}
	return scalar(field, v, ctx);
}

function describe(o: Record<string, unknown>, ctx: Ctx): string {
	return Object.entries(o)
		.map(([k, v]) => m.audit_pair({ label: fieldLabel(k), value: valueText(k, v, ctx) }))
		.join(m.audit_join_parts());
}

export interface ChangeLine {
	field: string;
	label: string;
	text: string;
}

/** An entry's changes as labelled lines, in the order they were recorded. */
export function changeLines(
	e: Pick<AuditLike, 'action' | 'changes'>,
	names: NameBook,
	timeZone: string
): ChangeLine[] {
	const ctx = { action: e.action, names, timeZone };
	return Object.entries(e.changes).map(([k, v]) => ({
		field: k,
		label: fieldLabel(k),
		text: valueText(k, v, ctx)
	}));
}
