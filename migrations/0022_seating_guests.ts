import type { Kysely } from 'kysely';
import { addStampTriggers, dropStampTriggers, flag, withId } from './columns';

// Seating (座次, issue 12): the guest side of a talks plan (会见/会谈). Guests are not users:
// the office types them in on the plan page — a name, a title or unit, and a rank (the guest
// principal is 1). A guest's seat and lock live on the guest's row (seat_key null: not seated);
// the plan's version (seating_plans.version) moves with every change, as for the placements.
export async function up(db: Kysely<any>): Promise<void> {
	let t = withId(db, db.schema.createTable('seating_guests'))
		.addColumn('plan_id', 'integer', (c) =>
			c.notNull().references('seating_plans.id').onDelete('cascade')
		)
		.addColumn('name', 'varchar(40)', (c) => c.notNull())
		.addColumn('title', 'varchar(60)', (c) => c.notNull().defaultTo(''))
		.addColumn('rank', 'integer', (c) => c.notNull())
		.addColumn('seat_key', 'varchar(12)');
	t = flag(db, t, 'is_locked', false);
	// A seat holds one guest (NULLs — guests without a seat — do not collide on either dialect).
	t = t.addUniqueConstraint('seating_guests_seat_uq', ['plan_id', 'seat_key']);
	await t.execute();
	await addStampTriggers(db, 'seating_guests');
}

export async function down(db: Kysely<any>): Promise<void> {
	await dropStampTriggers(db, 'seating_guests');
	await db.schema.dropTable('seating_guests').execute();
}
