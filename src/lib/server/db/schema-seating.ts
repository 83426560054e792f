import type { ColumnType, Generated } from 'kysely';
import type { Instant } from './schema';

/** Seating (座次) tables; see migrations/0017_seating.ts. Layouts and placements are JSON text. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface SeatingTemplatesTable {
	id: Generated<number>;
	room_id: number;
	name: string;
	/** A Layout of $lib/domain/seating as JSON. */
	layout: string;
	updated_by: number | null;
	updated_at: Instant;
	created_at: Instant;
}

export interface SeatingPlansTable {
	id: Generated<number>;
	meeting_id: number;
	template_id: number | null;
	/** A Layout of $lib/domain/seating as JSON. */
	layout: string;
	convention: string;
	pair: string;
	floor_order: string;
	excused_mode: string;
	is_seat_staff: Defaulted<boolean>;
	version: Defaulted<number>;
	updated_by: number | null;
	updated_at: Instant;
}

export interface SeatingPlacementsTable {
	id: Generated<number>;
	plan_id: number;
	seat_key: string;
	participant_id: number;
	is_locked: Defaulted<boolean>;
	/** The reply the person had when last seated (pending | attend | excused | deputy). */
	arranged_reply: string;
	arranged_deputy_id: number | null;
}

export interface SeatingVersionsTable {
	id: Generated<number>;
	plan_id: number;
	version: number;
	changed_by: number | null;
	changed_at: Instant;
	summary: string;
	/** The placements of this version: [{ seat, participantId, locked }] as JSON. */
	placements: string;
}

/** A talks plan's guest (会见/会谈 客方), typed in on the plan page; see 0022_seating_guests.ts. */
export interface SeatingGuestsTable {
	id: Generated<number>;
	plan_id: number;
	name: string;
	title: Defaulted<string>;
	/** 1 = the guest principal (主宾). */
	rank: number;
	/** The guest's seat (G{n}), null when not seated. */
	seat_key: string | null;
	is_locked: Defaulted<boolean>;
}

export interface SeatingTables {
	seating_templates: SeatingTemplatesTable;
	seating_plans: SeatingPlansTable;
	seating_placements: SeatingPlacementsTable;
	seating_versions: SeatingVersionsTable;
	seating_guests: SeatingGuestsTable;
}
