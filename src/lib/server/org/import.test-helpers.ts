import ExcelJS from 'exceljs';
import type { DB } from '../db';
import { newDepartment, newUser } from '../testing/fixtures';

export const HEADER = [
	'用户名',
	'姓名',
	'部门',
	'职务',
	'排序号',
	'手机',
	'邮箱',
	'参加工作日期',
	'角色',
	'初始密码'
];

export async function xlsx(rows: unknown[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.addWorksheet('人员').addRows(rows);
	return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function csv(rows: unknown[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.addWorksheet('people').addRows(rows);
	const body = Buffer.from((await wb.csv.writeBuffer()) as ArrayBuffer);
	return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
}

export async function userCount(db: DB): Promise<number> {
	const r = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function setup(db: DB) {
	const office = await newDepartment(db, { name: '办公室' });
	const section = await newDepartment(db, { name: '综合科' });
	const admin = await newUser(db, { username: 'admin1', roles: ['admin'], departmentId: office });
	return { office, section, admin: admin.actor };
}
