import ExcelJS from 'exceljs';
import * as m from '$lib/paraglide/messages';
import type { Tally } from '$lib/domain/attendance';
import { formatDateTime, formatInstant } from '$lib/format';
import { isClassified } from './access';
import type { MeetingAttendance, PeriodAttendance } from './checkin.service';

type Cell = string | number;

export interface BulletinBook {
	/** The title row of both sheets. */
	title: string;
	departments: { name: string; tally: Tally }[];
	total: Tally;
	people: { columns: string[]; rows: Cell[][] };
}

export const tallyColumns = () => [
	m.bulletin_expected(),
	m.bulletin_present(),
	m.bulletin_excused(),
	m.bulletin_deputy(),
	m.bulletin_absent(),
	m.bulletin_late()
];

const tallyCells = (t: Tally): number[] => [
	t.expected,
	t.present,
	t.excused,
	t.deputy,
	t.absent,
	t.late
];

function addSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: string[]) {
	const sheet = wb.addWorksheet(name);
	sheet.columns = columns.map((_, i) => ({ width: i === 0 ? 24 : 12 }));
	const t = sheet.addRow([title]);
	t.font = { bold: true, size: 14 };
	t.height = 26;
	sheet.mergeCells(1, 1, 1, columns.length);
	t.alignment = { horizontal: 'center', vertical: 'middle' };
	sheet.addRow(columns).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 2 }];
	return sheet;
}

/** Sheet 1: one row per department and a total row; sheet 2: one row per person. */
export async function buildBulletinWorkbook(book: BulletinBook): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const depts = addSheet(wb, m.bulletin_by_department(), book.title, [
		m.bulletin_department(),
		...tallyColumns()
	]);
	for (const d of book.departments) depts.addRow([d.name, ...tallyCells(d.tally)]);
	depts.addRow([m.bulletin_total(), ...tallyCells(book.total)]).font = { bold: true };
	const people = addSheet(wb, m.bulletin_by_person(), book.title, book.people.columns);
	for (const r of book.people.rows) people.addRow(r);
	return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Classified meetings: the file leaves the app, so it names only the time (as e-mails do). */
export function meetingBulletinBook(
	officeName: string,
	a: MeetingAttendance,
	timeZone: string
): BulletinBook {
	const mt = a.meeting;
	const what = `${isClassified(mt) ? m.checkin_classified() : mt.title} ${formatDateTime(mt.startsAt, timeZone)}`;
	const counted = a.departments.filter((d) => d.tally.expected > 0);
	return {
		title: m.bulletin_xlsx_title({ office: officeName, what }),
		departments: counted,
		total: a.total,
		people: {
			columns: [
				m.bulletin_department(),
				m.bulletin_name(),
				m.bulletin_col_role(),
				m.bulletin_col_reply(),
				m.bulletin_col_checkin(),
				m.bulletin_late(),
				m.bulletin_col_remark()
			],
			rows: counted.flatMap((d) =>
				d.people
					.filter((p) => p.role !== 'staff')
					.map((p) => [
						d.name,
						p.name,
						p.roleLabel,
						p.replyLabel,
						p.checkedInAt ? formatInstant(p.checkedInAt, timeZone) : m.checkin_status_out(),
						p.late ? m.bulletin_yes() : '',
						p.reply === 'excused' ? p.replyReason : ''
					])
			)
		}
	};
}

export function periodBulletinBook(
	officeName: string,
	p: PeriodAttendance,
	period: { fromDate: string; toDate: string }
): BulletinBook {
	const what = m.bulletin_period({ from: period.fromDate, to: period.toDate });
	return {
		title: m.bulletin_xlsx_title({ office: officeName, what }),
		departments: p.departments,
		total: p.total,
		people: {
			columns: [m.bulletin_department(), m.bulletin_name(), ...tallyColumns()],
			rows: p.departments.flatMap((d) =>
				d.people.map((x) => [d.name, x.name, ...tallyCells(x.tally)])
			)
		}
	};
}
