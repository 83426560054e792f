import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { dialectOfDb, type DB } from '../db/connect';
import { ValidationError } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { meetingTypeId, newRoom } from '../testing/meeting-fixtures';
import { findOverlappingMeetings, findRoomById } from './rooms.repository';
import { auditRows } from '../testing/audit-rows';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { assertRoomBookable, createRoom, setRoomActive, updateRoom } from './rooms.service';
import { inTransaction } from '../db/transaction';

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
	return inTransaction(db, async (trx) => {
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

/**
 * Another process books the slot on the same SQLite file: a worker thread with its own
 * connection holds the write lock while it inserts the meeting, then commits after a pause.
 */
function bookInAnotherProcess(file: string, s: Slot, holdMs: number): Promise<void> {
	const code = `
		const { workerData, parentPort } = require('node:worker_threads');
		const Database = require(workerData.driver);
		const db = new Database(workerData.file);
		db.pragma('busy_timeout = 5000');
		db.prepare('begin immediate').run();
		const now = new Date().toISOString();
		db.prepare(\`insert into meetings (uid, title, type_id, status, starts_at, ends_at, room_id,
			classification, created_by, created_at, updated_at, issued_at)
			values (?, '局务会议', ?, 'issued', ?, ?, ?, 'none', ?, ?, ?, ?)\`).run(
			workerData.uid, workerData.typeId, workerData.startsAt, workerData.endsAt,
			workerData.roomId, workerData.createdBy, now, now, now);
		parentPort.postMessage('locked');
		setTimeout(() => { db.prepare('commit').run(); db.close(); parentPort.postMessage('done'); },
			workerData.holdMs);
	`;
	const worker = new Worker(code, {
		eval: true,
		workerData: {
			driver: createRequire(import.meta.url).resolve('better-sqlite3'),
			file,
			uid: `${randomUUID()}@huiban`,
			typeId: s.typeId,
			roomId: s.roomId,
			createdBy: s.createdBy,
			startsAt: STARTS_AT,
			endsAt: ENDS_AT,
			holdMs
		}
	});
	return new Promise((resolve, reject) => {
		worker.on('message', (msg) => msg === 'locked' && resolve());
		worker.on('error', reject);
	});
}

describe('room booking race [sqlite, another process on the same file]', () => {
	let t: TestDatabase | undefined;
	beforeEach(async () => {
		t = await createTestDatabase('sqlite', inject('templates'));
	});
	afterEach(async () => {
		await t?.drop();
	});

	// What two app processes sharing one SQLite file do (WEB_CONCURRENCY=2): transactions begin
	// IMMEDIATE, so ours waits for the other writer and then sees its booking — a clear
	// conflict message, neither a double booking nor SQLITE_BUSY.
	it('waits for the other writer and then refuses with the conflict message', async () => {
		const s = await slot(t!.db);
		await bookInAnotherProcess(t!.url, s, 300);
		const error = await book(t!.db, s, []).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({ roomId: CONFLICT });
		expect(await meetingsIn(t!.db, s.roomId)).toBe(1);
	});
});

describeEachDialect('rooms catalogue, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, 20);

	it('creates one room of a name, edits it once, deactivates it once', async () => {
		const { actor } = await newUser(ctx.db(), { roles: ['office'] });
		const db = openWide();
		const room = { name: '党组会议室', capacity: 20, sortOrder: 0 };
		const made = await inParallel(20, () => createRoom(db, actor, room));
		expect(made.ok).toHaveLength(1);
		expect(onlyUserErrors(made.errors)).toBe(true);
		expect(new Set(made.errors.map((e) => (e as Error).message))).toEqual(
			new Set(['已有同名会议室'])
		);
		const [id] = made.ok;
		const edited = await inParallel(20, () =>
			updateRoom(db, actor, id, { ...room, name: '党组会议室（北）', capacity: 24 })
		);
		expect(edited.errors).toEqual([]);
		const off = await inParallel(20, () => setRoomActive(db, actor, id, false));
		expect(off.errors).toEqual([]);
		expect((await findRoomById(ctx.db(), id))?.isActive).toBe(false);
		const actions = (await auditRows(ctx.db())).map((r) => r.action);
		expect(actions).toEqual(['room.create', 'room.update', 'room.deactivate']);
	});
});
