import { describe, expect, inject, it } from 'vitest';
import { audit } from '../audit';
import { listDepartments } from '../org/departments.repository';
import { findUserById } from '../org/users.repository';
import { createTestDatabase, enabledDialects } from '../testing/databases';
import { describeEachDialect } from '../testing/each-dialect';
import { indexes, primaryKeys } from '../testing/schema-introspection';
import type { DB, DialectName } from './connect';
import { jsonRows } from './json-rows';
import { bundledMigrations, migrateToLatest, migratorFor } from './migrate';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KYSELY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/** The same rows on any database: a parent, a child department and one person in it. */
async function insertSample(db: DB) {
	const created = '2026-01-02T03:04:05.678Z';
	const parent = await db
		.insertInto('departments')
		.values({ name: '办公室', parent_id: null, kind: 'office', sort_order: 1, created_at: created })
		.returning('id')
		.executeTakeFirstOrThrow();
	const child = await db
		.insertInto('departments')
		.values({ name: '秘书科', parent_id: parent.id, kind: 'section', created_at: created })
		.returning('id')
		.executeTakeFirstOrThrow();
	const user = await db
		.insertInto('users')
		.values({
			username: 'wangfang',
			name: '王芳',
			password_hash: 'not-a-real-hash',
			department_id: child.id,
			work_start_date: '2010-07-01',
			is_active: true,
			is_password_change_required: true,
			created_at: created,
			updated_at: '2026-06-30T16:00:00.000Z'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('user_roles').values({ user_id: user.id, role: 'staff' }).execute();
	return user.id;
}

/** What the app reads back: raw rows, a joined domain object, counts. */
async function readSample(db: DB, userId: number) {
	const count = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return {
		departments: await db.selectFrom('departments').selectAll().orderBy('id').execute(),
		users: await db.selectFrom('users').selectAll().execute(),
		user: await findUserById(db, userId),
		tree: await listDepartments(db),
		count
	};
}

describeEachDialect('values read back', ({ db }) => {
	it('are plain JS values: booleans, ISO instants, date strings, numeric ids and counts', async () => {
		const id = await insertSample(db());
		const r = await readSample(db(), id);
		expect(r.count).toEqual({ n: 1 });
		expect(r.departments[0]).toMatchObject({ id: 1, parent_id: null, is_active: true });
		expect(r.departments[1]).toMatchObject({ id: 2, parent_id: 1, sort_order: 0 });
		const [u] = r.users;
		expect(u).toMatchObject({
			id,
			is_active: true,
			is_password_change_required: true,
			work_start_date: '2010-07-01',
			password_changed_at: null,
			created_at: '2026-01-02T03:04:05.678Z',
			updated_at: '2026-06-30T16:00:00.000Z'
		});
		expect(typeof id).toBe('number');
		for (const v of [u.created_at, u.updated_at, r.departments[0].created_at]) {
			expect(v).toMatch(ISO_INSTANT);
		}
		expect(r.tree.map((d) => [d.name, d.memberCount])).toEqual([
			['秘书科', 1],
			['办公室', 0]
		]);
		expect(r.user).toMatchObject({ isActive: true, departmentName: '秘书科', roles: ['staff'] });
	});

	it('come as JSON text from jsonRows: names with quotes, null, numbers, booleans; [] for none', async () => {
		const id = await insertSample(db());
		const odd = '王"芳\t\\</script>';
		await db().updateTable('users').set({ name: odd }).where('id', '=', id).execute();
		const read = (deptId: number) =>
			db()
				.selectFrom('users as u')
				.select(jsonRows(db(), ['u.id', 'u.name', 'u.password_changed_at', 'u.is_active']).as('j'))
				.where('u.department_id', '=', deptId)
				.executeTakeFirstOrThrow();
		const one = await read(2);
		expect(typeof one.j).toBe('string');
		const [[userId, name, changed, active]] = JSON.parse(one.j);
		expect([userId, name, changed, !!active]).toEqual([id, odd, null, true]);
		expect(JSON.parse((await read(1)).j)).toEqual([]);
	});

	it('migrates down to nothing and up again', async () => {
		const names = Object.keys(bundledMigrations()).sort();
		const migrator = migratorFor(db());
		for (let i = 0; i < names.length; i++) {
			const { error, results } = await migrator.migrateDown();
			expect(error).toBeUndefined();
			expect(results?.map((r) => [r.migrationName, r.status])).toEqual([
				[names[names.length - 1 - i], 'Success']
			]);
		}
		expect((await migrator.migrateDown()).results).toEqual([]);
		expect((await db().introspection.getTables()).map((t) => t.name)).toEqual([]);

		expect(await migrateToLatest(db())).toEqual(names);
		const holidays = await db()
			.selectFrom('holidays')
			.select('name')
			.where('date', '=', '2026-10-01')
			.executeTakeFirst();
		expect(holidays).toEqual({ name: '国庆节' });
		const id = await insertSample(db());
		expect((await readSample(db(), id)).user?.username).toBe('wangfang');
		await audit(db(), { ip: '' }, 'test.write', 'test');
		await expect(db().deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
	});
});

// Comparing the two dialects needs both; without PostgreSQL these tests are not registered.
if (enabledDialects().length === 2) {
	describe('SQLite and PostgreSQL', () => {
		async function onBoth<T>(work: (db: DB) => Promise<T>): Promise<Record<DialectName, T>> {
			const templates = inject('templates');
			const out: Partial<Record<DialectName, T>> = {};
			for (const dialect of ['sqlite', 'postgres'] as const) {
				const t = await createTestDatabase(dialect, templates);
				try {
					out[dialect] = await work(t.db);
				} finally {
					await t.drop();
				}
			}
			return out as Record<DialectName, T>;
		}

		it('have the same tables, columns, nullability and primary keys after migrating', async () => {
			const schemas = await onBoth(async (db) => {
				const keys = await primaryKeys(db);
				const tables = (await db.introspection.getTables())
					.filter((t) => !KYSELY_TABLES.has(t.name))
					.sort((a, b) => a.name.localeCompare(b.name));
				return Object.fromEntries(
					tables.map((t) => {
						const pk = keys.filter((k) => k.table === t.name).map((k) => k.column);
						const columns = t.columns
							.map((c) => {
								// SQLite reports key columns as nullable; the key itself is compared instead.
								const kind = pk.includes(c.name) ? 'key' : c.isNullable ? 'null' : 'not null';
								return [c.name, kind] as const;
							})
							.sort(([a], [b]) => a.localeCompare(b));
						return [t.name, { columns: Object.fromEntries(columns), pk }];
					})
				);
			});
			expect(Object.keys(schemas.sqlite)).toEqual(
				expect.arrayContaining([
					'audit_log',
					'departments',
					'holidays',
					'import_batches',
					'sessions',
					'settings',
					'throttles',
					'user_roles',
					'users'
				])
			);
			expect(schemas.sqlite).toEqual(schemas.postgres);
		});

		it('have the same indexes, each on the same columns and as unique', async () => {
			const found = await onBoth(indexes);
			expect(found.sqlite).toMatchObject({
				users_username_lower_uq: { table: 'users', columns: ['(expression)'], isUnique: true },
				'unique meeting_types(name)': { isUnique: true },
				notifications_unread_ix: { isUnique: false, isPartial: true }
			});
			expect(found.sqlite).not.toHaveProperty('users_username_uq');
			expect(found.sqlite).toEqual(found.postgres);
		});

		it('read back deep-equal values for the same rows', async () => {
			const reads = await onBoth(async (db) => readSample(db, await insertSample(db)));
			expect(reads.sqlite).toEqual(reads.postgres);
		});
	});
}
