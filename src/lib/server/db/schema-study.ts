import type { ColumnType, Generated } from 'kysely';
import type { CalendarDate, Instant } from './schema';

/** Study records (学习) tables; see migrations/0015_study.ts. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type StudyPeriod = 'month' | 'year';
export type StudyMetric = 'sessions' | 'hours';

export interface StudyEntriesTable {
	id: Generated<number>;
	user_id: number;
	entry_date: CalendarDate;
	topic: string;
	material: Defaulted<string>;
	/** Hours × 2. */
	half_hours: number;
	notes: Defaulted<string>;
	created_at: Instant;
	updated_at: Instant;
}

export interface StudyTargetsTable {
	id: Generated<number>;
	/** A role, or 'all'. */
	role: string;
	period: StudyPeriod;
	metric: StudyMetric;
	amount: number;
	updated_by: number | null;
	updated_at: Instant;
}

export interface StudyTables {
	study_entries: StudyEntriesTable;
	study_targets: StudyTargetsTable;
}
