import { expect, it } from 'vitest';
import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { meetingTypeId, newMeeting } from '../testing/meeting-fixtures';
import { findAllMeetingTypes } from './meeting-types.repository';
import {
	activeMeetingTypes,
	createMeetingType,
	listAllMeetingTypes,
	setMeetingTypeActive,
	updateMeetingType
} from './meeting-types.service';
import { findMeetingById } from './meetings.repository';

const SEEDED = ['党组会议', '局务会议', '局长办公会议', '专题会议', '工作会议', '集中学习', '其他'];

async function newAdmin(db: DB) {
	return (await newUser(db, { username: 'admin', name: '管理员', roles: ['admin'] })).actor;
}

/** What a refused call must leave untouched: the types and the audit log. */
async function snapshot(db: DB) {
	return { types: await findAllMeetingTypes(db), audits: await auditCount(db) };
}

const formNames = async (db: DB) => (await activeMeetingTypes(db)).map((t) => t.name);

describeEachDialect('meeting types', ({ db }) => {
	it('starts with the seven seeded types, active and in order', async () => {
		const admin = await newAdmin(db());
		const types = await listAllMeetingTypes(db(), admin);
		expect(types.map((t) => t.name)).toEqual(SEEDED);
		expect(types.map((t) => t.sortOrder)).toEqual([10, 20, 30, 40, 50, 60, 70]);
		expect(types.every((t) => t.isActive && t.meetingCount === 0)).toBe(true);
		expect(await formNames(db())).toEqual(SEEDED);
	});

	it('lets the admin add a type, audited once, and offers it on the meeting form', async () => {
		const admin = await newAdmin(db());
		const id = await createMeetingType(db(), admin, { name: ' 座谈会 ', sortOrder: '65' });
		const types = await listAllMeetingTypes(db(), admin);
		expect(types.map((t) => t.name)).toEqual([...SEEDED.slice(0, 6), '座谈会', '其他']);
		expect(types.find((t) => t.id === id)).toEqual({
			id,
			name: '座谈会',
			sortOrder: 65,
			isActive: true,
			minutesTemplate: '',
			meetingCount: 0
		});
		expect(await formNames(db())).toContain('座谈会');
		const audits = await auditRows(db());
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			actorId: admin.id,
			actorName: '管理员',
			action: 'meeting_type.create',
			entity: 'meeting_type',
			entityId: String(id),
			changes: { name: '座谈会', sortOrder: 65 }
		});
	});

	it('renames and reorders a type, auditing the diff; its meetings show the new name', async () => {
		const admin = await newAdmin(db());
		const { id: creator } = await newUser(db());
		const meeting = await newMeeting(db(), { createdBy: creator, typeName: '专题会议' });
		const id = await meetingTypeId(db(), '专题会议');
		await updateMeetingType(db(), admin, id, { name: '专题研究会议', sortOrder: 5 });
		const types = await listAllMeetingTypes(db(), admin);
		expect(types[0]).toEqual({
			id,
			name: '专题研究会议',
			sortOrder: 5,
			isActive: true,
			minutesTemplate: expect.stringContaining('现纪要如下'),
			meetingCount: 1
		});
		expect((await findMeetingById(db(), meeting))?.typeName).toBe('专题研究会议');
		const audits = await auditRows(db());
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			action: 'meeting_type.update',
			entity: 'meeting_type',
			entityId: String(id),
			changes: { name: ['专题会议', '专题研究会议'], sortOrder: [40, 5] }
		});
		expect(Object.keys(audits[0].changes).sort()).toEqual(['name', 'sortOrder']);
	});

	it('deactivates a type: gone from the form, kept on existing meetings; and back again', async () => {
		const admin = await newAdmin(db());
		const { id: creator } = await newUser(db());
		const meeting = await newMeeting(db(), { createdBy: creator, typeName: '其他' });
		const id = await meetingTypeId(db(), '其他');

		await setMeetingTypeActive(db(), admin, id, false);
		expect(await formNames(db())).toEqual(SEEDED.slice(0, 6));
		expect((await findMeetingById(db(), meeting))?.typeName).toBe('其他');
		const listed = (await listAllMeetingTypes(db(), admin)).find((t) => t.id === id);
		expect(listed).toMatchObject({ name: '其他', isActive: false, meetingCount: 1 });

		await setMeetingTypeActive(db(), admin, id, true);
		expect(await formNames(db())).toEqual(SEEDED);
		const audits = await auditRows(db());
		expect(audits.map((a) => [a.action, a.entity, a.entityId, a.actorId])).toEqual([
			['meeting_type.deactivate', 'meeting_type', String(id), admin.id],
			['meeting_type.activate', 'meeting_type', String(id), admin.id]
		]);
	});

	it('refuses a duplicate name on the name field, but keeps a type its own name', async () => {
		const admin = await newAdmin(db());
		const other = await meetingTypeId(db(), '工作会议');
		const before = await snapshot(db());
		const taken = { fields: { name: '已有同名的会议类型' } };

		const created = await createMeetingType(db(), admin, { name: ' 局务会议', sortOrder: 1 }).catch(
			(e) => e
		);
		expect(created).toBeInstanceOf(ValidationError);
		expect(created.fields).toEqual(taken.fields);
		await expect(
			updateMeetingType(db(), admin, other, { name: '局务会议', sortOrder: 50 })
		).rejects.toMatchObject(taken);
		expect(await snapshot(db())).toEqual(before);

		await updateMeetingType(db(), admin, other, { name: '工作会议', sortOrder: 55 });
		expect(await auditCount(db())).toBe(before.audits + 1);
	});

	it('gives the same field error when two admins add the same name at once', async () => {
		const admin = await newAdmin(db());
		const input = { name: '座谈会', sortOrder: 65 };
		const results = await Promise.allSettled([
			createMeetingType(db(), admin, input),
			createMeetingType(db(), admin, input)
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = results.find((r) => r.status === 'rejected');
		expect(refused?.reason).toMatchObject({ fields: { name: '已有同名的会议类型' } });
		expect(await auditRows(db(), 'meeting_type.create')).toHaveLength(1);
	});

	it('refuses a blank or too long name and a bad order on their fields', async () => {
		const admin = await newAdmin(db());
		const id = await meetingTypeId(db());
		const before = await snapshot(db());
		await expect(
			createMeetingType(db(), admin, { name: '  ', sortOrder: 1 })
		).rejects.toMatchObject({ fields: { name: '此项必填' } });
		await expect(
			updateMeetingType(db(), admin, id, { name: '会'.repeat(41), sortOrder: 1 })
		).rejects.toMatchObject({ fields: { name: '最多 40 个字符' } });
		for (const sortOrder of ['-1', '1.5', 'abc', '100001']) {
			await expect(
				createMeetingType(db(), admin, { name: '座谈会', sortOrder })
			).rejects.toMatchObject({ fields: { sortOrder: '请输入 0–99999 的整数' } });
		}
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses to deactivate the last active type', async () => {
		const admin = await newAdmin(db());
		const types = await listAllMeetingTypes(db(), admin);
		for (const t of types.slice(1)) await setMeetingTypeActive(db(), admin, t.id, false);
		const before = await snapshot(db());
		const e = await setMeetingTypeActive(db(), admin, types[0].id, false).catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		expect(e.fields).toEqual({ _: '至少要保留一个在用的会议类型，否则无法新建会议' });
		expect(await snapshot(db())).toEqual(before);
		expect(await formNames(db())).toEqual(['党组会议']);
		// An inactive type may be deactivated again; the last active one is untouched.
		await setMeetingTypeActive(db(), admin, types[1].id, false);
		expect(await formNames(db())).toEqual(['党组会议']);
	});

	it('treats an unknown id as not found', async () => {
		const admin = await newAdmin(db());
		const before = await snapshot(db());
		await expect(
			updateMeetingType(db(), admin, 9999, { name: '座谈会', sortOrder: 1 })
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(setMeetingTypeActive(db(), admin, 9999, false)).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses staff, the office and the auditor, changing nothing', async () => {
		const id = await meetingTypeId(db());
		const input = { name: '座谈会', sortOrder: 1 };
		const roles: Role[] = ['staff', 'office', 'auditor'];
		for (const role of roles) {
			const { actor } = await newUser(db(), { roles: [role] });
			const before = await snapshot(db());
			expect(() => listAllMeetingTypes(db(), actor)).toThrow(ForbiddenError);
			await expect(createMeetingType(db(), actor, input)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(updateMeetingType(db(), actor, id, input)).rejects.toBeInstanceOf(
				ForbiddenError
			);
			await expect(setMeetingTypeActive(db(), actor, id, false)).rejects.toBeInstanceOf(
				ForbiddenError
			);
			expect(await snapshot(db())).toEqual(before);
		}
		expect(await auditCount(db())).toBe(0);
	});
});
