import { expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { newMeeting, newRoom } from '../testing/meeting-fixtures';
import { findFreeRooms, findOverlappingMeetings } from './rooms.repository';
import { assertRoomBookable, createRoom, freeRoomsFor, setRoomActive } from './rooms.service';
import { input } from './rooms.test-helpers';
import { inTransaction } from '../db/transaction';

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
		return inTransaction(db(), (trx) => assertRoomBookable(trx, req));
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
