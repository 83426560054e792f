import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

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

export interface Database {
	settings: SettingsTable;
	departments: DepartmentsTable;
	users: UsersTable;
	user_roles: UserRolesTable;
	sessions: SessionsTable;
	throttles: ThrottlesTable;
	audit_log: AuditLogTable;
	holidays: HolidaysTable;
	import_batches: ImportBatchesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type AuditRow = Selectable<AuditLogTable>;
