import ExcelJS from 'exceljs';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { requirePage } from '$lib/server/http';
import { canAdminister } from '$lib/server/permissions';
import { getDepartments } from '$lib/server/org/departments.service';
import {
	IMPORT_COLUMNS,
	REQUIRED_COLUMNS,
	ROLE_NAMES,
	headerOf,
	type ImportColumn
} from '$lib/server/org/import.parse';
import type { RequestHandler } from './$types';

// Text cells keep leading zeros in usernames and phone numbers.
const FORMATS: Partial<Record<ImportColumn, string>> = {
	username: '@',
	phone: '@',
	password: '@',
	workStartDate: 'yyyy-mm-dd'
};

function notes(departments: string[]): Record<ImportColumn, string> {
	return {
		username: m.import_tpl_username(),
		name: m.import_tpl_name(),
		department: m.import_tpl_department({ names: departments.join('、') || '—' }),
		title: m.import_tpl_title(),
		precedence: m.import_tpl_precedence(),
		phone: m.import_tpl_phone(),
		email: m.import_tpl_email(),
		workStartDate: m.import_tpl_work_start_date(),
		roles: m.import_tpl_roles({ names: Object.values(ROLE_NAMES).join('、') }),
		password: m.import_tpl_password()
	};
}

async function buildTemplate(departments: string[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(m.import_tpl_sheet());
	sheet.columns = IMPORT_COLUMNS.map((c) => ({
		header: headerOf(c),
		key: c,
		width: c === 'email' ? 28 : 16,
		style: { numFmt: FORMATS[c] ?? 'General' }
	}));
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	sheet.addRow({
		username: 'zhangsan',
		name: '张三',
		department: departments[0] ?? '办公室',
		title: '科员',
		precedence: 100,
		phone: '13800000000',
		email: 'zhangsan@example.gov.cn',
		workStartDate: new Date(Date.UTC(2015, 6, 1)),
		roles: ROLE_NAMES.staff,
		password: ''
	});
	const help = workbook.addWorksheet(m.import_tpl_notes_sheet());
	help.columns = [
		{ header: m.import_tpl_column(), width: 16 },
		{ header: m.import_tpl_required(), width: 8 },
		{ header: m.import_tpl_note(), width: 90 }
	];
	help.getRow(1).font = { bold: true };
	const text = notes(departments);
	for (const c of IMPORT_COLUMNS) {
		const required = REQUIRED_COLUMNS.includes(c) ? m.import_tpl_yes() : m.import_tpl_no();
		help.addRow([headerOf(c), required, text[c]]).alignment = { wrapText: true, vertical: 'top' };
	}
	return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export const GET: RequestHandler = async (event) => {
	requirePage(event, canAdminister);
	const departments = (await getDepartments(getDb())).filter((d) => d.isActive).map((d) => d.name);
	const body = await buildTemplate(departments);
	const name = encodeURIComponent(`${m.import_title()}.xlsx`);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="template.xlsx"; filename*=UTF-8''${name}`,
			'cache-control': 'no-store'
		}
	});
};
