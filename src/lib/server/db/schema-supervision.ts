import type { ColumnType, Generated } from 'kysely';
import type { Classification } from '$lib/domain/meetings';
import type {
	SupervisionPriority,
	SupervisionSource,
	SupervisionStatus,
	ExtensionStatus,
	UrgeKind
} from '$lib/domain/supervision';
import type { CalendarDate, Instant } from './schema';

/** Supervision (督办) tables; see migrations/0013_supervision.ts. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface SupervisionItemsTable {
	id: Generated<number>;
	number_year: number;
	number_seq: number;
	number: string;
	title: string;
	requirement: Defaulted<string>;
	source: SupervisionSource;
	decision_id: number | null;
	instruction_leader_id: number | null;
	instruction_date: CalendarDate | null;
	instruction_text: Defaulted<string>;
	source_ref: Defaulted<string>;
	lead_department_id: number;
	responsible_id: number | null;
	priority: SupervisionPriority;
	urgent_days: number | null;
	classification: Defaulted<Classification>;
	status: SupervisionStatus;
	deadline: CalendarDate;
	original_deadline: CalendarDate;
	sign_due: CalendarDate | null;
	feedback_day: number | null;
	progress: Defaulted<number>;
	completion_summary: Defaulted<string>;
	return_reason: Defaulted<string>;
	stop_reason: Defaulted<string>;
	created_by: number;
	created_at: Instant;
	updated_at: Instant;
	assigned_at: Instant | null;
	signed_at: Instant | null;
	signed_by: number | null;
	completion_requested_at: Instant | null;
	closed_at: Instant | null;
	closed_by: number | null;
	closed_on: CalendarDate | null;
	stopped_at: Instant | null;
}

export interface SupervisionItemDepartmentsTable {
	item_id: number;
	department_id: number;
}

export interface SupervisionEventsTable {
	id: Generated<number>;
	item_id: number;
	kind: string;
	actor_id: number | null;
	at: Instant;
	text: Defaulted<string>;
	data: Defaulted<string>;
}

export interface SupervisionTasksTable {
	id: Generated<number>;
	item_id: number;
	assignee_id: number;
	text: string;
	deadline: CalendarDate | null;
	created_by: number;
	created_at: Instant;
	done_at: Instant | null;
}

export interface SupervisionMilestonesTable {
	id: Generated<number>;
	item_id: number;
	seq: number;
	title: string;
	due_date: CalendarDate;
	done_at: Instant | null;
	done_by: number | null;
}

export interface SupervisionFeedbackTable {
	id: Generated<number>;
	item_id: number;
	department_id: number;
	author_id: number;
	text: string;
	percent: number | null;
	milestone_id: number | null;
	cycle: string | null;
	at: Instant;
}

export interface SupervisionFilesTable {
	id: Generated<number>;
	item_id: number;
	feedback_id: number | null;
	file_name: string;
	mime: string;
	size: number;
	content: Buffer;
	uploaded_by: number;
	uploaded_at: Instant;
}

export interface SupervisionExtensionsTable {
	id: Generated<number>;
	item_id: number;
	requested_by: number;
	requested_at: Instant;
	reason: string;
	old_deadline: CalendarDate;
	new_deadline: CalendarDate;
	status: ExtensionStatus;
	decided_by: number | null;
	decided_at: Instant | null;
	decision_comment: Defaulted<string>;
}

export interface SupervisionUrgesTable {
	id: Generated<number>;
	item_id: number;
	kind: UrgeKind;
	urged_by: number | null;
	message: Defaulted<string>;
	at: Instant;
	is_automatic: Defaulted<boolean>;
}

export interface SupervisionTables {
	supervision_items: SupervisionItemsTable;
	supervision_item_departments: SupervisionItemDepartmentsTable;
	supervision_events: SupervisionEventsTable;
	supervision_tasks: SupervisionTasksTable;
	supervision_milestones: SupervisionMilestonesTable;
	supervision_feedback: SupervisionFeedbackTable;
	supervision_files: SupervisionFilesTable;
	supervision_extensions: SupervisionExtensionsTable;
	supervision_urges: SupervisionUrgesTable;
}
