import * as m from '$lib/paraglide/messages';
import { formatDateTime, formatDateWeekday } from '$lib/format';
import { roleLabel } from '$lib/role-labels';
import { isRole } from '$lib/domain/roles';
import { entityLabel, fieldLabel } from '$lib/audit-vocabulary';

/**
 * The audit log as the security auditor reads it: actions, objects and fields in words, ids as
 * names (where the server resolved them), before → after as readable values. The raw codes stay
 * in the data, and the page shows the action's code small beside its label (it is searched by).
 */

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
	hostId: 'users',
	recorderId: 'users',
	organiserDepartmentId: 'departments',
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
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
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
				.map((r) => (isRole(r) ? roleLabel(r) : r))
				.join(m.audit_join_list());
		if (field === 'departmentNames') return v.split(',').join(m.audit_join_list());
		if (INSTANT.test(v)) return formatDateTime(v, ctx.timeZone);
		if (CALENDAR_DATE.test(v)) return formatDateWeekday(v, ctx.timeZone);
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
