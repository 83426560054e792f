import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { verifyAuditExport } from '../../../scripts/verify-audit.js';
import { insertAuditRows } from './audit.repository';
import { exportAuditLog, findExportKey } from './audit-export';
import { setClock } from './clock';
import type { DB } from './db';
import { auditRows } from './testing/audit-rows';
import { describeEachDialect } from './testing/each-dialect';
import { newUser } from './testing/fixtures';
import { inParallel, wideDbPerTest } from './testing/parallel';
import { refusal } from './testing/refusal';
import { newMeeting } from './testing/meeting-fixtures';
import { CLASSIFIED_LABEL } from '$lib/domain/invite';

// The period 2026-11-01 – 2026-11-30 in the office's zone (Asia/Shanghai) is
// 2026-10-31T16:00Z up to 2026-11-30T16:00Z.
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const ROWS = [
	{ at: '2026-10-31T15:59:59.999Z', name: '期前' },
	{ at: '2026-10-31T16:00:00.000Z', name: '张三' },
	{ at: '2026-11-15T03:00:00.000Z', name: '李四' },
	{ at: '2026-11-30T15:59:59.999Z', name: '王五' },
	{ at: '2026-11-30T16:00:00.000Z', name: '期后' }
];

async function seed(db: DB) {
	await insertAuditRows(
		db,
		ROWS.map((r, i) => ({
			at: r.at,
			actor_id: null,
			actor_name: r.name,
			ip: `10.0.0.${i + 1}`,
			action: 'user.update',
			entity: 'user',
			entity_id: String(i + 1),
			changes: JSON.stringify({ name: ['旧名', `${r.name}（新）`] })
		}))
	);
	setClock('2026-12-06T02:00:00.000Z');
	return newUser(db, { name: '安全审计员', roles: ['auditor'] });
}

const IN_PERIOD = ['张三', '李四', '王五'];

describeEachDialect('audit export', (ctx) => {
	it('exports exactly the period as signed JSON lines that verify with the key on /audit', async () => {
		const db = ctx.db();
		const auditor = await seed(db);
		expect(await findExportKey(db)).toBeNull();
		const file = await exportAuditLog(db, auditor.actor, PERIOD, 'jsonl');
		const text = file.body.toString('utf8');
		const lines = text
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(lines[0]).toMatchObject({ format: 'huiban-audit-export', ...PERIOD, count: 3 });
		expect(lines.slice(1, -1).map((l) => l.actor_name)).toEqual(IN_PERIOD);
		expect(lines[2].changes).toEqual({ name: ['旧名', '李四（新）'] });
		expect(file.filename).toBe('huiban-audit-2026-11-01-2026-11-30.jsonl');

		const key = await findExportKey(db);
		expect(key).not.toBeNull();
		expect(verifyAuditExport(text, key!.publicKey)).toMatchObject({ ok: true, count: 3 });
		expect(lines.at(-1).fingerprint).toBe(key!.fingerprint);

		const exports = await auditRows(db, 'audit.export');
		expect(exports.map((r) => [r.actorName, r.changes])).toEqual([
			['安全审计员', { ...PERIOD, format: 'jsonl', count: 3 }]
		]);
		expect(await auditRows(db, 'audit.export_key')).toHaveLength(1);
	});

	it('a changed, removed or re-signed line fails verification', async () => {
		const db = ctx.db();
		const auditor = await seed(db);
		const text = (await exportAuditLog(db, auditor.actor, PERIOD, 'jsonl')).body.toString('utf8');
		const key = (await findExportKey(db))!.publicKey;
		const lines = text.split('\n');

		const changed = [...lines];
		changed[2] = changed[2].replace('李四', '赵六');
		expect(verifyAuditExport(changed.join('\n'), key)).toMatchObject({ ok: false, line: 4 });

		const removed = lines.filter((_, i) => i !== 2);
		expect(verifyAuditExport(removed.join('\n'), key)).toMatchObject({ ok: false });

		// Someone who rebuilds the chain after a change lacks the private key: the old signature
		// does not cover the new head, and a signature of their own is not by the office's key.
		const sha = (t: string) => crypto.createHash('sha256').update(t, 'utf8').digest('hex');
		const rebuilt = [...changed.filter((l) => l)];
		for (let i = 1; i < rebuilt.length; i++) {
			const o = JSON.parse(rebuilt[i]);
			o.prev = sha(rebuilt[i - 1]);
			if (i === rebuilt.length - 1) {
				const own = crypto.generateKeyPairSync('ed25519');
				const forged = { ...o, public_key: own.publicKey.export({ type: 'spki', format: 'pem' }) };
				const signed = {
					...forged,
					signature: crypto.sign(null, Buffer.from(o.prev), own.privateKey).toString('base64')
				};
				const withOwnKey = [...rebuilt.slice(0, i), JSON.stringify(signed)].join('\n');
				expect(verifyAuditExport(withOwnKey, key)).toMatchObject({ ok: false, line: 5 });
				const ownCheck = verifyAuditExport(withOwnKey);
				expect(ownCheck.ok && ownCheck.fingerprint).not.toBe(
					(await findExportKey(db))!.fingerprint
				);
			}
			rebuilt[i] = JSON.stringify(o);
		}
		expect(verifyAuditExport(rebuilt.join('\n'), key)).toMatchObject({ ok: false, line: 5 });
		expect(verifyAuditExport('{"format":"x"}\n{}\n', key)).toMatchObject({ ok: false, line: 1 });
	});

	it('exports the period as .xlsx with one row per entry', async () => {
		const db = ctx.db();
		const auditor = await seed(db);
		const file = await exportAuditLog(db, auditor.actor, PERIOD, 'xlsx');
		expect(file.filename).toBe('huiban-audit-2026-11-01-2026-11-30.xlsx');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(file.body as unknown as ArrayBuffer);
		const ws = wb.worksheets[0];
		const names = [];
		for (let r = 3; r <= ws.rowCount; r++) names.push(ws.getRow(r).getCell(3).value);
		expect(names).toEqual(IN_PERIOD);
		expect(ws.getRow(3).getCell(2).value).toBe('2026-11-01 00:00');
		expect(await auditRows(db, 'audit.export')).toHaveLength(1);
	});

	it('masks a classified meeting’s content as the audit page does', async () => {
		const db = ctx.db();
		const auditor = await seed(db);
		const office = await newUser(db, { roles: ['office'] });
		const meetingId = await newMeeting(db, { createdBy: office.id, classification: 'secret' });
		await insertAuditRows(db, [
			{
				at: '2026-11-20T02:00:00.000Z',
				actor_id: office.id,
				actor_name: office.name,
				ip: '',
				action: 'meeting.update',
				entity: 'meeting',
				entity_id: String(meetingId),
				changes: JSON.stringify({ title: ['旧题目', '绝密议题'] })
			}
		]);
		const text = (await exportAuditLog(db, auditor.actor, PERIOD, 'jsonl')).body.toString('utf8');
		expect(text).not.toContain('绝密议题');
		const row = text
			.split('\n')
			.filter((l) => l.includes('meeting.update'))
			.map((l) => JSON.parse(l));
		expect(row[0].changes).toEqual({ title: [CLASSIFIED_LABEL, CLASSIFIED_LABEL] });
	});

	it('the administrator and the office cannot export (三员分立)', async () => {
		const db = ctx.db();
		await seed(db);
		for (const role of ['admin', 'office', 'leader'] as const) {
			const u = await newUser(db, { roles: [role] });
			for (const format of ['xlsx', 'jsonl'] as const) {
				expect((await refusal(exportAuditLog(db, u.actor, PERIOD, format))).name).toBe(
					'ForbiddenError'
				);
			}
		}
		expect(await auditRows(db, 'audit.export')).toEqual([]);
		expect(await findExportKey(db)).toBeNull();
	});

	it('refuses a period without dates or ending before it starts', async () => {
		const db = ctx.db();
		const auditor = await seed(db);
		expect(
			(await refusal(exportAuditLog(db, auditor.actor, { from: '', to: '2026-11-30' }, 'xlsx')))
				.fields
		).toEqual({ from: '此项必填' });
		expect(
			(
				await refusal(
					exportAuditLog(db, auditor.actor, { from: '2026-11-30', to: '2026-11-01' }, 'xlsx')
				)
			).fields
		).toEqual({ to: '结束日期不能早于开始日期' });
		expect(await auditRows(db, 'audit.export')).toEqual([]);
	});
});

describeEachDialect('audit export, first exports at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, 10);

	it('makes one signing key, and every export verifies with it', async () => {
		const auditor = await seed(ctx.db());
		const db = openWide();
		const { ok, errors } = await inParallel(10, () =>
			exportAuditLog(db, auditor.actor, PERIOD, 'jsonl')
		);
		expect(errors).toEqual([]);
		const key = (await findExportKey(ctx.db()))!.publicKey;
		for (const f of ok) expect(verifyAuditExport(f.body.toString('utf8'), key).ok).toBe(true);
		expect(await auditRows(ctx.db(), 'audit.export_key')).toHaveLength(1);
		expect(await auditRows(ctx.db(), 'audit.export')).toHaveLength(10);
	});
});
