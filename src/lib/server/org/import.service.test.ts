import { expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { ForbiddenError, NotFoundError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { updateDepartmentRow } from './departments.repository';
import { commitImport, previewImport } from './import.service';
import { findAccountByUsername, findRolesByUserIds, findUserByUsername } from './users.repository';
import { HEADER, xlsx, csv, userCount, setup } from './import.test-helpers';

describeEachDialect('people import', ({ db }) => {
	it('imports every row of a good xlsx file with roles, department and passwords', async () => {
		const { office, section, admin } = await setup(db());
		const file = await xlsx([
			HEADER,
			[
				'wangfang',
				'王芳',
				'办公室',
				'主任',
				1,
				13800000001,
				'',
				new Date(Date.UTC(2010, 6, 1)),
				'办公室、科室负责人',
				''
			],
			[
				'lilei',
				{ richText: [{ text: '李' }, { text: '雷' }] },
				'综合科',
				'科员',
				'',
				'',
				{ text: 'lilei@example.gov.cn', hyperlink: 'mailto:lilei@example.gov.cn' },
				'2015/7/1',
				'',
				'Import-Pass-9'
			]
		]);
		const before = await auditCount(db());
		const preview = await previewImport(db(), admin, '人员.xlsx', file);
		expect(preview).toMatchObject({ okCount: 2, badCount: 0 });
		expect(preview.rows.map((r) => [r.row, r.errors])).toEqual([
			[2, []],
			[3, []]
		]);
		expect(preview.rows[1].values).not.toHaveProperty('password');
		expect(await auditCount(db())).toBe(before);
		const batch = await db().selectFrom('import_batches').selectAll().executeTakeFirstOrThrow();
		expect(batch.rows).not.toContain('Import-Pass-9');

		const result = await commitImport(db(), admin, preview.batchId!);
		expect(result.created.map((c) => [c.username, c.name])).toEqual([
			['wangfang', '王芳'],
			['lilei', '李雷']
		]);
		expect(result.created[0].temporaryPassword).toMatch(/^.{12}$/);
		expect(result.created[1].temporaryPassword).toBeNull();

		const wang = await findUserByUsername(db(), 'wangfang');
		const li = await findUserByUsername(db(), 'lilei');
		expect(wang).toMatchObject({
			departmentId: office,
			title: '主任',
			precedence: 1,
			phone: '13800000001'
		});
		expect(wang?.workStartDate).toBe('2010-07-01');
		expect(li).toMatchObject({
			departmentId: section,
			precedence: 100,
			email: 'lilei@example.gov.cn'
		});
		expect(li?.workStartDate).toBe('2015-07-01');
		expect(li?.isPasswordChangeRequired).toBe(true);
		const hashOf = async (u: string) => (await findAccountByUsername(db(), u))!.passwordHash;
		expect(await verifyPassword(await hashOf('lilei'), 'Import-Pass-9')).toBe(true);
		expect(
			await verifyPassword(await hashOf('wangfang'), result.created[0].temporaryPassword!)
		).toBe(true);
		const roles = await findRolesByUserIds(db(), [wang!.id, li!.id]);
		expect(roles.get(wang!.id)?.sort()).toEqual(['dept_head', 'office']);
		expect(roles.get(li!.id)).toEqual(['staff']);

		const actions = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('id', '>', 0)
			.execute();
		expect(actions.filter((a) => a.action === 'user.import')).toHaveLength(2);
		expect(actions.filter((a) => a.action === 'user.import_batch')).toHaveLength(1);
		expect(await auditCount(db())).toBe(before + 3);
		const done = await db().selectFrom('import_batches').selectAll().executeTakeFirstOrThrow();
		expect(done.committed_at).not.toBeNull();
		expect(JSON.parse(done.rows)[1].passwordHash).toBeNull();
	});

	it('reads a UTF-8 CSV with a BOM and English headers', async () => {
		const { section, admin } = await setup(db());
		const file = await csv([
			['Username', 'Name', 'Department', 'Precedence', 'Phone', 'Roles'],
			['zhaomin', '赵敏', '综合科', '7', '010-12345678', 'leader']
		]);
		const preview = await previewImport(db(), admin, 'people.CSV', file);
		expect(preview.rows).toEqual([
			{
				row: 2,
				values: expect.objectContaining({
					username: 'zhaomin',
					department: '综合科',
					phone: '010-12345678'
				}),
				errors: []
			}
		]);
		await commitImport(db(), admin, preview.batchId!);
		const zhao = await findUserByUsername(db(), 'zhaomin');
		expect(zhao).toMatchObject({ departmentId: section, precedence: 7 });
		expect((await findRolesByUserIds(db(), [zhao!.id])).get(zhao!.id)).toEqual(['leader']);
	});

	it('lists every reason of every bad row and refuses to commit, writing nothing', async () => {
		const { admin } = await setup(db());
		await newUser(db(), { username: 'taken' });
		const file = await xlsx([
			HEADER,
			['good1', '好人', '办公室', '', '', '', '', '', '', ''],
			['bad.email', '甲', '财务科', '', '', '', 'not-an-email', '', '', ''],
			['GOOD1', '乙', '办公室', '', '', '', '', '', '', ''],
			['weakpw', '丙', '办公室', '', 'abc', '', '', '2020-13-45', '局长', 'password'],
			['taken', '', '', '', '', '', '', '', '安全审计员 督办员', '']
		]);
		const users = await userCount(db());
		const audits = await auditCount(db());
		const preview = await previewImport(db(), admin, '有问题.xlsx', file);
		expect(preview).toMatchObject({ okCount: 1, badCount: 4 });
		const errors = Object.fromEntries(preview.rows.map((r) => [r.row, r.errors]));
		expect(errors[2]).toEqual([]);
		expect(errors[3]).toEqual(['部门“财务科”不存在或已停用', '邮箱：邮箱格式不正确']);
		expect(errors[4]).toEqual(['用户名与第 2 行重复']);
		expect(errors[5]).toEqual([
			'角色：未知角色“局长”',
			'排序号：请输入 0–99999 的整数',
			'参加工作日期：日期格式应为 YYYY-MM-DD',
			'初始密码：密码须包含大写字母、小写字母、数字、符号中的至少三类'
		]);
		expect(errors[6]).toEqual([
			'部门：此项必填',
			'姓名：此项必填',
			'角色：安全审计员不能兼任其他角色（三员分立）',
			'用户名已被使用'
		]);

		expect(preview.batchId).toBeNull();
		expect(await db().selectFrom('import_batches').select('id').execute()).toEqual([]);
		expect(await userCount(db())).toBe(users);
		expect(await auditCount(db())).toBe(audits);
	});

	it('refuses a staff member for preview and commit and writes nothing', async () => {
		const { admin } = await setup(db());
		const staff = await newUser(db(), { roles: ['staff'] });
		const file = await xlsx([HEADER, ['newbie', '新人', '办公室']]);
		await expect(previewImport(db(), staff.actor, 'a.xlsx', file)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		const preview = await previewImport(db(), admin, 'a.xlsx', file);
		const audits = await auditCount(db());
		await expect(commitImport(db(), staff.actor, preview.batchId!)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		const batches = await db().selectFrom('import_batches').select('committed_at').execute();
		expect(batches).toEqual([{ committed_at: null }]);
		expect(await findUserByUsername(db(), 'newbie')).toBeUndefined();
		expect(await auditCount(db())).toBe(audits);
	});

	it('commits a batch once, and only for the admin who uploaded it', async () => {
		const { admin } = await setup(db());
		const other = await newUser(db(), { roles: ['admin'] });
		const preview = await previewImport(
			db(),
			admin,
			'a.xlsx',
			await xlsx([HEADER, ['once', '一次', '办公室']])
		);
		await expect(commitImport(db(), other.actor, preview.batchId!)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await commitImport(db(), admin, preview.batchId!);
		const audits = await auditCount(db());
		await expect(commitImport(db(), admin, preview.batchId!)).rejects.toBeInstanceOf(NotFoundError);
		await expect(commitImport(db(), admin, preview.batchId! + 1)).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await userCount(db())).toBe(3);
		expect(await auditCount(db())).toBe(audits);
	});

	it('writes nothing when a username is taken between preview and commit', async () => {
		const { admin } = await setup(db());
		const file = await xlsx([HEADER, ['first', '第一', '办公室'], ['racer', '抢先', '综合科']]);
		const preview = await previewImport(db(), admin, 'a.xlsx', file);
		expect(preview.badCount).toBe(0);
		await newUser(db(), { username: 'Racer' });
		const users = await userCount(db());
		const audits = await auditCount(db());
		await expect(commitImport(db(), admin, preview.batchId!)).rejects.toMatchObject({
			fields: { _: expect.stringContaining('第 3 行（用户名已被使用）') }
		});
		expect(await userCount(db())).toBe(users);
		expect(await findUserByUsername(db(), 'first')).toBeUndefined();
		expect(await auditCount(db())).toBe(audits);
		const batch = await db()
			.selectFrom('import_batches')
			.select('committed_at')
			.executeTakeFirstOrThrow();
		expect(batch.committed_at).toBeNull();
	});

	it('writes nothing when a department is deactivated between preview and commit', async () => {
		const { section, admin } = await setup(db());
		const preview = await previewImport(
			db(),
			admin,
			'a.xlsx',
			await xlsx([HEADER, ['late', '迟到', '综合科']])
		);
		await updateDepartmentRow(db(), section, { isActive: false });
		const audits = await auditCount(db());
		await expect(commitImport(db(), admin, preview.batchId!)).rejects.toThrow(
			/部门“综合科”不存在或已停用/
		);
		expect(await findUserByUsername(db(), 'late')).toBeUndefined();
		expect(await auditCount(db())).toBe(audits);
	});
});
