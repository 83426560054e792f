import { sql } from 'kysely';
import type { DB } from '../db';
import { dialectOfDb } from '../db/connect';

// The duty module's locks, taken first in a transaction, always in this order so that two
// transactions never wait for each other in a circle:
//   1. lockDutyCalendar — the set of periods (a new period must not overlap another);
//   2. lockPeriod       — one period: its status, days, shifts, pools, exemptions, roster and
//                         log. Every change to a period's roster (generation, a hand edit, a
//                         swap decided) holds it, so rules spanning its slots (no back-to-back,
//                         one person per shift) are checked against a roster nobody else is
//                         changing, and a status change (publish) is seen by whoever comes next;
//   3. lockPeople       — people, ascending id: a person's shifts across periods (the last
//                         shift of one period can touch the first of the next, so a hand edit
//                         or an approved swap putting someone on a slot holds them) and their
//                         unavailability entries;
//   4. lockSlots        — slots, ascending id (a swap's two slots).
// A transaction takes only what it needs but never a lower number after a higher one.
//
// SQLite needs none of it: its writers are serialised already (see src/lib/server/db/locks.ts).
// On PostgreSQL the period row is locked FOR NO KEY UPDATE, which does not stop rows referring
// to it (a log entry, a notification) from being inserted meanwhile.

/** Advisory-lock namespaces (first key of pg_advisory_xact_lock(int, int)): 'DUTY', 'DUTP'. */
const CALENDAR_KEY = 0x44555459;
const PERSON_KEY = 0x44555450;

export async function lockDutyCalendar(trx: DB): Promise<void> {
	if (dialectOfDb(trx) !== 'postgres') return;
	await sql`select pg_advisory_xact_lock(${CALENDAR_KEY}::int, 0)`.execute(trx);
}

export async function lockPeriod(trx: DB, periodId: number): Promise<void> {
	if (dialectOfDb(trx) !== 'postgres') return;
	await trx
		.selectFrom('duty_periods')
		.select('id')
		.where('id', '=', periodId)
		.forNoKeyUpdate()
		.execute();
}

export async function lockPeople(trx: DB, userIds: number[]): Promise<void> {
	if (dialectOfDb(trx) !== 'postgres') return;
	for (const id of [...new Set(userIds)].sort((a, b) => a - b)) {
		await sql`select pg_advisory_xact_lock(${PERSON_KEY}::int, ${id}::int)`.execute(trx);
	}
}

/** Locks the slots so a second proposal or decision on them waits for this one. */
export async function lockSlots(trx: DB, slotIds: number[]): Promise<void> {
	if (dialectOfDb(trx) !== 'postgres') return;
	await trx
		.selectFrom('duty_assignments')
		.select('id')
		.where('id', 'in', slotIds)
		.orderBy('id')
		.forUpdate()
		.execute();
}
