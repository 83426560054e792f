import { expect, it } from 'vitest';
import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { newMeeting, newRoom } from '../testing/meeting-fixtures';
import { findFreeRooms, findOverlappingMeetings } from './rooms.repository';
import {
	assertRoomBookable,
	createRoom,
	freeRoomsFor,
	listRooms,
	setRoomActive,
	updateRoom
} from './rooms.service';

const input = (o: Record<string, unknown> = {}) => ({
	name: '第一会议室',
	location: '机关大楼3楼',
	capacity: '40',
	equipment: '投影、话筒，视频会议',
	sortOrder: '10',
	...o
});

async function newManager(db: DB, role: Role = 'office') {
	return (await newUser(db, { name: '秘书科王芳', roles: [role] })).actor;
}

/** What a refused call must leave untouched: the rooms and the audit log. */
async function snapshot(db: DB) {
	return { rooms: await listRooms(db, { includeInactive: true }), audits: await auditCount(db) };
}

describeEachDialect('rooms catalogue', ({ db }) => {
	it('lets the office add a room, normalising the equipment, audited once', async () => {
		const office = await newManager(db());
		const id = await createRoom(db(), office, input({ name: ' 第一会议室 ' }));
		const room = {
			id,
			name: '第一会议室',
			location: '机关大楼3楼',
			capacity: 40,
			equipment: '投影, 话筒, 视频会议',
			sortOrder: 10,
			isActive: true
		};
		expect(await listRooms(db())).toEqual([room]);
		const audits = await auditRows(db());
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			actorId: office.id,
			actorName: '秘书科王芳',
			action: 'room.create',
			entity: 'room',
			entityId: String(id),
			changes: {
				name: '第一会议室',
				location: '机关大楼3楼',
				capacity: 40,
				equipment: '投影, 话筒, 视频会议',
				sortOrder: 10
			}
		});
	});

	it('lets the admin edit a room, auditing only what changed', async () => {
		const admin = await newManager(db(), 'admin');
		const id = await createRoom(db(), admin, input());
		await updateRoom(db(), admin, id, input({ name: '党组会议室', capacity: 24 }));
		expect((await listRooms(db()))[0]).toMatchObject({ name: '党组会议室', capacity: 24 });
		const [update] = await auditRows(db(), 'room.update');
		expect(update).toMatchObject({ actorId: admin.id, entity: 'room', entityId: String(id) });
		expect(update.changes).toEqual({ name: ['第一会议室', '党组会议室'], capacity: [40, 24] });
	});

	it('deactivates and reactivates a room, hiding it from the plain list meanwhile', async () => {
		const office = await newManager(db());
		const id = await createRoom(db(), office, input());
		await setRoomActive(db(), office, id, false);
		expect(await listRooms(db())).toEqual([]);
		expect(await listRooms(db(), { includeInactive: true })).toMatchObject([
			{ id, isActive: false }
		]);
		await setRoomActive(db(), office, id, true);
		expect(await listRooms(db())).toMatchObject([{ id, isActive: true }]);
		const actions = (await auditRows(db())).map((a) => [a.action, a.entityId]);
		expect(actions).toEqual([
			['room.create', String(id)],
			['room.deactivate', String(id)],
			['room.activate', String(id)]
		]);
	});

	it('lists rooms by sort order, then by when they were added', async () => {
		const office = await newManager(db());
		const c = await createRoom(db(), office, input({ name: '小会议室', sortOrder: 30 }));
		const a = await createRoom(db(), office, input({ name: '大会议室', sortOrder: 10 }));
		const b = await createRoom(db(), office, input({ name: '视频会议室', sortOrder: 10 }));
		expect((await listRooms(db())).map((r) => r.id)).toEqual([a, b, c]);
	});

	it('refuses a name that is taken on the name field, but keeps a room its own name', async () => {
		const office = await newManager(db());
		await createRoom(db(), office, input({ name: '第一会议室' }));
		const other = await createRoom(db(), office, input({ name: '第二会议室' }));
		const before = await snapshot(db());
		const created = await createRoom(db(), office, input({ name: '第一会议室 ' })).catch((e) => e);
		expect(created).toBeInstanceOf(ValidationError);
		expect(created.fields).toEqual({ name: '已有同名会议室' });
		await expect(
			updateRoom(db(), office, other, input({ name: '第一会议室' }))
		).rejects.toMatchObject({ fields: { name: '已有同名会议室' } });
		expect(await snapshot(db())).toEqual(before);

		await updateRoom(db(), office, other, input({ name: '第二会议室', capacity: 12 }));
		expect(await auditCount(db())).toBe(before.audits + 1);
	});

	it('refuses a bad capacity and over-long text on their fields, writing nothing', async () => {
		const office = await newManager(db());
		const before = await snapshot(db());
		const capacity = { capacity: '容纳人数应为 1–2000 的整数' };
		const cases: [Record<string, unknown>, Record<string, string>][] = [
			[{ capacity: '0' }, capacity],
			[{ capacity: '2001' }, capacity],
			[{ capacity: '12.5' }, capacity],
			[{ capacity: '很多' }, capacity],
			[{ capacity: '' }, capacity],
			[{ capacity: undefined }, capacity],
			[{ name: '   ' }, { name: '此项必填' }],
			[{ name: '会'.repeat(61) }, { name: '最多 60 个字符' }],
			[{ location: '楼'.repeat(121) }, { location: '最多 120 个字符' }],
			[{ equipment: '投'.repeat(256) }, { equipment: '最多 255 个字符' }],
			[{ sortOrder: '-1' }, { sortOrder: '请输入 0–99999 的整数' }]
		];
		for (const [bad, fields] of cases) {
			const e = await createRoom(db(), office, input(bad)).catch((x) => x);
			expect(e).toBeInstanceOf(ValidationError);
			expect(e.fields).toEqual(fields);
		}
		expect(await snapshot(db())).toEqual(before);
		// The limits themselves are allowed.
		await createRoom(db(), office, input({ name: '会'.repeat(60), capacity: 2000 }));
		await createRoom(db(), office, input({ name: '小会客室', capacity: 1, location: undefined }));
		expect((await listRooms(db())).map((r) => r.capacity)).toEqual([2000, 1]);
	});

	it('treats an unknown room as not found', async () => {
		const office = await newManager(db());
		const before = await snapshot(db());
		await expect(updateRoom(db(), office, 9999, input())).rejects.toBeInstanceOf(NotFoundError);
		await expect(setRoomActive(db(), office, 9999, false)).rejects.toBeInstanceOf(NotFoundError);
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses staff, leaders and the auditor, writing nothing and auditing nothing', async () => {
		const id = await newRoom(db(), { name: '第三会议室' });
		const roles: Role[] = ['staff', 'leader', 'auditor', 'dept_head', 'supervisor'];
		for (const role of roles) {
			const { actor } = await newUser(db(), { roles: [role] });
			const before = await snapshot(db());
			await expect(createRoom(db(), actor, input())).rejects.toBeInstanceOf(ForbiddenError);
			await expect(updateRoom(db(), actor, id, input())).rejects.toBeInstanceOf(ForbiddenError);
			await expect(setRoomActive(db(), actor, id, false)).rejects.toBeInstanceOf(ForbiddenError);
			expect(await snapshot(db())).toEqual(before);
		}
		expect(await auditCount(db())).toBe(0);
	});
});

// 2026-12-01 09:30–10:30 Beijing time.
const NINE_THIRTY = '2026-12-01T01:30:00.000Z';
const TEN_THIRTY = '2026-12-01T02:30:00.000Z';
const at = (hhmm: string) => `2026-12-01T${hhmm}:00.000Z`;

describeEachDialect('room booking rule', ({ db }) => {
	async function setup() {
		const { id: userId } = await newUser(db());
		const roomId = await newRoom(db(), { name: '第一会议室', capacity: 30 });
		const booked = await newMeeting(db(), {
			createdBy: userId,
			title: '局务会议',
			roomId,
			startsAt: NINE_THIRTY,
			endsAt: TEN_THIRTY
		});
		return { userId, roomId, booked };
	}

	/** Runs the check as the meetings service will: inside its own transaction. */
	function check(req: Parameters<typeof assertRoomBookable>[1]) {
		return db()
			.transaction()
			.execute((trx) => assertRoomBookable(trx, req));
	}

	it('finds meetings that overlap the window, in time order', async () => {
		const { userId, roomId, booked } = await setup();
		const later = await newMeeting(db(), {
			createdBy: userId,
			roomId,
			startsAt: at('03:00'),
			endsAt: at('04:00')
		});
		const found = await findOverlappingMeetings(db(), roomId, at('02:00'), at('03:30'));
		expect(found.map((b) => b.id)).toEqual([booked, later]);
		expect(found[0]).toEqual({
			id: booked,
			title: '局务会议',
			status: 'issued',
			classification: 'none',
			startsAt: NINE_THIRTY,
			endsAt: TEN_THIRTY
		});
		// Bounds without milliseconds compare the same as the stored form.
		expect(
			await findOverlappingMeetings(db(), roomId, '2026-12-01T02:30:00Z', at('03:00'))
		).toEqual([]);
	});

	it('refuses an overlapping booking on roomId, naming the meeting and its Beijing time', async () => {
		const { roomId } = await setup();
		const windows = [
			[at('01:00'), at('02:00')],
			[at('02:00'), at('03:00')],
			[at('01:45'), at('02:15')],
			[at('00:00'), at('05:00')],
			[NINE_THIRTY, TEN_THIRTY]
		];
		for (const [startsAt, endsAt] of windows) {
			const e = await check({ roomId, startsAt, endsAt }).catch((x) => x);
			expect(e).toBeInstanceOf(ValidationError);
			expect(e.fields).toEqual({
				roomId: '该时段会议室已被「局务会议」占用（12月1日 09:30–10:30）'
			});
		}
	});

	it('lets meetings touch end to start', async () => {
		const { roomId } = await setup();
		const room = await check({ roomId, startsAt: TEN_THIRTY, endsAt: at('03:30') });
		expect(room).toMatchObject({ id: roomId, name: '第一会议室', capacity: 30 });
		await check({ roomId, startsAt: at('00:30'), endsAt: NINE_THIRTY });
	});

	it('ignores cancelled meetings, other rooms and the meeting being edited', async () => {
		const { userId, roomId, booked } = await setup();
		const other = await newRoom(db());
		await newMeeting(db(), { createdBy: userId, roomId: other, startsAt: at('03:00') });
		await newMeeting(db(), {
			createdBy: userId,
			roomId,
			status: 'cancelled',
			startsAt: at('03:00'),
			endsAt: at('04:00')
		});
		await check({ roomId, startsAt: at('03:00'), endsAt: at('04:00') });
		await check({ roomId, startsAt: at('02:00'), endsAt: at('03:00'), exceptMeetingId: booked });
		const draft = await newMeeting(db(), {
			createdBy: userId,
			roomId,
			status: 'draft',
			startsAt: at('06:00')
		});
		// A draft holds its room too; only cancelling frees it.
		await expect(
			check({ roomId, startsAt: at('06:30'), endsAt: at('08:00'), exceptMeetingId: booked })
		).rejects.toMatchObject({ fields: { roomId: expect.stringContaining('14:00–15:00') } });
		await check({ roomId, startsAt: at('06:30'), endsAt: at('08:00'), exceptMeetingId: draft });
	});

	it('says 涉密会议 instead of the title of a secret or confidential meeting', async () => {
		const { id: userId } = await newUser(db());
		const roomId = await newRoom(db());
		for (const [classification, startsAt] of [
			['secret', at('01:00')],
			['confidential', at('05:00')]
		] as const) {
			await newMeeting(db(), {
				createdBy: userId,
				title: '某专项工作部署',
				roomId,
				classification,
				startsAt
			});
			const e = await check({ roomId, startsAt, endsAt: at('09:00') }).catch((x) => x);
			expect(e.fields.roomId).toMatch(/^该时段会议室已被涉密会议占用（12月1日 \d\d:00–\d\d:00）$/);
			expect(e.fields.roomId).not.toContain('某专项工作部署');
		}
		await newMeeting(db(), {
			createdBy: userId,
			title: '内部通报会',
			roomId,
			classification: 'internal',
			startsAt: at('10:00')
		});
		await expect(
			check({ roomId, startsAt: at('10:00'), endsAt: at('11:00') })
		).rejects.toMatchObject({
			fields: { roomId: '该时段会议室已被「内部通报会」占用（12月1日 18:00–19:00）' }
		});
	});

	it('shows both dates when the conflicting meeting runs past midnight', async () => {
		const { id: userId } = await newUser(db());
		const roomId = await newRoom(db());
		await newMeeting(db(), {
			createdBy: userId,
			title: '值班调度会',
			roomId,
			startsAt: at('14:00'),
			endsAt: at('16:30')
		});
		await expect(
			check({ roomId, startsAt: at('15:00'), endsAt: at('15:30') })
		).rejects.toMatchObject({
			fields: { roomId: '该时段会议室已被「值班调度会」占用（12月1日 22:00–12月2日 00:30）' }
		});
	});

	it('refuses an inactive or unknown room on roomId', async () => {
		const office = (await newUser(db(), { roles: ['office'] })).actor;
		const roomId = await newRoom(db());
		await setRoomActive(db(), office, roomId, false);
		const unavailable = { fields: { roomId: '会议室不存在或已停用' } };
		await expect(
			check({ roomId, startsAt: at('01:00'), endsAt: at('02:00') })
		).rejects.toMatchObject(unavailable);
		await expect(
			check({ roomId: 9999, startsAt: at('01:00'), endsAt: at('02:00') })
		).rejects.toMatchObject(unavailable);
	});

	it('refuses an empty or backwards window, and a call outside a transaction', async () => {
		const roomId = await newRoom(db());
		const backwards = { fields: { endsAt: '结束时间应晚于开始时间' } };
		await expect(
			check({ roomId, startsAt: at('02:00'), endsAt: at('02:00') })
		).rejects.toMatchObject(backwards);
		await expect(freeRoomsFor(db(), at('03:00'), at('02:00'))).rejects.toMatchObject(backwards);
		await expect(
			assertRoomBookable(db(), { roomId, startsAt: at('01:00'), endsAt: at('02:00') })
		).rejects.toThrow(/inside a transaction/);
	});

	it('lists the rooms free for the whole window, flagging the ones too small', async () => {
		const office = (await newUser(db(), { roles: ['office'] })).actor;
		const { userId, roomId: busy } = await setup();
		const big = await createRoom(
			db(),
			office,
			input({ name: '大会议室', capacity: 80, sortOrder: 5 })
		);
		const small = await createRoom(
			db(),
			office,
			input({ name: '小会议室', capacity: 8, sortOrder: 20 })
		);
		const closed = await createRoom(db(), office, input({ name: '装修中', capacity: 50 }));
		await setRoomActive(db(), office, closed, false);
		const freed = await createRoom(db(), office, input({ name: '第二会议室', capacity: 12 }));
		await newMeeting(db(), {
			createdBy: userId,
			roomId: freed,
			status: 'cancelled',
			startsAt: NINE_THIRTY
		});

		const free = await freeRoomsFor(db(), at('02:00'), at('03:00'), 10);
		expect(free.map((r) => [r.name, r.tooSmall])).toEqual([
			['大会议室', false],
			['第二会议室', false],
			['小会议室', true]
		]);
		// 第一会议室 is taken and 装修中 is deactivated, so neither is offered.
		expect(free.map((r) => r.id)).toEqual([big, freed, small]);
		expect(free[2]).toMatchObject({ capacity: 8, isActive: true, tooSmall: true });

		// Without a head count nothing is flagged; the busy room is free once its meeting has ended.
		const after = await freeRoomsFor(db(), TEN_THIRTY, at('03:00'));
		expect(after.map((r) => r.id)).toContain(busy);
		expect(after.every((r) => !r.tooSmall)).toBe(true);

		const roomy = await findFreeRooms(db(), at('02:00'), at('03:00'), 12);
		expect(roomy.map((r) => r.name)).toEqual(['大会议室', '第二会议室']);
	});
});
