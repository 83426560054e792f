import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DutyTables } from './schema-duty';
import type { MinutesTables } from './schema-minutes';
import type { SupervisionTables } from './schema-supervision';
import type { LeaveTables } from './schema-leave';
import type { StudyTables } from './schema-study';
import type { SeatingTables } from './schema-seating';
import type { WebhookTables } from './schema-webhooks';
import type { ApiTables } from './schema-api';
import type { CalendarReplyTables } from './schema-calendar-replies';
import type { Classification, ParticipantRole, ReplyKind } from '$lib/domain/meetings';

// The fixed vocabularies are declared once, in the domain; the tables use them.
export type { Classification, ParticipantRole, ReplyKind };

/** An instant stored as UTC; read back as an ISO-8601 string on both dialects. */
export type Instant = string;
/** A calendar date YYYY-MM-DD. */
export type CalendarDate = string;

export interface SettingsTable {
	key: string;
	value: string;
}

export interface DepartmentsTable {
	id: Generated<number>;
	name: string;
	parent_id: number | null;
	kind: string;
	sort_order: ColumnType<number, number | undefined, number>;
	is_active: ColumnType<boolean, boolean | undefined, boolean>;
	created_at: Instant;
	/** 分管领导 (migration 0014): the 'responsible_leader' step of the department's approvals. */
	leader_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface UsersTable {
	id: Generated<number>;
	username: string;
	name: string;
	password_hash: string;
	department_id: number | null;
	title: ColumnType<string, string | undefined, string>;
	precedence: ColumnType<number, number | undefined, number>;
	phone: ColumnType<string, string | undefined, string>;
	email: ColumnType<string, string | undefined, string>;
	work_start_date: CalendarDate | null;
	is_active: ColumnType<boolean, boolean | undefined, boolean>;
	is_password_change_required: ColumnType<boolean, boolean | undefined, boolean>;
	password_changed_at: Instant | null;
	created_at: Instant;
	updated_at: Instant;
}

export interface UserRolesTable {
	user_id: number;
	role: string;
}

export interface SessionsTable {
	id: string;
	user_id: number;
	secret_hash: string;
	created_at: Instant;
	last_seen_at: Instant;
	expires_at: Instant;
	ip: ColumnType<string, string | undefined, string>;
	user_agent: ColumnType<string, string | undefined, string>;
}

export interface ThrottlesTable {
	key: string;
	count: number;
	window_start: Instant;
	blocked_until: Instant | null;
}

/** One row (id 1): advanced by triggers on every committed write (migration 0010). */
export interface DataStampTable {
	id: number;
	n: number;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: Instant;
	actor_id: number | null;
	actor_name: string;
	ip: string;
	action: string;
	entity: string;
	entity_id: string | null;
	changes: string;
}

export interface HolidaysTable {
	date: CalendarDate;
	kind: 'holiday' | 'workday';
	name: string;
}

export interface ImportBatchesTable {
	id: Generated<number>;
	created_by: number;
	file_name: string;
	rows: string;
	created_at: Instant;
	committed_at: Instant | null;
}

export interface MeetingTypesTable {
	id: Generated<number>;
	name: string;
	sort_order: ColumnType<number, number | undefined, number>;
	is_active: ColumnType<boolean, boolean | undefined, boolean>;
	/** The body a new draft of minutes (纪要) starts from (migrations/0012). */
	minutes_template: ColumnType<string, string | undefined, string>;
}

export interface RoomsTable {
	id: Generated<number>;
	name: string;
	location: ColumnType<string, string | undefined, string>;
	capacity: number;
	equipment: ColumnType<string, string | undefined, string>;
	sort_order: ColumnType<number, number | undefined, number>;
	is_active: ColumnType<boolean, boolean | undefined, boolean>;
}

export type MeetingStatus = 'draft' | 'issued' | 'cancelled';

export interface MeetingsTable {
	id: Generated<number>;
	uid: string;
	title: string;
	type_id: number;
	status: MeetingStatus;
	starts_at: Instant;
	ends_at: Instant;
	room_id: number | null;
	location: ColumnType<string, string | undefined, string>;
	organiser_department_id: number | null;
	host_id: number | null;
	recorder_id: number | null;
	reply_deadline: Instant | null;
	requirements: ColumnType<string, string | undefined, string>;
	contact_name: ColumnType<string, string | undefined, string>;
	contact_phone: ColumnType<string, string | undefined, string>;
	classification: ColumnType<Classification, Classification | undefined, Classification>;
	sequence: ColumnType<number, number | undefined, number>;
	created_by: number;
	created_at: Instant;
	updated_at: Instant;
	issued_at: Instant | null;
	cancelled_at: Instant | null;
	cancel_reason: ColumnType<string, string | undefined, string>;
}

export interface MeetingAgendaItemsTable {
	id: Generated<number>;
	meeting_id: number;
	position: number;
	title: string;
	presenter: ColumnType<string, string | undefined, string>;
	planned_minutes: ColumnType<number, number | undefined, number>;
}

export interface MeetingParticipantsTable {
	id: Generated<number>;
	meeting_id: number;
	user_id: number;
	role: ParticipantRole;
	via_department_id: number | null;
	reply: ColumnType<ReplyKind, ReplyKind | undefined, ReplyKind>;
	reply_reason: ColumnType<string, string | undefined, string>;
	deputy_id: number | null;
	replied_at: Instant | null;
	deputy_confirmed_at: Instant | null;
	checked_in_at: Instant | null;
	checked_in_by: number | null;
	/** The approved leave that gave this 请假 reply (migration 0014); null for a reply by hand. */
	leave_request_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface MeetingLogisticsTable {
	id: Generated<number>;
	meeting_id: number;
	item: string;
	owner_id: number | null;
	is_done: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface MeetingAttachmentsTable {
	id: Generated<number>;
	meeting_id: number;
	file_name: string;
	mime: string;
	size: number;
	content: Buffer;
	uploaded_by: number;
	uploaded_at: Instant;
}

export interface NotificationsTable {
	id: Generated<number>;
	user_id: number;
	kind: string;
	title: string;
	body: ColumnType<string, string | undefined, string>;
	link: ColumnType<string, string | undefined, string>;
	created_at: Instant;
	read_at: Instant | null;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
	id: Generated<number>;
	to_address: string;
	to_name: ColumnType<string, string | undefined, string>;
	subject: string;
	text_body: string;
	html_body: string;
	ics: string | null;
	ics_method: string | null;
	meeting_id: number | null;
	status: OutboxStatus;
	attempts: ColumnType<number, number | undefined, number>;
	last_error: ColumnType<string, string | undefined, string>;
	next_attempt_at: Instant;
	created_at: Instant;
	sent_at: Instant | null;
}

export interface JobMarksTable {
	key: string;
	created_at: Instant;
}

export interface CalendarTokensTable {
	user_id: number;
	token: string;
	created_at: Instant;
}

export interface MeetingCheckinCodesTable {
	meeting_id: number;
	code: string;
	created_at: Instant;
}

export interface Database
	extends
		DutyTables,
		MinutesTables,
		SupervisionTables,
		LeaveTables,
		StudyTables,
		SeatingTables,
		WebhookTables,
		ApiTables,
		CalendarReplyTables {
	settings: SettingsTable;
	departments: DepartmentsTable;
	users: UsersTable;
	user_roles: UserRolesTable;
	sessions: SessionsTable;
	throttles: ThrottlesTable;
	audit_log: AuditLogTable;
	holidays: HolidaysTable;
	import_batches: ImportBatchesTable;
	meeting_types: MeetingTypesTable;
	rooms: RoomsTable;
	meetings: MeetingsTable;
	meeting_agenda_items: MeetingAgendaItemsTable;
	meeting_participants: MeetingParticipantsTable;
	meeting_logistics: MeetingLogisticsTable;
	meeting_attachments: MeetingAttachmentsTable;
	notifications: NotificationsTable;
	outbox: OutboxTable;
	job_marks: JobMarksTable;
	calendar_tokens: CalendarTokensTable;
	meeting_checkin_codes: MeetingCheckinCodesTable;
	data_stamp: DataStampTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
