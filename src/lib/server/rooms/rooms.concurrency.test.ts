import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectSqlite, dialectOfDb, type DB } from '../db/connect';
import { ValidationError } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { meetingTypeId, newRoom } from '../testing/meeting-fixtures';
import { findOverlappingMeetings, findRoomById } from './rooms.repository';
import { assertRoomBookable, createRoom } from './rooms.service';

// 2026-12-01 09:30–10:30 Beijing time.
const STARTS_AT = '2026-12-01T01:30:00.000Z';
const ENDS_AT = '2026-12-01T02:30:00.000Z';
const CONFLICT = '该时段会议室已被「局务会议」占用（12月1日 09:30–10:30）';

const pause = () => new Promise((r) => setTimeout(r, 50));

interface Slot {
	roomId: number;
	typeId: number;
	createdBy: number;
}

/** Inserts the meeting row as the meetings service stores it (the meeting-fixtures columns). */
async function insertMeeting(trx: DB, s: Slot, title: string): Promise<number> {
	const now = new Date().toISOString();
	const r = await trx
		.insertInto('meetings')
		.values({
			uid: `${randomUUID()}@huiban`,
			title,
			type_id: s.typeId,
			status: 'issued',
			starts_at: STARTS_AT,
			ends_at: ENDS_AT,
			room_id: s.roomId,
			classification: 'none',
			created_by: s.createdBy,
			created_at: now,
			updated_at: now,
			issued_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/**
 * One booking as the meetings service makes it: check, then write, in one transaction. The
 * pause between them is the race window: without the room lock both checks would pass.
 * On PostgreSQL it notes the server process it ran on, to prove two connections were used.
 */
function book(db: DB, s: Slot, backends: number[], check = assertRoomBookable) {
	return db.transaction().execute(async (trx) => {
		if (dialectOfDb(trx) === 'postgres') {
			const r = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
			backends.push(r.rows[0].pid);
		}
		await check(trx, { roomId: s.roomId, startsAt: STARTS_AT, endsAt: ENDS_AT });
		await pause();
		return insertMeeting(trx, s, '局务会议');
	});
}

/** Starts both bookings at once and waits for both to settle. */
async function race(first: () => Promise<number>, second: () => Promise<number>) {
	const results = await Promise.allSettled([first(), second()]);
	return {
		ok: results.filter((r) => r.status === 'fulfilled').map((r) => r.value),
		errors: results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown)
	};
}

async function slot(db: DB, name = '第一会议室'): Promise<Slot> {
	const { id: createdBy } = await newUser(db);
	return { roomId: await newRoom(db, { name }), typeId: await meetingTypeId(db), createdBy };
}

async function meetingsIn(db: DB, roomId: number): Promise<number> {
	const rows = await db.selectFrom('meetings').select('id').where('room_id', '=', roomId).execute();
	return rows.length;
}

describeEachDialect('room booking race', ({ db, dialect }) => {
	it('lets exactly one of two simultaneous bookings of the same slot through', async () => {
		const s = await slot(db());
		const backends: number[] = [];
		const { ok, errors } = await race(
			() => book(db(), s, backends),
			() => book(db(), s, backends)
		);
		expect(ok).toHaveLength(1);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toBeInstanceOf(ValidationError);
		expect((errors[0] as ValidationError).fields).toEqual({ roomId: CONFLICT });
		expect(await meetingsIn(db(), s.roomId)).toBe(1);
		// PostgreSQL: two server processes, so the loser really waited on the winner's row lock.
		// SQLite: Kysely queues the second transaction behind the first on its one connection.
		expect(new Set(backends).size).toBe(dialect === 'postgres' ? 2 : 0);
	});

	it('does not hold up bookings of different rooms', async () => {
		const a = await slot(db(), '第一会议室');
		const b = { ...a, roomId: await newRoom(db(), { name: '第二会议室' }) };
		const { ok, errors } = await race(
			() => book(db(), a, []),
			() => book(db(), b, [])
		);
		expect(errors).toEqual([]);
		expect(ok).toHaveLength(2);
		expect(await meetingsIn(db(), a.roomId)).toBe(1);
		expect(await meetingsIn(db(), b.roomId)).toBe(1);
	});

	it('gives the same clear name error to two simultaneous creates of one room name', async () => {
		const { actor } = await newUser(db(), { roles: ['office'] });
		const room = { name: '党组会议室', capacity: 20, sortOrder: 0 };
		const { ok, errors } = await race(
			() => createRoom(db(), actor, room),
			() => createRoom(db(), actor, room)
		);
		expect(ok).toHaveLength(1);
		expect(errors).toHaveLength(1);
		expect((errors[0] as ValidationError).fields).toEqual({ name: '已有同名会议室' });
	});

	if (dialect === 'postgres') {
		it('double-books without the room lock, so the lock is what keeps one booking', async () => {
			// The control experiment: the same race with only the overlap check. Both checks pass
			// during the pause, which shows the race window is real and not closed by timing.
			const s = await slot(db());
			const unlocked: typeof assertRoomBookable = async (trx, req) => {
				expect(await findOverlappingMeetings(trx, req.roomId, req.startsAt, req.endsAt)).toEqual(
					[]
				);
				return (await findRoomById(trx, req.roomId))!;
			};
			const { ok } = await race(
				() => book(db(), s, [], unlocked),
				() => book(db(), s, [], unlocked)
			);
			expect(ok).toHaveLength(2);
			expect(await meetingsIn(db(), s.roomId)).toBe(2);
		});
	}
});

describe('room booking race [sqlite, two connections to one file]', () => {
	let t: TestDatabase | undefined;
	let other: DB | undefined;
	beforeEach(async () => {
		t = await createTestDatabase('sqlite', inject('templates'));
		other = connectSqlite(t.url);
	});
	afterEach(async () => {
		await other?.destroy();
		await t?.drop();
	});

	// What two app processes sharing one SQLite file would do (the app itself runs one process
	// per SQLite file; PostgreSQL is the scale-out path).
	it('keeps exactly one booking; the loser fails with SQLITE_BUSY_SNAPSHOT', async () => {
		const s = await slot(t!.db);
		const { ok, errors } = await race(
			() => book(t!.db, s, []),
			() => book(other!, s, [])
		);
		expect(ok).toHaveLength(1);
		expect(errors).toHaveLength(1);
		// Both transactions read (WAL snapshot) before either wrote, so neither check saw the
		// other's meeting. The first insert commits before the second's pause ends; the second
		// writer's snapshot is then stale and SQLite refuses the write at once ("database is
		// locked"), without waiting out busy_timeout. It is an error, never a second booking.
		expect(errors[0]).toMatchObject({ name: 'SqliteError', code: 'SQLITE_BUSY_SNAPSHOT' });
		expect(await meetingsIn(t!.db, s.roomId)).toBe(1);
		expect(await meetingsIn(other!, s.roomId)).toBe(1);
	});
});
