import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { dialectOf, type DialectName } from '../db/connect';

// Backups of the whole database — stored files (meeting attachments, 督办 files, leave proofs)
// are BLOBs in it, so one file holds everything. SQLite through the online backup API (safe
// while the server runs), PostgreSQL through pg_dump's custom format. Used by
// `npm run backup` / `npm run restore FILE` and the nightly tick (backup.service.ts).

const run = promisify(execFile);

/** A refusal the command line shows as it is (Chinese first, then English). */
export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

export interface BackupTarget {
	/** DATABASE_URL when PostgreSQL, else undefined. */
	databaseUrl: string | undefined;
	sqlitePath: string;
}

export interface BackupFile {
	name: string;
	file: string;
	bytes: number;
	/** When it was made (UTC, ISO), read from the name. */
	at: string;
	dialect: DialectName;
}

const NAME = /^huiban-(\d{8}T\d{6}Z)\.(sqlite|dump)$/;
const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_MAGIC = 'PGDMP';

export function targetDialect(t: BackupTarget): DialectName {
	return t.databaseUrl && dialectOf(t.databaseUrl) === 'postgres' ? 'postgres' : 'sqlite';
}

/** BACKUP_DIR, or `backups` in DATA_DIR. */
export function backupDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.BACKUP_DIR?.trim() || path.join(dataDir, 'backups'));
}

/** 2026-12-06T01:43:07.123Z → 20261206T014307Z */
export function backupStamp(at: Date): string {
	return at
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}

function stampToIso(stamp: string): string {
	const s = stamp;
	return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.000Z`;
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): BackupFile[] {
	if (!fs.existsSync(dir)) return [];
	const out: BackupFile[] = [];
	for (const name of fs.readdirSync(dir)) {
		const match = NAME.exec(name);
		if (!match) continue;
		const file = path.join(dir, name);
		const stat = fs.statSync(file);
		if (!stat.isFile()) continue;
		out.push({
			name,
			file,
			bytes: stat.size,
			at: stampToIso(match[1]),
			dialect: match[2] === 'dump' ? 'postgres' : 'sqlite'
		});
	}
	return out.sort((a, b) => b.name.localeCompare(a.name));
}

/** Deletes the oldest backups beyond the newest `keep`; returns the names deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
	const old = listBackups(dir).slice(Math.max(1, keep));
	for (const b of old) fs.rmSync(b.file, { force: true });
	return old.map((b) => b.name);
}

/** pg_dump / pg_restore get the password through the environment, never on the command line. */
function pgArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
	const u = new URL(url);
	const env: NodeJS.ProcessEnv = { ...process.env };
	if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
	u.password = '';
	return { dbname: u.toString(), env };
}

function pgTool(name: 'pg_dump' | 'pg_restore'): string {
	return process.env[name === 'pg_dump' ? 'PG_DUMP' : 'PG_RESTORE']?.trim() || name;
}

async function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv) {
	try {
		await run(pgTool(tool), args, { env, maxBuffer: 16 * 1024 * 1024 });
	} catch (e) {
		const err = e as NodeJS.ErrnoException & { stderr?: string };
		if (err.code === 'ENOENT') {
			throw new BackupError(
				`找不到 ${tool}，请安装 PostgreSQL 客户端（Debian: apt-get install postgresql-client）。 / ${tool} not found: install the PostgreSQL client tools.`
			);
		}
		throw new BackupError(`${tool} 失败 / ${tool} failed: ${(err.stderr || err.message).trim()}`);
	}
}

/**
 * Writes `huiban-<UTC stamp>.sqlite|dump` into `dir` and returns it. The file appears under its
 * name only when complete (written beside it, then renamed).
 */
export async function createBackup(
	target: BackupTarget,
	dir: string,
	at: Date
): Promise<BackupFile> {
	fs.mkdirSync(dir, { recursive: true });
	const dialect = targetDialect(target);
	const name = `huiban-${backupStamp(at)}.${dialect === 'postgres' ? 'dump' : 'sqlite'}`;
	const file = path.join(dir, name);
	if (fs.existsSync(file)) throw new BackupError(`备份已存在 / backup exists already: ${file}`);
	const partial = `${file}.partial`;
	try {
		if (dialect === 'postgres') {
			const { dbname, env } = pgArgs(target.databaseUrl!);
			await runTool('pg_dump', ['-Fc', '--no-owner', '-f', partial, '--dbname', dbname], env);
		} else {
			if (!fs.existsSync(target.sqlitePath)) {
				throw new BackupError(`数据库文件不存在 / database file not found: ${target.sqlitePath}`);
			}
			const source = new SQLite(target.sqlitePath, { fileMustExist: true });
			try {
				source.pragma('busy_timeout = 5000');
				await source.backup(partial);
			} finally {
				source.close();
			}
		}
		fs.renameSync(partial, file);
	} finally {
		fs.rmSync(partial, { force: true });
	}
	return { name, file, bytes: fs.statSync(file).size, at: at.toISOString(), dialect };
}

/** What a file is, by its first bytes: a SQLite database, a pg_dump archive, or neither. */
export function backupKind(file: string): DialectName | null {
	const fd = fs.openSync(file, 'r');
	try {
		const head = Buffer.alloc(16);
		const n = fs.readSync(fd, head, 0, 16, 0);
		const text = head.subarray(0, n).toString('latin1');
		if (text === SQLITE_MAGIC) return 'sqlite';
		if (text.startsWith(PG_MAGIC)) return 'postgres';
		return null;
	} finally {
		fs.closeSync(fd);
	}
}

const NOT_A_BACKUP = (file: string) =>
	`不是会办的备份文件：${file}（应为 npm run backup 生成的 huiban-….sqlite 或 huiban-….dump）。 / Not a Huiban backup: ${file}.`;

/** Checks the file is a backup of the target's kind; throws a BackupError saying why not. */
export function checkBackupFile(file: string, dialect: DialectName): void {
	if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
		throw new BackupError(`找不到备份文件 / backup file not found: ${file}`);
	}
	const kind = backupKind(file);
	if (!kind) throw new BackupError(NOT_A_BACKUP(file));
	if (kind !== dialect) {
		throw new BackupError(
			kind === 'sqlite'
				? `这是 SQLite 备份，而当前数据库是 PostgreSQL（设置了 DATABASE_URL）。 / A SQLite backup cannot be restored into PostgreSQL.`
				: `这是 PostgreSQL 备份，而当前数据库是 SQLite（未设置 DATABASE_URL）。 / A PostgreSQL backup cannot be restored into SQLite.`
		);
	}
	if (kind === 'sqlite') {
		let ok = false;
		try {
			const db = new SQLite(file, { readonly: true, fileMustExist: true });
			try {
				const row = db
					.prepare(
						"SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('kysely_migration', 'users', 'audit_log')"
					)
					.get() as { n: number };
				const check = db.pragma('quick_check', { simple: true });
				ok = row.n === 3 && check === 'ok';
			} finally {
				db.close();
			}
		} catch {
			ok = false;
		}
		if (!ok) throw new BackupError(NOT_A_BACKUP(file));
	}
}

/** How many tables the target database has (0: empty or missing, safe to restore into). */
export async function countTargetTables(target: BackupTarget): Promise<number> {
	if (targetDialect(target) === 'postgres') {
		const client = new pg.Client({ connectionString: target.databaseUrl });
		await client.connect();
		try {
			const r = await client.query<{ n: string }>(
				`SELECT count(*) AS n FROM information_schema.tables
				 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
			);
			return Number(r.rows[0].n);
		} finally {
			await client.end();
		}
	}
	if (!fs.existsSync(target.sqlitePath) || fs.statSync(target.sqlitePath).size === 0) return 0;
	const db = new SQLite(target.sqlitePath, { readonly: true, fileMustExist: true });
	try {
		const row = db
			.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
			.get() as { n: number };
		return row.n;
	} finally {
		db.close();
	}
}

/**
 * Whether another connection has the SQLite file open (a running server): leaving WAL mode
 * needs the only connection, so it fails at once while anyone else holds the file.
 */
function sqliteInUse(file: string): boolean {
	if (!fs.existsSync(file)) return false;
	const db = new SQLite(file, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 0');
		const mode = db.pragma('journal_mode = DELETE', { simple: true });
		return mode !== 'delete';
	} catch {
		return true;
	} finally {
		db.close();
	}
}

export interface RestoreOptions {
	/** --yes: overwrite a database that holds data. */
	overwrite: boolean;
}

/**
 * Puts a backup in place of the target database; the caller then runs the migrations, so an
 * older backup comes up to date. SQLite: the server must be stopped (checked); the file is
 * replaced by an atomic rename. PostgreSQL: pg_restore into an empty database, or, over one
 * that holds data, pg_restore --clean --if-exists --no-owner run by psql after dropping the
 * schema's tables and functions — either way in one transaction (all or nothing).
 */
export async function restoreBackup(
	target: BackupTarget,
	file: string,
	o: RestoreOptions
): Promise<void> {
	const dialect = targetDialect(target);
	checkBackupFile(file, dialect);
	const tables = await countTargetTables(target);
	if (tables > 0 && !o.overwrite) {
		throw new BackupError(
			`目标数据库已有数据（${tables} 张表）。恢复将用备份覆盖其中的全部内容；确认无误请加 --yes 再运行。 / The target database holds data (${tables} tables); restoring replaces all of it. Run again with --yes to confirm.`
		);
	}
	if (dialect === 'postgres') {
		const { dbname, env } = pgArgs(target.databaseUrl!);
		if (tables === 0) {
			await runTool(
				'pg_restore',
				['--no-owner', '--single-transaction', '--exit-on-error', '--dbname', dbname, file],
				env
			);
		} else {
			// Overwriting: the database may hold tables a newer version made that the backup does
			// not know (restoring after an upgrade); --clean drops only what the backup holds, and
			// the migrations would then find those tables in their way. So everything of the
			// schema is dropped first, in the same transaction as the restore.
			const drops = await schemaDropStatements(target.databaseUrl!);
			await pgRestoreThroughPsql(file, dbname, env, drops);
		}
		return;
	}
	if (sqliteInUse(target.sqlitePath)) {
		throw new BackupError(
			`数据库文件正被使用（服务器可能仍在运行）。请先停止会办服务器，再恢复。 / The database file is in use (is the server running?). Stop the server first.`
		);
	}
	const dest = target.sqlitePath;
	fs.mkdirSync(path.dirname(dest), { recursive: true });
	const incoming = `${dest}.restoring`;
	fs.copyFileSync(file, incoming);
	const fd = fs.openSync(incoming, 'r+');
	fs.fsyncSync(fd);
	fs.closeSync(fd);
	// The old file's journal belongs to the old contents.
	for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(dest + suffix, { force: true });
	fs.renameSync(incoming, dest);
}

/** DROP statements for every table, sequence and function of the database's schema. */
async function schemaDropStatements(url: string): Promise<string> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const r = await client.query<{ stmt: string }>(`
			SELECT format('DROP TABLE IF EXISTS %I.%I CASCADE;', schemaname, tablename) AS stmt
			FROM pg_tables WHERE schemaname = current_schema()
			UNION ALL
			SELECT format('DROP SEQUENCE IF EXISTS %I.%I CASCADE;', schemaname, sequencename)
			FROM pg_sequences WHERE schemaname = current_schema()
			UNION ALL
			SELECT format('DROP FUNCTION IF EXISTS %s CASCADE;', p.oid::regprocedure)
			FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			WHERE n.nspname = current_schema()
				AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`);
		return r.rows.map((row) => row.stmt).join('\n') + '\n';
	} finally {
		await client.end();
	}
}

/**
 * pg_restore --clean --if-exists --no-owner writes the restore as SQL, which psql runs after
 * `prelude` in one transaction that stops at the first error: all or nothing. Streamed, so a
 * large backup (stored files) never sits in memory.
 */
function pgRestoreThroughPsql(
	file: string,
	dbname: string,
	env: NodeJS.ProcessEnv,
	prelude: string
): Promise<void> {
	return new Promise((resolve, reject) => {
		const quiet = { ...env, PGOPTIONS: '-c client_min_messages=warning' };
		const restore = spawn(
			pgTool('pg_restore'),
			['--clean', '--if-exists', '--no-owner', '-f', '-', file],
			{ env: quiet, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		const psql = spawn(
			process.env.PSQL?.trim() || 'psql',
			['--no-psqlrc', '--quiet', '-v', 'ON_ERROR_STOP=1', '--dbname', dbname],
			{ env: quiet, stdio: ['pipe', 'ignore', 'pipe'] }
		);
		let restoreErr = '';
		let psqlErr = '';
		restore.stderr.on('data', (d) => (restoreErr += d));
		psql.stderr.on('data', (d) => (psqlErr += d));
		let failed = false;
		const fail = (e: Error) => {
			if (failed) return;
			failed = true;
			restore.kill();
			psql.kill();
			reject(e);
		};
		const missing = (tool: string) => (e: NodeJS.ErrnoException) =>
			fail(
				e.code === 'ENOENT'
					? new BackupError(
							`找不到 ${tool}，请安装 PostgreSQL 客户端（Debian: apt-get install postgresql-client）。 / ${tool} not found: install the PostgreSQL client tools.`
						)
					: e
			);
		restore.on('error', missing('pg_restore'));
		psql.on('error', missing('psql'));
		psql.stdin.on('error', () => {});
		// The transaction is ours: COMMIT goes in only once pg_restore has written everything, so
		// a restore cut short (a broken file) is rolled back when psql's connection ends.
		psql.stdin.write('BEGIN;\n' + prelude);
		restore.stdout.pipe(psql.stdin, { end: false });
		const closed = (p: ReturnType<typeof spawn>) =>
			new Promise<number | null>((done) => p.on('close', (code) => done(code)));
		const restoreDone = closed(restore).then((code) => {
			if (code === 0) psql.stdin.end('COMMIT;\n');
			else
				fail(
					new BackupError(
						`pg_restore 失败，数据库未改动 / pg_restore failed, nothing changed: ${restoreErr.trim()}`
					)
				);
		});
		void Promise.all([restoreDone, closed(psql)]).then(([, psqlCode]) => {
			if (psqlCode !== 0) {
				fail(
					new BackupError(
						`恢复失败，数据库未改动 / restore failed, nothing changed: ${psqlErr.trim()}`
					)
				);
			} else if (!failed) resolve();
		});
	});
}

/** 12.3 MB — sizes as the command line and the backup page print them. */
export function formatBytes(n: number): string {
	if (n < 1024) return `${n} B`;
	if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
	if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
	return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
