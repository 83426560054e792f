import ExcelJS from 'exceljs';
import * as m from '$lib/paraglide/messages';
import { LEAVE_TYPES } from '$lib/domain/leave';
import { leaveTypeName } from '$lib/leave-words';
import type { LeaveStats, StatsGroup, StatsPerson } from './stats.query';

// 请休假统计 as an .xlsx: a sheet per person (年休假 应休/已休/剩余, days per type, total), one per
// department and one per type, each with a title row and a bold header row.

/** The workbook's title (also the file name): 某局2026年请休假统计（办公室）. */
export function leaveStatsTitle(officeName: string, s: LeaveStats): string {
	const dept = s.departmentId === null ? null : s.departments.find((d) => d.id === s.departmentId);
	return dept
		? m.leavestats_xlsx_title_department({
				office: officeName,
				year: s.year,
				department: dept.name
			})
		: m.leavestats_xlsx_title({ office: officeName, year: s.year });
}

const na = (v: number | null) => (v === null ? '—' : v);

function addSheet(
	wb: ExcelJS.Workbook,
	name: string,
	title: string,
	headers: string[],
	rows: (string | number)[][],
	widths: number[]
): void {
	const sheet = wb.addWorksheet(name);
	sheet.columns = headers.map((_, i) => ({ width: widths[i] ?? 10 }));
	const t = sheet.addRow([title]);
	t.font = { bold: true, size: 14 };
	t.alignment = { horizontal: 'center', vertical: 'middle' };
	t.height = 26;
	sheet.mergeCells(1, 1, 1, headers.length);
	const head = sheet.addRow(headers);
	head.font = { bold: true };
	head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
	sheet.views = [{ state: 'frozen', ySplit: 2 }];
	for (const r of rows) sheet.addRow(r);
}

export async function buildLeaveStatsWorkbook(officeName: string, s: LeaveStats): Promise<Buffer> {
	const title = leaveStatsTitle(officeName, s);
	const typeNames = LEAVE_TYPES.map((t) => leaveTypeName(t));
	const wb = new ExcelJS.Workbook();

	const personHeaders = [
		m.leavestats_col_name(),
		m.leavestats_col_department(),
		m.leavestats_col_annual_quota(),
		m.leavestats_col_annual_used(),
		m.leavestats_col_annual_left(),
		...typeNames,
		m.leavestats_col_total()
	];
	const personLine = (p: StatsPerson) => [
		p.name,
		p.departmentName ?? m.leaveboard_no_department(),
		na(p.annualQuota),
		p.annualUsed,
		na(p.annualLeft),
		...LEAVE_TYPES.map((t) => p.days[t]),
		p.total
	];
	const totalLine = (g: StatsGroup, label: string, count: number | string) => [
		label,
		count,
		g.annualQuota,
		g.annualUsed,
		g.annualQuota - g.annualUsed,
		...LEAVE_TYPES.map((t) => g.days[t]),
		g.total
	];
	addSheet(
		wb,
		m.leavestats_sheet_people(),
		title,
		personHeaders,
		[...s.people.map(personLine), totalLine(s.total, m.leavestats_total(), '')],
		[12, 20]
	);
	addSheet(
		wb,
		m.leavestats_sheet_departments(),
		title,
		[
			m.leavestats_col_department(),
			m.leavestats_col_people(),
			m.leavestats_col_annual_quota(),
			m.leavestats_col_annual_used(),
			m.leavestats_col_annual_left(),
			...typeNames,
			m.leavestats_col_total()
		],
		[
			...s.byDepartment.map((g) => totalLine(g, g.name, g.people)),
			totalLine(s.total, m.leavestats_total(), s.total.people)
		],
		[20]
	);
	addSheet(
		wb,
		m.leavestats_sheet_types(),
		title,
		[m.leavestats_col_type(), m.leavestats_col_people_taken(), m.leavestats_col_days()],
		[
			...s.byType.map((r) => [leaveTypeName(r.type), r.people, r.days]),
			[m.leavestats_total(), '', s.total.total]
		],
		[14, 12, 12]
	);
	return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
