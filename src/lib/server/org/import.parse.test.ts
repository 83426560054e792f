import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { readImportFile } from './import.parse';
import { HEADER, xlsx, csv } from './import.test-helpers';

describe('readImportFile', () => {
	const fileError = (fn: Promise<unknown>) =>
		fn.then(
			() => '',
			(e: ValidationError) => e.fields.file
		);

	it('explains files it cannot take', async () => {
		expect(await fileError(readImportFile('a.xls', Buffer.from('x')))).toMatch(
			/只支持 \.xlsx 或 \.csv/
		);
		expect(await fileError(readImportFile('a.csv', Buffer.alloc(0)))).toBe('文件是空的');
		expect(await fileError(readImportFile('a.csv', Buffer.from('\n\n')))).toBe('文件是空的');
		expect(await fileError(readImportFile('a.xlsx', Buffer.from('not a zip')))).toMatch(
			/无法读取文件/
		);
		expect(await fileError(readImportFile('a.csv', Buffer.alloc(5 * 1024 * 1024 + 1, 0x41)))).toBe(
			'文件不能超过 5 MB'
		);
	});

	it('requires the header columns and at least one row, at most 2000', async () => {
		const noDept = await xlsx([
			['用户名', '姓名', '职务'],
			['a1', '甲', '']
		]);
		expect(await fileError(readImportFile('a.xlsx', noDept))).toBe(
			'表头缺少必填列：部门。请使用导入模板'
		);
		expect(await fileError(readImportFile('a.csv', await csv([HEADER])))).toBe(
			'文件只有表头，没有人员数据'
		);
		const many = Array.from({ length: 2001 }, (_, i) => [`u${i}`, '某', '办公室']);
		expect(await fileError(readImportFile('a.csv', await csv([HEADER, ...many])))).toMatch(
			/最多导入 2000 行，本文件有 2001 行/
		);
		expect(await readImportFile('a.csv', await csv([HEADER, ...many.slice(1)]))).toHaveLength(2000);
	});

	it('reads GB18030 CSV as saved by Excel on Chinese Windows, keeping leading zeros', async () => {
		// 用户名,姓名,部门 / 007,张三,办公室 in GBK
		const gbk = Buffer.from(
			'd3c3bba7c3fb2cd0d5c3fb2cb2bfc3c50d0a3030372cd5c5c8fd2cb0ecb9abcad2',
			'hex'
		);
		const rows = await readImportFile('人员.csv', gbk);
		expect(rows).toEqual([
			{
				row: 2,
				cells: expect.objectContaining({ username: '007', name: '张三', department: '办公室' })
			}
		]);
	});

	it('skips blank rows but keeps the row numbers Excel shows', async () => {
		const file = await xlsx([
			HEADER,
			['a1', '甲', '办公室'],
			[],
			['  ', ''],
			['b2', '乙', '办公室', '', '', '', '', '2001年2月3日']
		]);
		const rows = await readImportFile('a.xlsx', file);
		expect(rows.map((r) => [r.row, r.cells.username, r.cells.workStartDate])).toEqual([
			[2, 'a1', ''],
			[5, 'b2', '2001-02-03']
		]);
	});
});
