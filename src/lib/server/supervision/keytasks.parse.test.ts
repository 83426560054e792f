import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import {
	keyTaskTemplate,
	loadKeyTaskWorkbook,
	parseDeadline,
	parseKeyTasks,
	quarterEnd,
	splitDepartments
} from './keytasks.parse';

const HEAD = [
	'序号',
	'工作任务',
	'具体要求',
	'牵头单位',
	'配合单位',
	'责任人',
	'完成时限',
	'一季度',
	'二季度',
	'三季度',
	'四季度'
];

function book(rows: unknown[][], head = HEAD, title?: string): ExcelJS.Workbook {
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet('重点工作');
	if (title) sheet.addRow([title]);
	sheet.addRow(head);
	for (const r of rows) sheet.addRow(r);
	return wb;
}

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
	const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
	return loadKeyTaskWorkbook('重点工作.xlsx', bytes);
}

describe('年度重点工作 parser', () => {
	it('reads every column, date cells and text dates, 、-separated co-departments', async () => {
		const wb = await roundTrip(
			book(
				[
					[
						1,
						'推进一网通办',
						'高频事项网上办理',
						'信息科',
						'办公室、财务科',
						'张三',
						new Date(Date.UTC(2027, 11, 31)),
						'方案',
						'对接',
						'',
						'推广'
					],
					[2, '完善档案管理', '', '办公室', '', '', '2027年6月底', '清理', '', '', ''],
					[3, '节能改造', '', '财务科', '信息科，办公室', '', '9月30日', '', '', '', '']
				],
				HEAD,
				'2027年度重点工作任务分解表'
			)
		);
		const rows = parseKeyTasks(wb, 2027);
		expect(
			rows.map((r) => [r.row, r.seq, r.cells.title, r.deadline, r.coDepartments, r.errors])
		).toEqual([
			[3, 1, '推进一网通办', '2027-12-31', ['办公室', '财务科'], []],
			[4, 2, '完善档案管理', '2027-06-30', [], []],
			[5, 3, '节能改造', '2027-09-30', ['信息科', '办公室'], []]
		]);
		expect(rows[0].cells).toMatchObject({ responsible: '张三', q1: '方案', q3: '', q4: '推广' });
	});

	it('flags rows without a task or lead, with a date that is none, a repeated 序号', async () => {
		const wb = await roundTrip(
			book([
				[1, '', '', '', '', '', '2027-02-30', '', '', '', ''],
				[1, '任务二', '', '办公室', '', '', '下半年', '', '', '', ''],
				['一', '任务三', '', '办公室', '', '', '', '', '', '', '']
			])
		);
		const rows = parseKeyTasks(wb, 2027);
		expect(rows.map((r) => r.errors)).toEqual([
			['缺少工作任务', '缺少牵头单位', '完成时限“2027-02-30”不是有效日期', '序号 1 重复'],
			['完成时限“下半年”不是有效日期', '序号 1 重复'],
			['序号“一”应为正整数', '缺少完成时限']
		]);
	});

	it('refuses a file without the columns, without rows, or not .xlsx', async () => {
		expect(() => parseKeyTasks(book([['x']], ['名称', '日期']), 2027)).toThrow(ValidationError);
		expect(() => parseKeyTasks(book([]), 2027)).toThrow('文件里没有重点工作');
		await expect(loadKeyTaskWorkbook('a.csv', Buffer.from('x'))).rejects.toThrow(
			'请选择 .xlsx 文件'
		);
		await expect(loadKeyTaskWorkbook('a.xlsx', Buffer.from('not a zip'))).rejects.toThrow(
			ValidationError
		);
	});

	it('the template parses back to its example row', async () => {
		const wb = await loadKeyTaskWorkbook(
			't.xlsx',
			await keyTaskTemplate(2027, ['信息科', '办公室'])
		);
		const [row] = parseKeyTasks(wb, 2027);
		expect(row).toMatchObject({
			seq: 1,
			deadline: '2027-12-31',
			coDepartments: ['办公室'],
			errors: []
		});
		expect(row.cells.lead).toBe('信息科');
	});

	it('dates as offices write them; quarter ends', () => {
		expect(parseDeadline('2027/3/1', 2027)).toBe('2027-03-01');
		expect(parseDeadline('2027年2月底', 2027)).toBe('2027-02-28');
		expect(parseDeadline('2028年2月底', 2027)).toBe('2028-02-29');
		expect(parseDeadline('12月底', 2027)).toBe('2027-12-31');
		expect(parseDeadline('2027年底', 2027)).toBe('2027-12-31');
		expect(parseDeadline('13月底', 2027)).toBeNull();
		expect([1, 2, 3, 4].map((q) => quarterEnd(2027, q))).toEqual([
			'2027-03-31',
			'2027-06-30',
			'2027-09-30',
			'2027-12-31'
		]);
		expect(splitDepartments('办公室、 财务科;办公室')).toEqual(['办公室', '财务科']);
	});
});
