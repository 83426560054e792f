import ExcelJS from 'exceljs';
import * as m from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import type { BulletinRow, SupervisionBulletin } from './bulletin.query';

// The 督办通报 as an .xlsx: a title, the period, one row per lead department ranked by score,
// the total row and the rules the counts follow.

type Counts = SupervisionBulletin['total'];

/** The columns after 排名 and 牵头单位, in the page's order. */
export function bulletinColumns(): [string, (r: Counts) => number | string][] {
	const rate = (r: Counts) =>
		r.onTimeRate === null ? m.sup_bulletin_rate_none() : `${r.onTimeRate}%`;
	return [
		[m.sup_bulletin_registered(), (r) => r.registered],
		[m.sup_bulletin_closed(), (r) => r.closed],
		[m.sup_bulletin_on_time(), (r) => r.closedOnTime],
		[m.sup_bulletin_late(), (r) => r.closedLate],
		[m.sup_bulletin_open(), (r) => r.open],
		[m.sup_bulletin_overdue(), (r) => r.overdueOpen],
		[m.sup_bulletin_rate(), rate],
		[m.sup_bulletin_late_signs(), (r) => r.lateSigns],
		[m.sup_bulletin_missed_cycles(), (r) => r.missedCycles],
		[m.sup_bulletin_score(), (r) => r.score]
	];
}

/** 2027年1月1日 至 2027年12月31日. */
export function bulletinPeriodText(b: Pick<SupervisionBulletin, 'period'>): string {
	return m.sup_bulletin_period({
		from: formatDate(b.period.fromDate),
		to: formatDate(b.period.toDate)
	});
}

/** The workbook's title (also the file name). */
export function bulletinXlsxTitle(officeName: string, b: SupervisionBulletin): string {
	return m.sup_bulletin_xlsx_title({ office: officeName, period: bulletinPeriodText(b) });
}

export async function buildSupervisionBulletinWorkbook(
	officeName: string,
	b: SupervisionBulletin
): Promise<Buffer> {
	const columns = bulletinColumns();
	const headers = [m.sup_bulletin_rank(), m.sup_bulletin_department(), ...columns.map((c) => c[0])];
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet(m.sup_bulletin_title());
	sheet.columns = headers.map((_, i) => ({ width: i === 1 ? 24 : 11 }));
	const title = sheet.addRow([bulletinXlsxTitle(officeName, b)]);
	title.font = { bold: true, size: 14 };
	title.height = 26;
	title.alignment = { horizontal: 'center', vertical: 'middle' };
	sheet.mergeCells(1, 1, 1, headers.length);
	const asOf = sheet.addRow([m.sup_bulletin_as_of({ date: formatDate(b.asOf) })]);
	sheet.mergeCells(2, 1, 2, headers.length);
	asOf.alignment = { horizontal: 'center' };
	const head = sheet.addRow(headers);
	head.font = { bold: true };
	head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
	sheet.views = [{ state: 'frozen', ySplit: 3 }];
	const line = (r: BulletinRow) => [r.rank, r.name, ...columns.map(([, v]) => v(r))];
	for (const r of b.rows) sheet.addRow(line(r));
	sheet.addRow(['', m.sup_bulletin_total(), ...columns.map(([, v]) => v(b.total))]).font = {
		bold: true
	};
	const w = b.weights;
	const rules = sheet.addRow([
		m.sup_bulletin_rules({
			onTime: w.onTime,
			late: w.late,
			overdueOpen: w.overdueOpen,
			lateSign: w.lateSign,
			missedCycle: w.missedCycle
		})
	]);
	sheet.mergeCells(rules.number, 1, rules.number, headers.length);
	rules.alignment = { wrapText: true, vertical: 'top' };
	rules.height = 60;
	return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
