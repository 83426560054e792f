import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import type { DB } from '../db';
import { migrateToLatest, migratorFor } from '../db/migrate';
import { ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { commitImport, previewImport } from './import.service';
import { HEADER, setup as importSetup, userCount, xlsx } from './import.test-helpers';
import type { PersonFields } from './people.schema';
import { createPerson, insertPerson } from './users.service';
import { person, setup } from './users.test-helpers';
import { inTransaction } from '../db/transaction';

const TAKEN = { username: '用户名已被使用' };

/** Until another statement on this database waits for a lock. */
async function someoneWaitsForALock(db: DB): Promise<void> {
	for (let i = 0; i < 400; i++) {
		const r = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
		if (r.rows[0].n > 0) return;
		await new Promise((ok) => setTimeout(ok, 25));
	}
	throw new Error('nothing waited for a lock');
}

describeEachDialect('usernames ignore case', ({ db, dialect }) => {
	it('refuses ZhangSan when zhangsan exists, with the clear message, writing nothing', async () => {
		const { office, admin } = await setup(db());
		await newUser(db(), { username: 'zhangsan', departmentId: office });
		const users = await userCount(db());
		const audits = await auditCount(db());

		const e = await createPerson(db(), admin, person(office, { username: 'ZhangSan' })).catch(
			(x) => x
		);
		expect(e).toBeInstanceOf(ValidationError);
		expect(e.fields).toEqual(TAKEN);

		// A save racing past that check reaches the unique index, which says the same.
		const p: PersonFields = {
			username: 'ZhangSan',
			name: '张三',
			departmentId: office,
			title: '',
			precedence: 0,
			phone: '',
			email: '',
			workStartDate: '',
			roles: ['staff']
		};
		const hash = await hashPassword('Racing-Pass-1');
		const raced = await inTransaction(db(), (trx) => insertPerson(trx, admin, p, hash)).catch(
			(x) => x
		);
		expect(raced).toBeInstanceOf(ValidationError);
		expect(raced.fields).toEqual(TAKEN);

		expect(await userCount(db())).toBe(users);
		expect(await auditCount(db())).toBe(audits);
		const names = await db().selectFrom('users').select('username').orderBy('id').execute();
		expect(names.map((r) => r.username)).toEqual(['admin1', 'zhangsan']);
	});

	it('lets only one of two imports racing for the same name in, the other with a clear message', async () => {
		const { admin } = await importSetup(db());
		const a = await previewImport(
			db(),
			admin,
			'a.xlsx',
			await xlsx([HEADER, ['racer', '甲', '办公室']])
		);
		const b = await previewImport(
			db(),
			admin,
			'b.xlsx',
			await xlsx([HEADER, ['RACER', '乙', '综合科']])
		);
		const users = await userCount(db());
		const audits = await auditCount(db());
		const results = await Promise.allSettled([
			commitImport(db(), admin, a.batchId!),
			commitImport(db(), admin, b.batchId!)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const [refused] = results.filter((r) => r.status === 'rejected');
		expect(refused.reason).toBeInstanceOf(ValidationError);
		expect(refused.reason.fields._).toContain('第 2 行（用户名已被使用）');
		expect(await userCount(db())).toBe(users + 1);
		// One person and one batch recorded; nothing from the refused import.
		expect(await auditCount(db())).toBe(audits + 2);
	});

	// SQLite runs one write transaction at a time, so there the check always sees the other
	// save; on PostgreSQL a save committed while an import is inserting reaches the index.
	if (dialect === 'postgres') {
		it('says the same when the index refuses an import row saved meanwhile', async () => {
			const { office, admin } = await importSetup(db());
			const file = await xlsx([HEADER, ['first', '第一', '办公室'], ['racer', '抢先', '综合科']]);
			const preview = await previewImport(db(), admin, 'a.xlsx', file);
			const users = await userCount(db());
			const audits = await auditCount(db());
			const other = await db().startTransaction().execute();
			await newUser(other, { username: 'Racer', departmentId: office });
			// The import checks (not seeing the uncommitted row), then waits on the index.
			const commit = commitImport(db(), admin, preview.batchId!).catch((x) => x);
			await someoneWaitsForALock(db());
			await other.commit().execute();
			const e = await commit;
			expect(e).toBeInstanceOf(ValidationError);
			expect(e.fields._).toBe(
				'检查之后数据已有变化，以下行不能导入，请重新上传文件：第 3 行（用户名已被使用）'
			);
			expect(await userCount(db())).toBe(users + 1);
			expect(await auditCount(db())).toBe(audits);
			const batch = await db().selectFrom('import_batches').select('committed_at').execute();
			expect(batch).toEqual([{ committed_at: null }]);
		});
	}

	it('is enforced by the database itself', async () => {
		await newUser(db(), { username: 'lisi' });
		await expect(newUser(db(), { username: 'LiSi' })).rejects.toMatchObject({
			code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/)
		});
		expect(await userCount(db())).toBe(1);
	});

	it('cannot be switched on while two usernames differ only in case', async () => {
		const { error } = await migratorFor(db()).migrateTo('0007_meeting_perf');
		expect(error).toBeUndefined();
		const first = await newUser(db(), { username: 'wangwu' });
		await newUser(db(), { username: 'WangWu' });
		await expect(migrateToLatest(db())).rejects.toThrow(/用户名仅大小写不同.*wangwu \(2\)/);
		await db()
			.updateTable('users')
			.set({ username: 'wangwu2' })
			.where('id', '=', first.id)
			.execute();
		expect(await migrateToLatest(db())).toContain('0008_foundation_hardening');
		await expect(newUser(db(), { username: 'WANGWU2' })).rejects.toThrow();
	});
});
