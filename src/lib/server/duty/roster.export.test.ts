import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { NotFoundError } from '../errors';
import { writeSettings } from '../settings/settings.service';
import { newDutyPeriod, type FixtureShift } from '../testing/duty-fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { buildRosterWorkbook, loadRoster } from './roster.export';

const DAY_AND_NIGHT: FixtureShift[] = [
	{
		name: '白班',
		startTime: '08:30',
		endTime: '17:30',
		isOvernight: false,
		leaders: 1,
		officers: 2
	},
	{ name: '夜班', startTime: '17:30', endTime: '08:30', isOvernight: true, leaders: 1, officers: 1 }
];
const ALL_DAY: FixtureShift[] = [
	{ name: '全天', startTime: '08:30', endTime: '08:30', isOvernight: true, leaders: 1, officers: 1 }
];

/** The text of every cell of a row, '' for an empty one. */
function cells(sheet: ExcelJS.Worksheet, n: number, width: number): string[] {
	const row = sheet.getRow(n);
	return Array.from({ length: width }, (_, i) => String(row.getCell(i + 1).value ?? ''));
}

describeEachDialect('printable roster and its Excel file', ({ db }) => {
	async function people() {
		const d = db();
		await writeSettings(d, { officeName: '某某市人民政府办公室' });
		const office = await newUser(d, { roles: ['office'] });
		const staff = await newUser(d);
		const named = async (name: string, phone: string) => {
			const u = await newUser(d, { name });
			await d.updateTable('users').set({ phone }).where('id', '=', u.id).execute();
			return u;
		};
		return {
			office,
			staff,
			zhang: await named('张局长', '13800000001'),
			li: await named('李科长', ''),
			wang: await named('王五', '13800000003'),
			zhao: await named('赵六', '13800000004'),
			qian: await named('钱七', '')
		};
	}

	async function national() {
		const p = await people();
		const period = await newDutyPeriod(db(), {
			createdBy: p.office.id,
			name: '2025年国庆节',
			phone: '0571-87001234',
			dates: ['2025-10-01', '2025-10-02'],
			shifts: DAY_AND_NIGHT,
			assign: [
				{ date: '2025-10-01', shift: 0, role: 'leader', userId: p.zhang.id },
				{ date: '2025-10-01', shift: 0, role: 'officer', position: 1, userId: p.zhao.id },
				{ date: '2025-10-01', shift: 0, role: 'officer', position: 0, userId: p.wang.id },
				{ date: '2025-10-01', shift: 1, role: 'leader', userId: p.li.id },
				{ date: '2025-10-01', shift: 1, role: 'officer', userId: p.qian.id },
				// The second day's day shift is still empty but for its leader.
				{ date: '2025-10-02', shift: 0, role: 'leader', userId: p.li.id }
			]
		});
		return { ...p, periodId: period.periodId };
	}

	it('writes an .xlsx with a title, a header and one row per date and shift', async () => {
		const { staff, periodId } = await national();
		const model = await loadRoster(db(), staff.actor, periodId);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await buildRosterWorkbook(model)) as unknown as ArrayBuffer);
		const sheet = book.worksheets[0];
		expect(sheet.name).toBe('值班表');
		expect(cells(sheet, 1, 1)).toEqual(['某某市人民政府办公室2025年国庆节值班表']);
		expect(sheet.getCell('F1').isMerged).toBe(true);
		expect(cells(sheet, 2, 6)).toEqual(['日期', '星期', '班次', '带班领导', '值班员', '值班电话']);
		expect([3, 4, 5, 6].map((n) => cells(sheet, n, 6))).toEqual([
			[
				'10月1日',
				'星期三',
				'白班 08:30—17:30',
				'张局长',
				'王五、赵六',
				'0571-87001234\n张局长 13800000001\n王五 13800000003\n赵六 13800000004'
			],
			['10月1日', '星期三', '夜班 17:30—次日08:30', '李科长', '钱七', '0571-87001234'],
			['10月2日', '星期四', '白班 08:30—17:30', '李科长', '未排', '0571-87001234'],
			['10月2日', '星期四', '夜班 17:30—次日08:30', '未排', '未排', '0571-87001234']
		]);
		expect(sheet.rowCount).toBe(6);
		expect(sheet.getColumn(5).width).toBeGreaterThan(sheet.getColumn(2).width ?? 0);
	});

	it('leaves out the shift column with one shift, and labels 除夕 and 初一', async () => {
		const p = await people();
		const { periodId } = await newDutyPeriod(db(), {
			createdBy: p.office.id,
			name: '2026年春节',
			dates: ['2026-02-15', '2026-02-16', '2026-02-17'],
			shifts: ALL_DAY,
			assign: [{ date: '2026-02-16', shift: 0, role: 'leader', userId: p.zhang.id }]
		});
		const model = await loadRoster(db(), p.office.actor, periodId);
		expect(model.multiShift).toBe(false);
		expect(model.hours).toBe('08:30—次日08:30');
		// Empty places are printed as 未排, never left blank.
		const unfilled = [{ name: '未排', phone: '' }];
		expect(model.rows.map((r) => [r.dateLabel, r.weekday, r.label, r.leaders])).toEqual([
			['2月15日', '星期日', '', unfilled],
			['2月16日', '星期一', '除夕', [{ name: '张局长', phone: '13800000001' }]],
			['2月17日', '星期二', '初一', unfilled]
		]);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await buildRosterWorkbook(model)) as unknown as ArrayBuffer);
		const sheet = book.worksheets[0];
		expect(cells(sheet, 2, 1)).toEqual(['值班时间：08:30—次日08:30']);
		expect(cells(sheet, 3, 5)).toEqual(['日期', '星期', '带班领导', '值班员', '值班电话']);
		expect(cells(sheet, 5, 5)).toEqual([
			'2月16日（除夕）',
			'星期一',
			'张局长',
			'未排',
			'0571-87000000\n张局长 13800000001'
		]);
	});

	it('shows a draft only to the office; a published roster to everyone', async () => {
		const { office, staff, periodId } = await national();
		expect((await loadRoster(db(), staff.actor, periodId)).rows).toHaveLength(4);
		await db()
			.updateTable('duty_periods')
			.set({ status: 'draft', published_at: null })
			.where('id', '=', periodId)
			.execute();
		await expect(loadRoster(db(), staff.actor, periodId)).rejects.toBeInstanceOf(NotFoundError);
		expect((await loadRoster(db(), office.actor, periodId)).period.status).toBe('draft');
		await expect(loadRoster(db(), office.actor, periodId + 1000)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});
});
