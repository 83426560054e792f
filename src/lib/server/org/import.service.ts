import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit } from '../audit';
import { canAdminister, requirePermission } from '../permissions';
import { hashPassword, randomPassword } from '../auth/password';
import type { DB } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { listDepartments } from './departments.repository';
import {
	claimImportBatch,
	deleteUncommittedBatchesBefore,
	findOpenImportBatch,
	insertImportBatch
} from './import-batches.repository';
import { parseRoles, readImportFile, type ImportCells, type ImportColumn } from './import.parse';
import { passwordProblemMessage } from '../auth/password';
import { personSchema, type PersonFields } from './people.schema';
import { checkPersonReferences, insertPerson } from './users.service';
import * as clock from '../clock';
import { inTransaction } from '../db/transaction';

/** A checked import waits this long to be committed; it holds password hashes, so no longer. */
export const STAGED_BATCH_LIFETIME_MS = 24 * 3600_000;

/** Drops the batches previewed more than a day before `now` and never committed. */
export function purgeStaleImportBatches(db: DB, now: Date): Promise<number> {
	const cutoff = new Date(now.getTime() - STAGED_BATCH_LIFETIME_MS).toISOString();
	return deleteUncommittedBatchesBefore(db, cutoff);
}

/** Keeps a clean preview's rows for the commit, clearing out stale ones first. */
async function stageImportBatch(
	db: DB,
	batch: { createdBy: number; fileName: string; rows: string },
	now: Date
): Promise<number> {
	return inTransaction(db, async (trx) => {
		await purgeStaleImportBatches(trx, now);
		return insertImportBatch(trx, {
			...batch,
			fileName: batch.fileName.slice(0, 255),
			createdAt: now.toISOString()
		});
	});
}

/** A row as the preview shows it; the initial password never leaves the server. */
export interface PreviewRow {
	row: number;
	values: Omit<ImportCells, 'password'>;
	errors: string[];
}

export interface ImportPreview {
	/** Only a preview without a bad row is kept for the commit. */
	batchId: number | null;
	rows: PreviewRow[];
	okCount: number;
	badCount: number;
}

export interface ImportResult {
	created: { username: string; name: string; temporaryPassword: string | null }[];
}

/** What the batch keeps between preview and commit: a hash, never the password itself. */
interface StoredRow extends PreviewRow {
	passwordHash: string | null;
}

interface CheckedRow extends PreviewRow {
	person?: PersonFields;
}

const LABELS: Record<ImportColumn, () => string> = {
	username: m.import_col_username,
	name: m.import_col_name,
	department: m.import_col_department,
	title: m.import_col_title,
	precedence: m.import_col_precedence,
	phone: m.import_col_phone,
	email: m.import_col_email,
	workStartDate: m.import_col_work_start_date,
	roles: m.import_col_roles,
	password: m.import_col_password
};

function fieldError(column: ImportColumn, message: string): string {
	return m.import_error_field({ column: LABELS[column](), message });
}

async function activeDepartmentIds(db: DB): Promise<Map<string, number[]>> {
	const byName = new Map<string, number[]>();
	for (const d of await listDepartments(db)) {
		if (d.isActive) byName.set(d.name, [...(byName.get(d.name) ?? []), d.id]);
	}
	return byName;
}

const OPTIONAL_BLANK = { title: '', precedence: 0, phone: '', email: '', workStartDate: '' };

function departmentErrors(name: string, ids: number[]): string[] {
	if (!name) return [fieldError('department', m.err_required())];
	if (!ids.length) return [m.import_department_unknown({ name })];
	if (ids.length > 1) return [m.import_department_ambiguous({ name })];
	return [];
}

/** The person schema's verdict, each message named by the file's column. */
function schemaErrors(input: Record<string, unknown>, rolesExplained: boolean) {
	const parsed = personSchema.safeParse(input);
	const issues = new Map<string, string>();
	for (const issue of parsed.error?.issues ?? []) issues.set(String(issue.path[0]), issue.message);
	const errors: string[] = [];
	for (const [path, message] of issues) {
		// The department and unknown roles were already explained in the file's own terms.
		if (path === 'departmentId' || (path === 'roles' && rolesExplained)) continue;
		errors.push(path in LABELS ? fieldError(path as ImportColumn, message) : message);
	}
	return { person: parsed.data, errors, usernameOk: !issues.has('username') };
}

/** Every reason each row cannot be imported, found the same way at preview and at commit. */
async function checkRows(db: DB, rows: Pick<PreviewRow, 'row' | 'values'>[]) {
	const departments = await activeDepartmentIds(db);
	const firstRow = new Map<string, number>();
	const out: CheckedRow[] = [];
	for (const { row, values } of rows) {
		const ids = departments.get(values.department) ?? [];
		const { roles, unknown } = parseRoles(values.roles);
		const errors = departmentErrors(values.department, ids);
		for (const name of unknown) errors.push(fieldError('roles', m.import_role_unknown({ name })));
		const departmentId = ids.length === 1 ? ids[0] : 0;
		const precedence = values.precedence || undefined;
		const checked = schemaErrors(
			{ ...values, departmentId, roles, precedence },
			unknown.length > 0
		);
		errors.push(...checked.errors);
		if (checked.usernameOk) {
			// A row with other problems is still told that its username is taken.
			const { username, name } = values;
			const probe: PersonFields = { ...OPTIONAL_BLANK, username, name, departmentId, roles };
			const refs = await checkPersonReferences(db, checked.person ?? probe);
			if (refs.username) errors.push(refs.username);
			if (refs.departmentId && checked.person)
				errors.push(fieldError('department', refs.departmentId));
			const key = username.trim().toLowerCase();
			const first = firstRow.get(key);
			if (first) errors.push(m.import_username_duplicate({ row: first }));
			else firstRow.set(key, row);
		}
		out.push({ row, values, errors, person: errors.length ? undefined : checked.person });
	}
	return out;
}

// argon2 runs on libuv's pool; two at a time leaves room for the rest of the server.
const HASH_CONCURRENCY = 2;

async function mapLimit<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await fn(items[i]);
		}
	};
	await Promise.all(Array.from({ length: HASH_CONCURRENCY }, worker));
	return out;
}

/**
 * Checks a file. Only when every row can be imported are the rows kept in a batch for the
 * commit; a file with any bad row, or one that cannot be read, writes nothing at all.
 */
export async function previewImport(
	db: DB,
	actor: Actor,
	fileName: string,
	buffer: Buffer,
	now: Date = clock.now()
): Promise<ImportPreview> {
	requirePermission(actor, canAdminister);
	const raw = await readImportFile(fileName, buffer);
	const rows = raw.map(({ row, cells: { password: _, ...values } }) => ({ row, values }));
	const checked = await checkRows(db, rows);
	for (const [i, r] of checked.entries()) {
		const password = raw[i].cells.password;
		const problem = password ? passwordProblemMessage(password, r.values.username) : null;
		if (problem) r.errors.push(fieldError('password', problem));
	}
	const badCount = checked.filter((r) => r.errors.length).length;
	const preview = checked.map(({ row, values, errors }) => ({ row, values, errors }));
	const summary = { rows: preview, okCount: preview.length - badCount, badCount };
	if (badCount) return { batchId: null, ...summary };
	const hashes = await mapLimit(raw, async (r) =>
		r.cells.password ? hashPassword(r.cells.password) : null
	);
	const stored: StoredRow[] = preview.map((r, i) => ({ ...r, passwordHash: hashes[i] }));
	const batch = { createdBy: actor.id, fileName, rows: JSON.stringify(stored) };
	const batchId = await stageImportBatch(db, batch, now);
	return { batchId, ...summary };
}

/** All or nothing: every row is checked again inside the transaction that inserts them. */
export async function commitImport(db: DB, actor: Actor, batchId: number): Promise<ImportResult> {
	requirePermission(actor, canAdminister);
	const batch = await findOpenImportBatch(db, batchId, actor.id);
	if (!batch) throw new NotFoundError();
	const stored = JSON.parse(batch.rows) as StoredRow[];
	// Batches staged before bad previews stopped being kept may still hold bad rows.
	if (stored.some((r) => r.errors.length)) throw new ValidationError({ _: m.import_has_errors() });
	// Hashing before the transaction keeps it short; generated passwords are returned once.
	const passwords = await mapLimit(stored, async (r) => {
		const plain = r.passwordHash ? null : randomPassword();
		return { plain, hash: r.passwordHash ?? (await hashPassword(plain!)) };
	});
	await inTransaction(db, async (trx) => {
		const claimed = await claimImportBatch(trx, batchId, actor.id, {
			committedAt: clock.nowIso(),
			rows: JSON.stringify(stored.map((r) => ({ ...r, passwordHash: null })))
		});
		// A concurrent commit of the same batch waits for this row's lock, then matches nothing.
		if (!claimed) throw new NotFoundError();
		const checked = await checkRows(trx, stored);
		const bad = checked.filter((r) => r.errors.length);
		if (bad.length) {
			const rows = bad.map((r) =>
				m.import_stale_row({ row: r.row, problems: r.errors.join('；') })
			);
			const more = rows.length > 10 ? '…' : '';
			throw new ValidationError({
				_: m.import_stale({ rows: rows.slice(0, 10).join('；') + more })
			});
		}
		for (const [i, r] of checked.entries()) {
			await insertPerson(trx, actor, r.person!, passwords[i].hash, 'user.import').catch((e) => {
				// The same name saved meanwhile by someone else, after the check above.
				if (!(e instanceof ValidationError) || !e.fields.username) throw e;
				const row = m.import_stale_row({ row: r.row, problems: e.fields.username });
				throw new ValidationError({ _: m.import_stale({ rows: row }) });
			});
		}
		await audit(trx, actor, 'user.import_batch', 'import_batch', batchId, {
			fileName: batch.fileName,
			count: checked.length
		});
	});
	const created = stored.map((r, i) => ({
		username: r.values.username,
		name: r.values.name,
		temporaryPassword: passwords[i].plain
	}));
	return { created };
}
