import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as m from '$lib/paraglide/messages';
import type { Role } from '$lib/domain/roles';
import { ValidationError } from '../errors';

export const IMPORT_MAX_ROWS = 2000;
export const IMPORT_MAX_MB = 5;

export const IMPORT_COLUMNS = [
	'username',
	'name',
	'department',
	'title',
	'precedence',
	'phone',
	'email',
	'workStartDate',
	'roles',
	'password'
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ImportCells = Record<ImportColumn, string>;

/** The file's headers: the Chinese one (written in the template) first, then accepted aliases. */
const HEADERS: Record<ImportColumn, string[]> = {
	username: ['用户名', '账号', 'username', 'login'],
	name: ['姓名', 'name'],
	department: ['部门', 'department', 'dept'],
	title: ['职务', 'title', 'position'],
	precedence: ['排序号', '排序', 'precedence', 'order'],
	phone: ['手机', '手机号', '电话', 'phone', 'mobile'],
	email: ['邮箱', '电子邮箱', 'email', 'e-mail'],
	workStartDate: ['参加工作日期', '参加工作时间', 'work start date'],
	roles: ['角色', 'roles', 'role'],
	password: ['初始密码', '密码', 'initial password', 'password']
};
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['username', 'name', 'department'];

export function headerOf(column: ImportColumn): string {
	return HEADERS[column][0];
}

/** Role names as offices write them in the file. */
export const ROLE_NAMES: Record<Role, string> = {
	admin: '系统管理员',
	office: '办公室',
	leader: '局领导',
	dept_head: '科室负责人',
	staff: '干部职工',
	supervisor: '督办员',
	auditor: '安全审计员'
};

/** Role names (or codes) separated by 、 , ， ; or spaces; blank means staff. */
export function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
	const roles = new Set<Role>();
	const unknown: string[] = [];
	const entries = Object.entries(ROLE_NAMES) as [Role, string][];
	for (const word of text.split(/[、,，;；\s]+/).filter(Boolean)) {
		const hit = entries.find(([code, name]) => name === word || code === word.toLowerCase());
		if (hit) roles.add(hit[0]);
		else unknown.push(word);
	}
	if (!text.trim()) roles.add('staff');
	return { roles: [...roles], unknown };
}

export interface RawRow {
	/** The row number the admin sees in Excel (the header is row 1). */
	row: number;
	cells: ImportCells;
}

interface SheetRow {
	row: number;
	cells: unknown[];
}

function fileError(message: string): ValidationError {
	return new ValidationError({ file: message }, message);
}

/** Reads an uploaded .xlsx or .csv into rows keyed by column; file-level problems throw. */
export async function readImportFile(fileName: string, buffer: Buffer): Promise<RawRow[]> {
	if (buffer.length > IMPORT_MAX_MB * 1024 * 1024) {
		throw fileError(m.import_file_too_large({ max: IMPORT_MAX_MB }));
	}
	const ext = /\.(xlsx|csv)$/i.exec(fileName.trim())?.[1].toLowerCase();
	if (!ext) throw fileError(m.import_file_type());
	if (buffer.length === 0) throw fileError(m.import_file_empty());
	let sheet: SheetRow[];
	try {
		sheet = ext === 'xlsx' ? await readXlsx(buffer) : await readCsv(buffer);
	} catch {
		throw fileError(m.import_file_unreadable());
	}
	return toRawRows(sheet.filter((r) => r.cells.some((c) => cellText(c) !== '')));
}

async function readXlsx(buffer: Buffer): Promise<SheetRow[]> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
	const rows: SheetRow[] = [];
	workbook.worksheets[0]?.eachRow((r, n) => {
		rows.push({ row: n, cells: (r.values as unknown[]).slice(1) });
	});
	return rows;
}

async function readCsv(buffer: Buffer): Promise<SheetRow[]> {
	const workbook = new ExcelJS.Workbook();
	const text = Buffer.from(decodeText(buffer), 'utf8');
	// Identity map: exceljs would otherwise turn '007' into 7 and dates into Date objects.
	const sheet = await workbook.csv.read(Readable.from(text), { map: (v: string) => v });
	const rows: SheetRow[] = [];
	sheet.eachRow((r, n) => rows.push({ row: n, cells: (r.values as unknown[]).slice(1) }));
	return rows;
}

/** UTF-8 (a BOM is dropped), else GB18030: what Excel on Chinese Windows saves as "CSV". */
function decodeText(buffer: Buffer): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
	} catch {
		return new TextDecoder('gb18030').decode(buffer);
	}
}

function normaliseHeader(h: string): string {
	return h.toLowerCase().replace(/[\s_*＊]|[（(]必填[）)]/g, '');
}

function toRawRows(sheet: SheetRow[]): RawRow[] {
	const [header, ...data] = sheet;
	if (!header) throw fileError(m.import_file_empty());
	const index = new Map<ImportColumn, number>();
	header.cells.forEach((cell, i) => {
		const h = normaliseHeader(cellText(cell));
		const column = IMPORT_COLUMNS.find((c) => HEADERS[c].some((a) => normaliseHeader(a) === h));
		if (column && !index.has(column)) index.set(column, i);
	});
	const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
	if (missing.length) {
		throw fileError(m.import_file_missing_columns({ columns: missing.map(headerOf).join('、') }));
	}
	if (!data.length) throw fileError(m.import_file_no_rows());
	if (data.length > IMPORT_MAX_ROWS) {
		throw fileError(m.import_file_too_many_rows({ max: IMPORT_MAX_ROWS, count: data.length }));
	}
	return data.map((r) => {
		const cells = {} as ImportCells;
		for (const c of IMPORT_COLUMNS) {
			const i = index.get(c);
			cells[c] = i === undefined ? '' : cellText(r.cells[i], c === 'workStartDate');
		}
		return { row: r.row, cells };
	});
}

/** A cell as text, whatever exceljs made of it (rich text, hyperlink, formula, date, number). */
export function cellText(v: unknown, isDate = false): string {
	if (v == null) return '';
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
	if (typeof v === 'number') return isDate ? serialDate(v) : String(v);
	if (typeof v === 'string') {
		const s = v.replace(/[\u200b-\u200d\ufeff]/g, '').trim();
		return isDate ? textDate(s) : s;
	}
	if (typeof v === 'boolean') return String(v);
	if (typeof v !== 'object') return '';
	const o = v as Record<string, unknown>;
	if (Array.isArray(o.richText)) {
		return cellText(o.richText.map((t: { text?: string }) => t.text ?? '').join(''), isDate);
	}
	if ('hyperlink' in o) return cellText(o.text, isDate);
	if ('formula' in o || 'sharedFormula' in o) return cellText(o.result, isDate);
	if ('error' in o) return String(o.error);
	return '';
}

// Excel's day 25569 is 1970-01-01 (its calendar counts a 29 Feb 1900 that never was).
function serialDate(n: number): string {
	if (n < 61 || n > 2958465) return String(n);
	return new Date(Math.floor(n - 25569) * 86400000).toISOString().slice(0, 10);
}

function textDate(s: string): string {
	const d = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T][\d:.]+)?$/.exec(s);
	if (!d) return s;
	return `${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}`;
}
