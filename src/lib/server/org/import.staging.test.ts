import { expect, it } from 'vitest';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { runTicks } from '../jobs/scheduler';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount } from '../testing/fixtures';
import { previewImport, purgeStaleImportBatches } from './import.service';
import { HEADER, setup, userCount, xlsx } from './import.test-helpers';

const NOW = new Date('2026-03-10T08:00:00.000Z');
const HOUR = 3600_000;

async function counts(db: DB) {
	const batches = await db.selectFrom('import_batches').select('id').execute();
	return { users: await userCount(db), batches: batches.length, audits: await auditCount(db) };
}

/** A batch as a preview `hoursAgo` before NOW left it. */
async function stagedBatch(db: DB, createdBy: number, hoursAgo: number, committed = false) {
	const at = new Date(NOW.getTime() - hoursAgo * HOUR).toISOString();
	const r = await db
		.insertInto('import_batches')
		.values({
			created_by: createdBy,
			file_name: `${hoursAgo}h.xlsx`,
			rows: '[]',
			created_at: at,
			committed_at: committed ? at : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

async function batchNames(db: DB) {
	const rows = await db.selectFrom('import_batches').select('file_name').orderBy('id').execute();
	return rows.map((r) => r.file_name);
}

describeEachDialect('people import staging', ({ db }) => {
	it('writes nothing for a file that cannot be read', async () => {
		const { admin } = await setup(db());
		const before = await counts(db());
		const e = await previewImport(db(), admin, '人员.xlsx', Buffer.from('not a workbook'), NOW)
			.then(() => null)
			.catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		expect(e.fields).toEqual({ file: '无法读取文件，请确认它是有效的 .xlsx 或 .csv 文件' });
		expect(await counts(db())).toEqual(before);
	});

	it('writes nothing for a file with a bad row, not even the good rows or their passwords', async () => {
		const { admin } = await setup(db());
		const before = await counts(db());
		const file = await xlsx([
			HEADER,
			['good1', '好人', '办公室', '', '', '', '', '', '', 'Import-Pass-9'],
			['bad1', '坏人', '不存在的科', '', '', '', '', '', '', '']
		]);
		const preview = await previewImport(db(), admin, 'a.xlsx', file, NOW);
		expect(preview).toMatchObject({ batchId: null, okCount: 1, badCount: 1 });
		expect(await counts(db())).toEqual(before);
	});

	it('keeps a clean preview, and clears out previews older than a day when it does', async () => {
		const { admin } = await setup(db());
		await stagedBatch(db(), admin.id, 25);
		await stagedBatch(db(), admin.id, 23);
		await stagedBatch(db(), admin.id, 48, true);
		const file = await xlsx([HEADER, ['fresh', '新人', '办公室']]);
		const preview = await previewImport(db(), admin, 'new.xlsx', file, NOW);
		expect(preview.batchId).toEqual(expect.any(Number));
		expect(await batchNames(db())).toEqual(['23h.xlsx', '48h.xlsx', 'new.xlsx']);
	});

	it('purges only uncommitted batches older than a day, from the scheduler tick too', async () => {
		const { admin } = await setup(db());
		await stagedBatch(db(), admin.id, 24.01);
		await stagedBatch(db(), admin.id, 23.99);
		await stagedBatch(db(), admin.id, 30, true);
		const audits = await auditCount(db());
		expect(await purgeStaleImportBatches(db(), NOW)).toBe(1);
		expect(await batchNames(db())).toEqual(['23.99h.xlsx', '30h.xlsx']);
		expect(await purgeStaleImportBatches(db(), NOW)).toBe(0);

		// The scheduler's tick, run a day later: the batch from 23.99 h before NOW goes too.
		await runTicks(db(), new Date(NOW.getTime() + 24 * HOUR));
		expect(await batchNames(db())).toEqual(['30h.xlsx']);
		expect(await auditCount(db())).toBe(audits);
	});
});
