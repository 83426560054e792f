import ExcelJS from 'exceljs';
import * as m from '$lib/paraglide/messages';
import type { MetricProgress } from './study-rules';
import type { StudyStats } from './stats.query';

// 学习统计 as an .xlsx: a sheet per person (those behind first, as on the page) and a sheet per
// department. 达标 / 未达标 in words.

/** 2027年 or 2027年3月. */
export function studyWindowText(s: Pick<StudyStats, 'window'>): string {
	return s.window.month === null
		? m.study_window_year({ year: s.window.year })
		: m.study_window_month({ year: s.window.year, month: s.window.month });
}

export function studyStatsTitle(officeName: string, s: StudyStats): string {
	return m.study_stats_xlsx_title({ office: officeName, window: studyWindowText(s) });
}

/** 达标 / 未达标 / 未设目标 in words. */
export function metText(met: boolean | null): string {
	return met === null ? m.study_met_none() : met ? m.study_met_yes() : m.study_met_no();
}

const target = (p: MetricProgress) => (p.target === null ? m.study_no_target() : p.target);

export async function buildStudyStatsWorkbook(officeName: string, s: StudyStats): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const title = studyStatsTitle(officeName, s);

	const people = wb.addWorksheet(m.study_stats_sheet_people());
	const headers = [
		m.study_col_name(),
		m.study_col_department(),
		m.study_col_sessions(),
		m.study_col_sessions_target(),
		m.study_col_hours(),
		m.study_col_hours_target(),
		m.study_col_met()
	];
	people.columns = headers.map((_, i) => ({ width: i < 2 ? 18 : 13 }));
	const head1 = people.addRow([title]);
	head1.font = { bold: true, size: 14 };
	people.mergeCells(1, 1, 1, headers.length);
	people.addRow(headers).font = { bold: true };
	people.views = [{ state: 'frozen', ySplit: 2 }];
	for (const r of s.rows)
		people.addRow([
			r.name,
			r.departmentName,
			r.sessions.done,
			target(r.sessions),
			r.hours.done,
			target(r.hours),
			metText(r.met)
		]);

	const depts = wb.addWorksheet(m.study_stats_sheet_departments());
	const dHeaders = [
		m.study_col_department(),
		m.study_col_people(),
		m.study_col_met_count(),
		m.study_col_behind_count(),
		m.study_col_sessions(),
		m.study_col_hours(),
		m.study_col_average_hours()
	];
	depts.columns = dHeaders.map((_, i) => ({ width: i === 0 ? 20 : 13 }));
	const head2 = depts.addRow([title]);
	head2.font = { bold: true, size: 14 };
	depts.mergeCells(1, 1, 1, dHeaders.length);
	depts.addRow(dHeaders).font = { bold: true };
	for (const d of s.summary)
		depts.addRow([d.name, d.people, d.met, d.behind, d.sessions, d.hours, d.averageHours]);
	const t = s.total;
	depts.addRow([
		m.study_total(),
		t.people,
		t.met,
		t.behind,
		t.sessions,
		t.hours,
		t.averageHours
	]).font = { bold: true };
	return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
