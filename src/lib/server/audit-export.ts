import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { actionLabel } from '$lib/audit-vocabulary';
import { formatInstant } from '$lib/format';
import type { Actor } from './actor';
import { audit, auditExport } from './audit';
import { searchAuditLog } from './audit.service';
import * as clock from './clock';
import type { DB } from './db';
import { lockName } from './db/locks';
import { inTransaction } from './db/transaction';
import { ValidationError } from './errors';
import { isoDate } from './fields';
import { canManageAuditRecords, requirePermission } from './permissions';
import { getSettings, readSettingGroup, writeSettingGroup } from './settings/settings.service';
import { parseInput } from './validation';

// 等保: the security auditor takes the audit log of a period out of the app — as .xlsx to
// read, and as signed JSON lines to keep: every line carries `prev`, the SHA-256 of the line
// before it, and the last line an Ed25519 signature over the chain's head. The key pair is made
// once and kept in the settings; its public key is shown on /audit, and
// `node scripts/verify-audit.js FILE` checks a file (see that script for the format).

export const EXPORT_FORMATS = ['xlsx', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Most rows one export holds; a longer period is refused with a message to shorten it. */
export const MAX_EXPORT_ROWS = 200_000;

export const exportPeriodSchema = z.object({
	from: isoDate(() => m.audit_err_export_date()),
	to: isoDate(() => m.audit_err_export_date())
});
export type ExportPeriodInput = z.input<typeof exportPeriodSchema>;

/** The period's field errors ({} when it is fine): both dates, and `to` not before `from`. */
export function exportPeriodProblems(input: ExportPeriodInput): Record<string, string> {
	try {
		const p = parseInput(exportPeriodSchema, input);
		return p.to < p.from ? { to: m.audit_err_export_order() } : {};
	} catch (e) {
		if (e instanceof ValidationError) return e.fields;
		throw e;
	}
}

const PREFIX = 'audit';
const GENESIS = '0'.repeat(64);

export interface ExportKey {
	/** SPKI, PEM. */
	publicKey: string;
	/** SHA256:… of the DER public key, to compare by eye. */
	fingerprint: string;
}

export function keyFingerprint(publicKeyPem: string): string {
	const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
	const hex = crypto.createHash('sha256').update(der).digest('hex');
	return 'SHA256:' + hex.match(/.{4}/g)!.join(' ');
}

/** The export key, if it was made yet (shown on /audit). */
export async function findExportKey(db: DB): Promise<ExportKey | null> {
	const raw = await readSettingGroup(db, PREFIX);
	if (!raw.export_public_key) return null;
	return { publicKey: raw.export_public_key, fingerprint: keyFingerprint(raw.export_public_key) };
}

/** The signing key pair, made on the first export (one pair however many export at once). */
async function exportKeyPair(
	db: DB,
	actor: Actor
): Promise<{ publicKey: string; privateKey: string }> {
	const stored = async (q: DB) => {
		const raw = await readSettingGroup(q, PREFIX);
		return raw.export_public_key && raw.export_private_key
			? { publicKey: raw.export_public_key, privateKey: raw.export_private_key }
			: null;
	};
	return (
		(await stored(db)) ??
		inTransaction(db, async (trx) => {
			await lockName(trx, 'settings');
			const again = await stored(trx);
			if (again) return again;
			const pair = crypto.generateKeyPairSync('ed25519', {
				publicKeyEncoding: { type: 'spki', format: 'pem' },
				privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
			});
			await writeSettingGroup(trx, PREFIX, {
				export_public_key: pair.publicKey,
				export_private_key: pair.privateKey
			});
			await audit(trx, actor, 'audit.export_key', 'settings', null, {
				fingerprint: keyFingerprint(pair.publicKey)
			});
			return pair;
		})
	);
}

type Entry = Awaited<ReturnType<typeof searchAuditLog>>['entries'][number];

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** The signed JSON lines: a header, one line per row (oldest first), the signature. */
export function signedJsonLines(
	header: Record<string, unknown>,
	entries: Entry[],
	privateKeyPem: string,
	publicKeyPem: string
): string {
	const lines = [JSON.stringify({ ...header, count: entries.length, prev: GENESIS })];
	for (const e of entries) {
		lines.push(
			JSON.stringify({
				id: e.id,
				at: e.at,
				actor_name: e.actorName,
				ip: e.ip,
				action: e.action,
				entity: e.entity,
				entity_id: e.entityId,
				changes: e.changes,
				prev: sha256(lines[lines.length - 1])
			})
		);
	}
	const head = sha256(lines[lines.length - 1]);
	const signature = crypto.sign(null, Buffer.from(head, 'utf8'), privateKeyPem).toString('base64');
	lines.push(
		JSON.stringify({
			signature,
			alg: 'Ed25519',
			public_key: publicKeyPem,
			fingerprint: keyFingerprint(publicKeyPem),
			prev: head
		})
	);
	return lines.join('\n') + '\n';
}

async function auditXlsx(entries: Entry[], timeZone: string, title: string): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(m.audit_export_sheet());
	ws.addRow([title]);
	ws.getRow(1).font = { bold: true, size: 14 };
	ws.addRow([
		m.audit_export_col_id(),
		m.audit_time(),
		m.audit_actor(),
		'IP',
		m.audit_action(),
		m.audit_export_col_code(),
		m.audit_entity(),
		m.audit_entity_id(),
		m.audit_changes()
	]);
	ws.getRow(2).font = { bold: true };
	for (const e of entries) {
		ws.addRow([
			e.id,
			formatInstant(e.at, timeZone),
			e.actorName,
			e.ip,
			actionLabel(e.action),
			e.action,
			e.entity,
			e.entityId ?? '',
			JSON.stringify(e.changes)
		]);
	}
	for (const [i, width] of [8, 18, 14, 16, 20, 24, 14, 10, 80].entries()) {
		ws.getColumn(i + 1).width = width;
	}
	ws.views = [{ state: 'frozen', ySplit: 2 }];
	return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface AuditExportFile {
	body: Buffer;
	contentType: string;
	/** huiban-audit-2026-06-01-2026-11-30.xlsx */
	filename: string;
	count: number;
}

/**
 * The audit log of a period (office-zone dates, both inclusive) as .xlsx or signed JSON lines,
 * for the security auditor only; the export is itself audited (audit.export). Classified
 * meetings' content is masked as on /audit.
 */
export async function exportAuditLog(
	db: DB,
	actor: Actor,
	input: ExportPeriodInput,
	format: ExportFormat
): Promise<AuditExportFile> {
	requirePermission(actor, canManageAuditRecords);
	const problems = exportPeriodProblems(input);
	if (Object.keys(problems).length) throw new ValidationError(problems);
	const { from, to } = parseInput(exportPeriodSchema, input);
	const result = await searchAuditLog(db, actor, {
		fromDate: from,
		toDate: to,
		page: 1,
		pageSize: MAX_EXPORT_ROWS + 1
	});
	if (result.total > MAX_EXPORT_ROWS) {
		throw new ValidationError({ from: m.audit_err_export_too_many({ max: MAX_EXPORT_ROWS }) });
	}
	const entries = [...result.entries].sort((a, b) => a.id - b.id);
	const settings = await getSettings(db);
	const filename = `huiban-audit-${from}-${to}.${format}`;
	let file: AuditExportFile;
	if (format === 'xlsx') {
		const title = m.audit_export_title_line({ office: settings.officeName, from, to });
		file = {
			body: await auditXlsx(entries, settings.timeZone, title),
			contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			filename,
			count: entries.length
		};
	} else {
		const pair = await exportKeyPair(db, actor);
		const header = {
			format: 'huiban-audit-export',
			version: 1,
			office: settings.officeName,
			time_zone: settings.timeZone,
			from,
			to,
			exported_at: clock.nowIso(),
			exported_by: actor.name
		};
		file = {
			body: Buffer.from(signedJsonLines(header, entries, pair.privateKey, pair.publicKey), 'utf8'),
			contentType: 'application/x-ndjson; charset=utf-8',
			filename,
			count: entries.length
		};
	}
	await auditExport(db, actor, {
		action: 'audit.export',
		entity: 'audit_log',
		changes: { from, to, format, count: file.count }
	});
	return file;
}
