import type { ColumnType, Generated } from 'kysely';
import type { CalendarDate, Instant } from './schema';

/** Minutes (纪要), decisions and document counters; see migrations/0011_minutes.ts. */
export type MinutesStatus = 'draft' | 'submitted' | 'approved' | 'issued';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface MeetingMinutesTable {
	id: Generated<number>;
	meeting_id: number;
	meeting_type_id: number;
	status: MinutesStatus;
	body: Defaulted<string>;
	return_comment: Defaulted<string>;
	drafted_by: number;
	created_at: Instant;
	updated_at: Instant;
	submitted_at: Instant | null;
	approved_by: number | null;
	approved_at: Instant | null;
	issued_by: number | null;
	issued_at: Instant | null;
	number_year: number | null;
	number_seq: number | null;
	number: string | null;
}

export interface MinuteDecisionsTable {
	id: Generated<number>;
	minutes_id: number;
	seq: number;
	text: string;
	lead_department_id: number | null;
	deadline: CalendarDate | null;
}

export interface MinuteDecisionDepartmentsTable {
	decision_id: number;
	department_id: number;
}

export interface DocumentCountersTable {
	series: string;
	year: number;
	last: Defaulted<number>;
}

export interface MinutesTables {
	meeting_minutes: MeetingMinutesTable;
	minute_decisions: MinuteDecisionsTable;
	minute_decision_departments: MinuteDecisionDepartmentsTable;
	document_counters: DocumentCountersTable;
}
