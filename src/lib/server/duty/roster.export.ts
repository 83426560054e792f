import ExcelJS from 'exceljs';
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { dateFormatter } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { getSettings } from '../settings/settings.service';
import { listPeriodDays, listShifts, type DutyPeriod, type DutyShift } from './periods.repository';
import { listAssignments, type DutyAssignment } from './roster.repository';
import { loadVisiblePeriod } from './periods.service';

// The roster as printed and as an Excel workbook: a line a shift and date with who serves it.

export interface RosterPerson {
	name: string;
	phone: string;
}

/** One line of the printed roster: a shift on a date, with who serves it. */
export interface RosterRow {
	date: string;
	/** 10月1日 in Chinese, October 1 in English. */
	dateLabel: string;
	/** 星期三 in Chinese, Wednesday in English. */
	weekday: string;
	shiftId: number;
	shiftName: string;
	/** 08:30—17:30, or 17:30—次日08:30 for an overnight shift. */
	shiftHours: string;
	/** 除夕, 初一 or ''. */
	label: string;
	leaders: RosterPerson[];
	officers: RosterPerson[];
}

export function shiftHours(s: Pick<DutyShift, 'startTime' | 'endTime' | 'isOvernight'>): string {
	return `${s.startTime}—${s.isOvernight ? m.duty_print_next_day() : ''}${s.endTime}`;
}

function dateLabels(date: string): { dateLabel: string; weekday: string } {
	const d = new Date(`${date}T00:00:00Z`);
	const locale = getLocale();
	return {
		dateLabel: dateFormatter(locale, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d),
		weekday: dateFormatter(locale, { weekday: 'long', timeZone: 'UTC' }).format(d)
	};
}

/**
 * One row per date × shift in date and shift order; empty slots leave no name. `assignments`
 * come from listAssignments (leaders before officers, by position).
 */
export function rosterRows(
	assignments: DutyAssignment[],
	shifts: DutyShift[],
	days: Array<{ date: string; label: string }>
): RosterRow[] {
	const held = new Map<string, DutyAssignment[]>();
	for (const a of assignments) {
		const key = `${a.date}|${a.shiftId}`;
		held.set(key, [...(held.get(key) ?? []), a]);
	}
	const people = (list: DutyAssignment[], role: DutyAssignment['role']): RosterPerson[] => {
		const mine = list.filter((a) => a.role === role).sort((a, b) => a.position - b.position);
		const filled = mine
			.filter((a) => a.userId !== null)
			.map((a) => ({ name: a.userName ?? '', phone: a.userPhone ?? '' }));
		// An empty place is printed as 未排 (once per role), never as a blank a reader could miss.
		const empty = mine.length > filled.length ? [{ name: m.duty_unfilled(), phone: '' }] : [];
		return [...filled, ...empty];
	};
	return [...days]
		.sort((a, b) => a.date.localeCompare(b.date))
		.flatMap((d) =>
			shifts.map((s): RosterRow => {
				const list = held.get(`${d.date}|${s.id}`) ?? [];
				return {
					date: d.date,
					...dateLabels(d.date),
					shiftId: s.id,
					shiftName: s.name,
					shiftHours: shiftHours(s),
					label: d.label,
					leaders: people(list, 'leader'),
					officers: people(list, 'officer')
				};
			})
		);
}

export interface RosterModel {
	period: DutyPeriod;
	title: string;
	/** Whether the 班次 column is shown; with one shift its hours go under the title instead. */
	multiShift: boolean;
	hours: string;
	rows: RosterRow[];
}

/** The printable roster of a period anyone may see (a draft only the office). */
export async function loadRoster(db: DB, actor: Actor, periodId: number): Promise<RosterModel> {
	const period = await loadVisiblePeriod(db, actor, periodId);
	const [shifts, assignments, days, settings] = await Promise.all([
		listShifts(db, periodId),
		listAssignments(db, periodId),
		listPeriodDays(db, periodId),
		getSettings(db)
	]);
	return {
		period,
		// 2026年国庆节值班 → 某局2026年国庆节值班表, not …值班值班表.
		title: m.duty_print_title({
			office: settings.officeName,
			period: period.name.replace(/值班$/, '')
		}),
		multiShift: shifts.length > 1,
		hours: shifts.length === 1 ? shiftHours(shifts[0]) : '',
		rows: rosterRows(assignments, shifts, days)
	};
}

const names = (list: RosterPerson[]) => list.map((p) => p.name).join('、');

/** The 值班电话 cell: the period's phone, then each person's own on a line of its own. */
export function phoneLines(phone: string, row: RosterRow): string[] {
	const own = [...row.leaders, ...row.officers]
		.filter((p) => p.phone)
		.map((p) => `${p.name} ${p.phone}`);
	return [phone, ...own].filter(Boolean);
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const RULE: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A title row merged across, a header row, one row per date × shift, the note last. */
export async function buildRosterWorkbook(model: RosterModel): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet(m.duty_print_sheet());
	const columns = [
		{ head: m.duty_print_col_date(), width: 16 },
		{ head: m.duty_print_col_weekday(), width: 10 },
		...(model.multiShift ? [{ head: m.duty_print_col_shift(), width: 22 }] : []),
		{ head: m.duty_print_col_leaders(), width: 20 },
		{ head: m.duty_print_col_officers(), width: 28 },
		{ head: m.duty_print_col_phone(), width: 30 }
	];
	sheet.columns = columns.map((c) => ({ width: c.width }));
	const title = sheet.addRow([model.title]);
	title.font = { bold: true, size: 16 };
	title.height = 30;
	title.alignment = { horizontal: 'center', vertical: 'middle' };
	sheet.mergeCells(1, 1, 1, columns.length);
	if (model.hours) {
		sheet.addRow([m.duty_print_hours({ hours: model.hours })]);
		sheet.mergeCells(2, 1, 2, columns.length);
	}
	const ruled = (row: ExcelJS.Row) => {
		for (let i = 1; i <= columns.length; i++) row.getCell(i).border = RULE;
		return row;
	};
	const head = ruled(sheet.addRow(columns.map((c) => c.head)));
	head.font = { bold: true };
	head.alignment = { horizontal: 'center' };
	sheet.views = [{ state: 'frozen', ySplit: head.number }];
	for (const r of model.rows) {
		const row = ruled(
			sheet.addRow([
				r.label ? `${r.dateLabel}（${r.label}）` : r.dateLabel,
				r.weekday,
				...(model.multiShift ? [`${r.shiftName} ${r.shiftHours}`] : []),
				names(r.leaders),
				names(r.officers),
				phoneLines(model.period.phone, r).join('\n')
			])
		);
		row.alignment = { vertical: 'middle', wrapText: true };
	}
	if (model.period.note) {
		const note = sheet.addRow([m.duty_print_note({ note: model.period.note })]);
		sheet.mergeCells(note.number, 1, note.number, columns.length);
		note.alignment = { wrapText: true };
	}
	return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
