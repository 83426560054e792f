import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { audit } from '../audit';
import { setClock } from '../clock';
import { connect, connectPostgres, type DB } from '../db/connect';
import { migrateToLatest, migratorFor } from '../db/migrate';
import { inTransaction } from '../db/transaction';
import { loadDemoOrganisation } from '../demo/demo.service';
import { describeEachDialect, type DialectContext } from '../testing/each-dialect';
import { adminQuery, testPostgresUrl, uniqueName, urlForDatabase } from '../testing/databases';
import { newUser } from '../testing/fixtures';
import { primaryKeys } from '../testing/schema-introspection';
import {
	BackupError,
	createBackup,
	listBackups,
	pruneBackups,
	restoreBackup,
	type BackupTarget
} from './backup';

// Backup and restore round trips on both databases: everything that went in comes back,
// table by table and row by row, stored files (BLOBs) included.

let dir: string;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-backup-'));
});
afterEach(async () => {
	for (const c of cleanups.splice(0)) await c();
	fs.rmSync(dir, { recursive: true, force: true });
});

function targetOf(ctx: DialectContext): BackupTarget {
	return ctx.dialect === 'postgres'
		? { databaseUrl: ctx.url(), sqlitePath: '' }
		: { databaseUrl: undefined, sqlitePath: ctx.url() };
}

/** A database that does not exist yet / holds nothing, as on a new machine. */
async function freshTarget(ctx: DialectContext): Promise<BackupTarget> {
	if (ctx.dialect === 'sqlite') {
		return { databaseUrl: undefined, sqlitePath: path.join(dir, 'restored', 'huiban.sqlite') };
	}
	const name = uniqueName('huiban_r');
	await adminQuery(`CREATE DATABASE ${name}`);
	cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
	return { databaseUrl: urlForDatabase(testPostgresUrl()!, name), sqlitePath: '' };
}

function open(t: BackupTarget): DB {
	const db = connect(t);
	cleanups.unshift(() => db.destroy());
	return db;
}

/** Every table's rows, in primary-key order. */
async function dumpTables(db: DB): Promise<Record<string, unknown[]>> {
	const keys = await primaryKeys(db);
	const tables = [...new Set(keys.map((k) => k.table))].sort();
	const out: Record<string, unknown[]> = {};
	for (const table of tables) {
		let q = db.selectFrom(table as 'users').selectAll();
		for (const k of keys.filter((k) => k.table === table)) q = q.orderBy(k.column as 'id');
		out[table] = await q.execute();
	}
	return out;
}

const BLOB = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x00, 0x7f, ...Buffer.from('会议材料', 'utf8')]);

async function fill(db: DB): Promise<void> {
	setClock('2026-06-01T02:00:00.000Z');
	const admin = await newUser(db, { username: 'admin', name: '系统管理员', roles: ['admin'] });
	await loadDemoOrganisation(db, admin.actor);
	const meeting = await db.selectFrom('meetings').select('id').executeTakeFirstOrThrow();
	await db
		.insertInto('meeting_attachments')
		.values({
			meeting_id: meeting.id,
			file_name: '关于加强值班工作的通知（附件）.pdf',
			mime: 'application/pdf',
			size: BLOB.length,
			content: BLOB,
			uploaded_by: admin.id,
			uploaded_at: '2026-06-01T02:00:00.000Z'
		})
		.execute();
}

describeEachDialect('backup and restore', (ctx) => {
	it('restores into a new database exactly what was backed up, every table row by row', async () => {
		const source = ctx.db();
		await fill(source);
		const before = await dumpTables(source);
		expect(Object.keys(before).length).toBeGreaterThan(30);
		expect(before.meetings.length).toBeGreaterThan(0);
		expect(before.duty_assignments.length).toBeGreaterThan(0);

		const backup = await createBackup(targetOf(ctx), dir, new Date('2026-06-01T03:00:00Z'));
		expect(backup.name).toBe(
			`huiban-20260601T030000Z.${ctx.dialect === 'postgres' ? 'dump' : 'sqlite'}`
		);
		expect(backup.bytes).toBeGreaterThan(0);
		expect(listBackups(dir).map((b) => b.name)).toEqual([backup.name]);

		const target = await freshTarget(ctx);
		await restoreBackup(target, backup.file, { overwrite: false });
		const restored = open(target);
		expect(await migrateToLatest(restored)).toEqual([]);
		const after = await dumpTables(restored);
		expect(Object.keys(after)).toEqual(Object.keys(before));
		for (const table of Object.keys(before)) {
			expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
		}
		const file = await restored
			.selectFrom('meeting_attachments')
			.select(['file_name', 'content'])
			.executeTakeFirstOrThrow();
		expect(file.file_name).toBe('关于加强值班工作的通知（附件）.pdf');
		expect(Buffer.compare(Buffer.from(file.content), BLOB)).toBe(0);
		// The restored database goes on: new rows get new ids.
		await inTransaction(restored, (trx) => audit(trx, { ip: '127.0.0.1' }, 'test.after', 'x'));
		const ids = (await restored.selectFrom('audit_log').select('id').execute()).map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('brings an older backup up to date by running the migrations after restoring', async () => {
		const old = await freshTarget(ctx);
		const oldDb = open(old);
		await migratorFor(oldDb).migrateTo('0010_data_stamp');
		if (ctx.dialect === 'sqlite') {
			// The backup is made while the database is open, as with a running server.
			await oldDb.selectFrom('users').select('id').execute();
		}
		const backup = await createBackup(old, dir, new Date('2026-06-01T03:00:00Z'));
		const target = await freshTarget(ctx);
		if (ctx.dialect === 'sqlite') target.sqlitePath = path.join(dir, 'new', 'huiban.sqlite');
		await restoreBackup(target, backup.file, { overwrite: false });
		const applied = await migrateToLatest(open(target));
		expect(applied[0]).toBe('0011_minutes');
		expect(applied).toContain('0021_audit_retention');
	});

	it('refuses a file that is not a backup, and a backup of the other database, changing nothing', async () => {
		const db = ctx.db();
		const user = await newUser(db, { name: '王芳' });
		const notBackup = path.join(dir, 'notes.txt');
		fs.writeFileSync(notBackup, '这不是备份\n');
		const target = targetOf(ctx);
		await expect(restoreBackup(target, notBackup, { overwrite: true })).rejects.toThrow(
			/不是会办的备份文件/
		);
		const other = path.join(dir, ctx.dialect === 'postgres' ? 'x.sqlite' : 'x.dump');
		fs.writeFileSync(
			other,
			ctx.dialect === 'postgres' ? 'SQLite format 3\0 and more' : 'PGDMP\x01\x0e\x00'
		);
		await expect(restoreBackup(target, other, { overwrite: true })).rejects.toThrow(
			ctx.dialect === 'postgres' ? /这是 SQLite 备份/ : /这是 PostgreSQL 备份/
		);
		await expect(
			restoreBackup(target, path.join(dir, 'missing.dump'), { overwrite: true })
		).rejects.toThrow(/找不到备份文件/);
		const still = await db.selectFrom('users').select('name').where('id', '=', user.id).execute();
		expect(still).toEqual([{ name: '王芳' }]);
	});

	it('refuses to overwrite a database holding data without --yes, and overwrites it with', async () => {
		const db = ctx.db();
		const kept = await newUser(db, { name: '备份前的人' });
		const backup = await createBackup(targetOf(ctx), dir, new Date('2026-06-01T03:00:00Z'));
		await newUser(db, { name: '备份后的人' });
		const target = targetOf(ctx);
		const refusal = restoreBackup(target, backup.file, { overwrite: false });
		await expect(refusal).rejects.toBeInstanceOf(BackupError);
		await expect(refusal).rejects.toThrow(/目标数据库已有数据.*--yes/);
		expect((await db.selectFrom('users').select('id').execute()).length).toBe(2);

		if (ctx.dialect === 'sqlite') {
			// The server (here: the test's own connection) still has the file open.
			await expect(restoreBackup(target, backup.file, { overwrite: true })).rejects.toThrow(
				/正被使用.*停止/
			);
			await db.destroy();
		}
		await restoreBackup(target, backup.file, { overwrite: true });
		const after = ctx.dialect === 'sqlite' ? open(target) : connectPostgres(ctx.url(), 1);
		if (ctx.dialect === 'postgres') cleanups.unshift(() => after.destroy());
		const names = (await after.selectFrom('users').select('name').execute()).map((u) => u.name);
		expect(names).toEqual([kept.name]);
	});

	it('restores an older backup over a newer database with data (undoing an upgrade)', async () => {
		const old = await freshTarget(ctx);
		const oldDb = open(old);
		await migratorFor(oldDb).migrateTo('0010_data_stamp');
		await newUser(oldDb, { name: '旧库里的人' });
		const backup = await createBackup(old, dir, new Date('2026-06-01T03:00:00Z'));
		const db = ctx.db();
		await newUser(db, { name: '新库里的人' });
		if (ctx.dialect === 'sqlite') await db.destroy();
		const target = targetOf(ctx);
		await restoreBackup(target, backup.file, { overwrite: true });
		const restored = open(target);
		expect(await migrateToLatest(restored)).toContain('0021_audit_retention');
		const names = (await restored.selectFrom('users').select('name').execute()).map((u) => u.name);
		expect(names).toEqual(['旧库里的人']);
	});

	it('a damaged backup changes nothing', async () => {
		const db = ctx.db();
		await newUser(db, { name: '李明' });
		const backup = await createBackup(targetOf(ctx), dir, new Date('2026-06-01T03:00:00Z'));
		const damaged = path.join(dir, `damaged-${backup.name}`);
		const bytes = fs.readFileSync(backup.file);
		fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
		await newUser(db, { name: '赵强' });
		if (ctx.dialect === 'sqlite') await db.destroy();
		const target = targetOf(ctx);
		await expect(restoreBackup(target, damaged, { overwrite: true })).rejects.toBeInstanceOf(
			BackupError
		);
		const after = open(target);
		const names = (await after.selectFrom('users').select('name').orderBy('id').execute()).map(
			(u) => u.name
		);
		expect(names).toEqual(['李明', '赵强']);
	});

	it('keeps the newest backups and deletes the rest', async () => {
		const t = targetOf(ctx);
		for (const h of ['01', '02', '03', '04']) {
			await createBackup(t, dir, new Date(`2026-06-0${h.slice(1)}T02:00:00Z`));
		}
		expect(pruneBackups(dir, 2).sort()).toEqual(
			['huiban-20260601T020000Z', 'huiban-20260602T020000Z'].map(
				(n) => `${n}.${ctx.dialect === 'postgres' ? 'dump' : 'sqlite'}`
			)
		);
		expect(listBackups(dir).map((b) => b.at)).toEqual([
			'2026-06-04T02:00:00.000Z',
			'2026-06-03T02:00:00.000Z'
		]);
	});
});
