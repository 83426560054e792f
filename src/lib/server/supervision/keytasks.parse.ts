/**
 * 年度重点工作 from a spreadsheet (issue 10): the office's usual table — 序号, 工作任务, 具体要求,
 * 牵头单位, 配合单位 (、-separated), 责任人 (optional), 完成时限, 一季度 … 四季度 (the quarter's
 * milestone). Pure over an exceljs workbook: file-level problems throw, row problems that need
 * no database (a missing task, a date that is no date, a repeated 序号) come back per row; the
 * service resolves departments and people.
 */
import ExcelJS from 'exceljs';
import * as m from '$lib/paraglide/messages';
import { isCalendarDate } from '$lib/domain/working-days';
import { ValidationError } from '../errors';
import { cellText } from '../org/import.parse';

export const KEYTASK_MAX_ROWS = 500;
export const KEYTASK_MAX_MB = 5;

export const KEYTASK_COLUMNS = [
	'seq',
	'title',
	'requirement',
	'lead',
	'co',
	'responsible',
	'deadline',
	'q1',
	'q2',
	'q3',
	'q4'
] as const;
export type KeyTaskColumn = (typeof KEYTASK_COLUMNS)[number];
export type KeyTaskCells = Record<KeyTaskColumn, string>;

/** The headers a file may use for each column; the first is the template's. */
const HEADERS: Record<KeyTaskColumn, string[]> = {
	seq: ['序号', '编号'],
	title: ['工作任务', '重点工作', '任务', '工作内容'],
	requirement: ['具体要求', '要求', '工作要求'],
	lead: ['牵头单位', '牵头部门', '责任单位'],
	co: ['配合单位', '配合部门', '协办单位'],
	responsible: ['责任人'],
	deadline: ['完成时限', '完成时间', '时限'],
	q1: ['一季度', '第一季度'],
	q2: ['二季度', '第二季度'],
	q3: ['三季度', '第三季度'],
	q4: ['四季度', '第四季度']
};
export const KEYTASK_REQUIRED: readonly KeyTaskColumn[] = ['title', 'lead', 'deadline'];

/** The longest text each column keeps (as the item's fields allow). */
export const KEYTASK_MAX_LENGTH: Partial<Record<KeyTaskColumn, number>> = {
	title: 200,
	requirement: 4000,
	q1: 200,
	q2: 200,
	q3: 200,
	q4: 200
};

export function keyTaskHeader(column: KeyTaskColumn): string {
	return HEADERS[column][0];
}

/** One row of the file: what it says and what could be read from it alone. */
export interface ParsedKeyTask {
	/** The row number in Excel (the header is row 1). */
	row: number;
	cells: KeyTaskCells;
	/** 序号, or the row's place among the tasks when the column is empty. */
	seq: number | null;
	/** 完成时限 as YYYY-MM-DD, or null when it cannot be read. */
	deadline: string | null;
	coDepartments: string[];
	errors: string[];
}

function fileError(message: string): ValidationError {
	return new ValidationError({ file: message }, message);
}

/** Loads an uploaded .xlsx (file problems as a ValidationError on `file`). */
export async function loadKeyTaskWorkbook(
	fileName: string,
	bytes: Buffer
): Promise<ExcelJS.Workbook> {
	if (!/\.xlsx$/i.test(fileName.trim())) throw fileError(m.sup_bulletin_import_err_file());
	if (bytes.length > KEYTASK_MAX_MB * 1024 * 1024)
		throw fileError(m.sup_bulletin_import_err_too_large({ max: KEYTASK_MAX_MB }));
	if (bytes.length === 0) throw fileError(m.sup_bulletin_import_err_no_rows());
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
	} catch {
		throw fileError(m.sup_bulletin_import_err_unreadable());
	}
	return workbook;
}

const normalise = (h: string) => h.replace(/[\s*＊（）()]|必填|选填|可不填/g, '');

/** 配合单位 as written: separated by 、 , ， ; ； or line breaks. */
export function splitDepartments(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[、,，;；\n\r]+/)
				.map((s) => s.trim())
				.filter(Boolean)
		)
	];
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * 完成时限 as offices write it: a date cell, 2027-06-30, 2027/6/30, 2027年6月30日, 2027年6月底
 * (or 6月底, 6月30日 in the import's year); null when it is none of these or no real date.
 */
export function parseDeadline(text: string, year: number): string | null {
	const s = text.replace(/\s/g, '');
	let y: number, mo: number, d: number | 'end';
	let r = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
	if (r) [y, mo, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
	else if ((r = /^(\d{4})[-/.年](\d{1,2})月?(?:底|末)$/.exec(s)))
		[y, mo, d] = [Number(r[1]), Number(r[2]), 'end'];
	else if ((r = /^(\d{1,2})月(?:底|末)$/.exec(s))) [y, mo, d] = [year, Number(r[1]), 'end'];
	else if ((r = /^(\d{1,2})月(\d{1,2})日$/.exec(s)))
		[y, mo, d] = [year, Number(r[1]), Number(r[2])];
	else if ((r = /^(\d{4})年?(?:底|末)$/.exec(s))) [y, mo, d] = [Number(r[1]), 12, 31];
	else return null;
	if (mo < 1 || mo > 12) return null;
	const date = `${y}-${pad(mo)}-${pad(d === 'end' ? lastDay(y, mo) : d)}`;
	return isCalendarDate(date) ? date : null;
}

/** The last day of quarter q (1–4) of `year`. */
export function quarterEnd(year: number, q: number): string {
	const month = q * 3;
	return `${year}-${pad(month)}-${pad(lastDay(year, month))}`;
}

/** The first day of quarter q (1–4) of `year`. */
export function quarterStart(year: number, q: number): string {
	return `${year}-${pad(q * 3 - 2)}-01`;
}

/**
 * The first sheet's tasks. `year` reads dates written without one (6月底). File-level problems
 * (no such columns, no rows, too many) throw a ValidationError on `file`.
 */
export function parseKeyTasks(workbook: ExcelJS.Workbook, year: number): ParsedKeyTask[] {
	const sheet = workbook.worksheets[0];
	const raw: { row: number; cells: unknown[] }[] = [];
	sheet?.eachRow((r, n) => raw.push({ row: n, cells: (r.values as unknown[]).slice(1) }));
	// The header is the first row naming 工作任务 (a title row above it is allowed).
	const headerAt = raw.findIndex((r) =>
		r.cells.some((c) => HEADERS.title.includes(normalise(cellText(c))))
	);
	if (headerAt < 0)
		throw fileError(
			m.sup_bulletin_import_err_columns({
				columns: KEYTASK_REQUIRED.map(keyTaskHeader).join('、')
			})
		);
	const index = new Map<KeyTaskColumn, number>();
	raw[headerAt].cells.forEach((cell, i) => {
		const h = normalise(cellText(cell));
		const column = KEYTASK_COLUMNS.find((c) => HEADERS[c].includes(h));
		if (column && !index.has(column)) index.set(column, i);
	});
	const missing = KEYTASK_REQUIRED.filter((c) => !index.has(c));
	if (missing.length)
		throw fileError(
			m.sup_bulletin_import_err_columns({ columns: missing.map(keyTaskHeader).join('、') })
		);
	const data = raw
		.slice(headerAt + 1)
		.map((r) => {
			const cells = {} as KeyTaskCells;
			for (const c of KEYTASK_COLUMNS) {
				const i = index.get(c);
				cells[c] = i === undefined ? '' : cellText(r.cells[i], c === 'deadline');
			}
			return { row: r.row, cells };
		})
		.filter((r) => KEYTASK_COLUMNS.some((c) => c !== 'seq' && r.cells[c] !== ''));
	if (!data.length) throw fileError(m.sup_bulletin_import_err_no_rows());
	if (data.length > KEYTASK_MAX_ROWS)
		throw fileError(
			m.sup_bulletin_import_err_too_many({ max: KEYTASK_MAX_ROWS, count: data.length })
		);
	return checkKeyTaskRows(data, year);
}

/** The checks a row needs no database for (the same for a preview and the import). */
export function checkKeyTaskRows(
	rows: { row: number; cells: KeyTaskCells }[],
	year: number
): ParsedKeyTask[] {
	const seen = new Map<number, number>();
	const parsed = rows.map((r, i) => {
		const errors: string[] = [];
		const { cells } = r;
		let seq: number | null = i + 1;
		if (cells.seq !== '') {
			seq = /^\d{1,4}$/.test(cells.seq) && Number(cells.seq) > 0 ? Number(cells.seq) : null;
			if (seq === null) errors.push(m.sup_bulletin_import_err_seq({ value: cells.seq }));
		}
		if (seq !== null) seen.set(seq, (seen.get(seq) ?? 0) + 1);
		if (!cells.title) errors.push(m.sup_bulletin_import_err_title());
		for (const [c, max] of Object.entries(KEYTASK_MAX_LENGTH) as [KeyTaskColumn, number][]) {
			if (cells[c].length > max)
				errors.push(m.sup_bulletin_import_err_too_long({ column: keyTaskHeader(c), max }));
		}
		if (!cells.lead) errors.push(m.sup_bulletin_import_err_lead_missing());
		let deadline: string | null = null;
		if (!cells.deadline) errors.push(m.sup_bulletin_import_err_deadline_missing());
		else {
			deadline = parseDeadline(cells.deadline, year);
			if (!deadline) errors.push(m.sup_bulletin_import_err_deadline({ value: cells.deadline }));
		}
		return {
			row: r.row,
			cells,
			seq,
			deadline,
			coDepartments: splitDepartments(cells.co),
			errors
		};
	});
	for (const p of parsed)
		if (p.seq !== null && (seen.get(p.seq) ?? 0) > 1)
			p.errors.push(m.sup_bulletin_import_err_seq_dup({ seq: p.seq }));
	return parsed;
}

/** The template: the columns with an example row, and a sheet of notes. */
export async function keyTaskTemplate(year: number, departments: string[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(m.sup_bulletin_import_tpl_sheet());
	sheet.columns = KEYTASK_COLUMNS.map((c) => ({
		header: keyTaskHeader(c),
		key: c,
		width: c === 'seq' ? 6 : c === 'title' || c === 'requirement' ? 36 : 18,
		style: { numFmt: c === 'deadline' ? 'yyyy-mm-dd' : '@', alignment: { wrapText: true } }
	}));
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	const [lead = '办公室', co = ''] = departments;
	sheet.addRow({
		seq: 1,
		title: '推进政务服务“一网通办”',
		requirement: '年底前高频事项全部实现网上办理。',
		lead,
		co,
		responsible: '',
		deadline: new Date(Date.UTC(year, 11, 31)),
		q1: '制定工作方案',
		q2: '完成系统对接',
		q3: '上线试运行',
		q4: '全面推广并总结'
	});
	const notes = workbook.addWorksheet(m.sup_bulletin_import_tpl_notes());
	notes.columns = [{ width: 100 }];
	notes.addRow([
		m.sup_bulletin_import_tpl_note({ names: departments.join('、') || '—' })
	]).alignment = { wrapText: true, vertical: 'top' };
	return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
