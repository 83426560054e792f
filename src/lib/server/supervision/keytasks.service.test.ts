import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { setClock } from '../clock';
import { ForbiddenError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { findItemById } from './items.repository';
import { listMilestones } from './milestones.repository';
import { importKeyTasks, previewKeyTasks } from './keytasks.service';
import { supervisionWorld } from './supervision.test-helpers';

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

async function file(rows: unknown[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet('重点工作');
	sheet.addRow(HEAD);
	for (const r of rows) sheet.addRow(r);
	return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describeEachDialect('年度重点工作 import', ({ db }) => {
	const good = [
		[
			1,
			'推进一网通办',
			'高频事项网上办理',
			'财务科',
			'人事科',
			'周经办',
			'2027-12-31',
			'制定方案',
			'系统对接',
			'',
			'全面推广'
		],
		[2, '完善内控制度', '', '人事科', '', '', '2027年5月15日', '梳理制度', '印发', '', '']
	];

	it('previews, then imports every row as a key-task item with quarterly milestones', async () => {
		setClock('2026-12-10T02:00:00Z');
		const w = await supervisionWorld(db());
		const preview = await previewKeyTasks(db(), w.supervisor.actor, {
			year: 2027,
			fileName: '重点工作.xlsx',
			bytes: await file(good)
		});
		expect(preview.badCount).toBe(0);
		const { created } = await importKeyTasks(db(), w.supervisor.actor, {
			year: 2027,
			rows: preview.rows.map((r) => ({ row: r.row, cells: r.cells }))
		});
		expect(created.map((c) => c.number)).toEqual(['督〔2026〕1号', '督〔2026〕2号']);
		const first = (await findItemById(db(), created[0].id))!;
		expect(first).toMatchObject({
			source: 'key_task',
			sourceRef: '2027年度重点工作第1项',
			title: '推进一网通办',
			leadDepartmentId: w.lead,
			coDepartmentIds: [w.co],
			responsibleId: w.responsible.id,
			deadline: '2027-12-31',
			status: 'registered'
		});
		expect((await listMilestones(db(), created[0].id)).map((x) => [x.title, x.dueDate])).toEqual([
			['制定方案', '2027-03-31'],
			['系统对接', '2027-06-30'],
			['全面推广', '2027-12-31']
		]);
		// The deadline inside the second quarter ends its milestone.
		expect((await listMilestones(db(), created[1].id)).map((x) => x.dueDate)).toEqual([
			'2027-03-31',
			'2027-05-15'
		]);
		expect((await auditRows(db(), 'supervision.register')).length).toBe(2);
		expect((await auditRows(db(), 'supervision.import')).map((r) => r.changes)).toEqual([
			{ year: 2027, count: 2, numbers: ['督〔2026〕1号', '督〔2026〕2号'] }
		]);
	});

	it('an unknown department, person or a past date shows on its row; nothing is imported', async () => {
		setClock('2026-12-10T02:00:00Z');
		const w = await supervisionWorld(db());
		const rows = [
			...good,
			[3, '信息化建设', '', '科技处', '人事科、财务处', '无名氏', '2026-11-30', '', '', '', ''],
			[4, '年终总结', '', '财务科', '', '', '2027-02-28', '', '', '三季度节点', '']
		];
		const preview = await previewKeyTasks(db(), w.leader.actor, {
			year: 2027,
			fileName: 'k.xlsx',
			bytes: await file(rows)
		});
		expect(preview.badCount).toBe(2);
		expect(preview.rows.map((r) => r.errors)).toEqual([
			[],
			[],
			[
				'没有名为“科技处”的单位',
				'没有名为“财务处”的单位',
				'没有名为“无名氏”的人员',
				'完成时限不能早于今天'
			],
			['三季度的节点在完成时限之后，请调整完成时限或删去该节点']
		]);
		const e = await importKeyTasks(db(), w.supervisor.actor, {
			year: 2027,
			rows: preview.rows.map((r) => ({ row: r.row, cells: r.cells }))
		}).catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		expect((e as ValidationError).message).toBe('有 2 项有问题，未导入任何一项');
		const count = await db()
			.selectFrom('supervision_items')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(0);
		expect(await auditRows(db(), 'supervision.import')).toEqual([]);
	});

	it('a department made inactive after the preview refuses the whole import', async () => {
		setClock('2026-12-10T02:00:00Z');
		const w = await supervisionWorld(db());
		// 人事科 is closed down between the preview and the import.
		const preview = await previewKeyTasks(db(), w.supervisor.actor, {
			year: 2027,
			fileName: 'k.xlsx',
			bytes: await file(good)
		});
		await db()
			.updateTable('departments')
			.set({ is_active: false })
			.where('id', '=', w.co)
			.execute();
		const e = await importKeyTasks(db(), w.supervisor.actor, {
			year: 2027,
			rows: preview.rows.map((r) => ({ row: r.row, cells: r.cells }))
		}).catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		const count = await db()
			.selectFrom('supervision_items')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(0);
	});

	it('departments, the office and staff cannot import', async () => {
		const w = await supervisionWorld(db());
		const bytes = await file(good);
		for (const u of [w.office, w.leadHead, w.leadStaff]) {
			await expect(
				previewKeyTasks(db(), u.actor, { year: 2027, fileName: 'k.xlsx', bytes })
			).rejects.toThrow(ForbiddenError);
			await expect(
				importKeyTasks(db(), u.actor, {
					year: 2027,
					rows: [{ row: 2, cells: { title: 'x', lead: '财务科', deadline: '2027-12-31' } }]
				})
			).rejects.toThrow(ForbiddenError);
		}
	});
});
