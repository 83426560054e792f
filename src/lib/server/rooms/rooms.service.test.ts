import { expect, it } from 'vitest';
import type { Role } from '$lib/domain/roles';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { newRoom } from '../testing/meeting-fixtures';
import { createRoom, listRooms, setRoomActive, updateRoom } from './rooms.service';
import { input, newManager, snapshot } from './rooms.test-helpers';

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
