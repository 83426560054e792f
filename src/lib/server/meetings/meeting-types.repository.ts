import type { DB } from '../db';
import { dialectOfDb } from '../db/connect';

export interface MeetingType {
	id: number;
	name: string;
	sortOrder: number;
	isActive: boolean;
	/** The body a new draft of this type's minutes (纪要) starts from. */
	minutesTemplate: string;
	/** Meetings of every status that use the type; they keep it even after it is deactivated. */
	meetingCount: number;
}

function toMeetingType(row: {
	id: number;
	name: string;
	sort_order: number;
	is_active: boolean;
	minutes_template: string;
	meeting_count: unknown;
}): MeetingType {
	return {
		id: row.id,
		name: row.name,
		sortOrder: row.sort_order,
		isActive: row.is_active,
		minutesTemplate: row.minutes_template,
		meetingCount: Number(row.meeting_count ?? 0)
	};
}

function selectMeetingTypes(db: DB) {
	return db
		.selectFrom('meeting_types')
		.selectAll('meeting_types')
		.select((eb) =>
			eb
				.selectFrom('meetings')
				.select((e2) => e2.fn.countAll<number>().as('n'))
				.whereRef('meetings.type_id', '=', 'meeting_types.id')
				.as('meeting_count')
		);
}

/** Every type, active or not, in the order forms list them. */
export async function findAllMeetingTypes(db: DB): Promise<MeetingType[]> {
	const rows = await selectMeetingTypes(db).orderBy('sort_order').orderBy('id').execute();
	return rows.map(toMeetingType);
}

/** The active types, in the order forms list them. */
export async function findActiveMeetingTypes(db: DB): Promise<MeetingType[]> {
	const rows = await selectMeetingTypes(db)
		.where('is_active', '=', true)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	return rows.map(toMeetingType);
}

export async function findMeetingTypeById(db: DB, id: number): Promise<MeetingType | undefined> {
	const row = await selectMeetingTypes(db).where('id', '=', id).executeTakeFirst();
	return row && toMeetingType(row);
}

export async function findMeetingTypeByName(
	db: DB,
	name: string
): Promise<MeetingType | undefined> {
	const row = await selectMeetingTypes(db).where('name', '=', name.trim()).executeTakeFirst();
	return row && toMeetingType(row);
}

/**
 * The ids of the active types. On PostgreSQL the rows stay locked until the transaction ends,
 * so two admins deactivating the last two types at once cannot both succeed: the second waits,
 * then sees only one active type. SQLite already serialises writers (see lockRoom).
 */
export async function lockActiveMeetingTypes(trx: DB): Promise<number[]> {
	let q = trx.selectFrom('meeting_types').select('id').where('is_active', '=', true);
	if (dialectOfDb(trx) === 'postgres') q = q.forUpdate();
	return (await q.execute()).map((r) => r.id);
}

export async function insertMeetingType(
	db: DB,
	t: { name: string; sortOrder: number; minutesTemplate?: string }
): Promise<number> {
	const r = await db
		.insertInto('meeting_types')
		.values({ name: t.name, sort_order: t.sortOrder, minutes_template: t.minutesTemplate })
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function updateMeetingTypeRow(
	db: DB,
	id: number,
	t: Partial<{ name: string; sortOrder: number; isActive: boolean; minutesTemplate: string }>
): Promise<void> {
	await db
		.updateTable('meeting_types')
		.set({
			name: t.name,
			sort_order: t.sortOrder,
			is_active: t.isActive,
			minutes_template: t.minutesTemplate
		})
		.where('id', '=', id)
		.execute();
}
