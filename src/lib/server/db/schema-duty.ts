import type { ColumnType, Generated } from 'kysely';
import type { CalendarDate, Instant } from './schema';

/** Holiday duty (值班) tables; see migrations/0006_duty.ts. */
import type { DutyLogKind, DutyRole } from '$lib/domain/duty-terms';
export type { DutyLogKind, DutyRole };
export type DutyPeriodStatus = 'draft' | 'published';
export type DutySwapKind = 'swap' | 'handover';
export type DutySwapStatus =
	'proposed' | 'accepted' | 'approved' | 'rejected' | 'declined' | 'withdrawn';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface DutyPeriodsTable {
	id: Generated<number>;
	name: string;
	holiday_name: Defaulted<string>;
	start_date: CalendarDate;
	end_date: CalendarDate;
	status: DutyPeriodStatus;
	phone: Defaulted<string>;
	note: Defaulted<string>;
	report: Defaulted<string>;
	created_by: number;
	created_at: Instant;
	updated_at: Instant;
	published_at: Instant | null;
}

export interface DutyPeriodDaysTable {
	period_id: number;
	date: CalendarDate;
	weight: Defaulted<number>;
	label: Defaulted<string>;
}

export interface DutyShiftsTable {
	id: Generated<number>;
	period_id: number;
	name: string;
	start_time: string;
	end_time: string;
	is_overnight: Defaulted<boolean>;
	leaders_needed: number;
	officers_needed: number;
	weight: Defaulted<number>;
	sort_order: Defaulted<number>;
}

export interface DutyPoolMembersTable {
	period_id: number;
	user_id: number;
	role: DutyRole;
}

export interface DutyExemptionsTable {
	period_id: number;
	user_id: number;
	reason: string;
}

export interface DutyUnavailabilityTable {
	id: Generated<number>;
	user_id: number;
	start_date: CalendarDate;
	end_date: CalendarDate;
	reason: string;
	source: Defaulted<string>;
	source_id: number | null;
	created_by: number;
	created_at: Instant;
}

export interface DutyAssignmentsTable {
	id: Generated<number>;
	period_id: number;
	shift_id: number;
	duty_date: CalendarDate;
	role: DutyRole;
	position: number;
	user_id: number | null;
	weight: number;
	label: Defaulted<string>;
	starts_at: Instant;
	ends_at: Instant;
	is_locked: Defaulted<boolean>;
}

export interface DutySwapsTable {
	id: Generated<number>;
	period_id: number;
	kind: DutySwapKind;
	assignment_id: number;
	counterpart_assignment_id: number | null;
	requester_id: number;
	counterpart_id: number;
	reason: Defaulted<string>;
	status: DutySwapStatus;
	created_at: Instant;
	responded_at: Instant | null;
	decided_by: number | null;
	decision_note: Defaulted<string>;
	decided_at: Instant | null;
}

export interface DutyLogEntriesTable {
	id: Generated<number>;
	period_id: number;
	shift_id: number;
	duty_date: CalendarDate;
	kind: DutyLogKind;
	occurred_at: Instant;
	caller: Defaulted<string>;
	unit: Defaulted<string>;
	phone: Defaulted<string>;
	matter: string;
	handling: Defaulted<string>;
	reported_at: Instant | null;
	reported_to: Defaulted<string>;
	created_by: number;
	created_at: Instant;
}

export interface DutyHandoversTable {
	shift_id: number;
	duty_date: CalendarDate;
	period_id: number;
	note: string;
	written_by: number;
	written_at: Instant;
	acknowledged_by: number | null;
	acknowledged_at: Instant | null;
}

export interface DutyTables {
	duty_periods: DutyPeriodsTable;
	duty_period_days: DutyPeriodDaysTable;
	duty_shifts: DutyShiftsTable;
	duty_pool_members: DutyPoolMembersTable;
	duty_exemptions: DutyExemptionsTable;
	duty_unavailability: DutyUnavailabilityTable;
	duty_assignments: DutyAssignmentsTable;
	duty_swaps: DutySwapsTable;
	duty_log_entries: DutyLogEntriesTable;
	duty_handovers: DutyHandoversTable;
}
