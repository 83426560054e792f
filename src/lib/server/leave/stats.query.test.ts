import ExcelJS from 'exceljs';
import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { describeEachDialect } from '../testing/each-dialect';
import { boardWorld, leaveRow, setWorkStart, type BoardWorld } from './board.test-helpers';
import { buildLeaveStatsWorkbook } from './stats-xlsx';
import { leaveStats } from './stats.query';

const name = (err: unknown) => (err as Error).name;

describeEachDialect('请休假统计', (ctx) => {
	let w: BoardWorld;
	beforeEach(async () => {
		setClock('2026-12-07T01:30:00Z');
		w = await boardWorld(ctx.db());
		const db = ctx.db();
		await setWorkStart(db, w.staffA.id, '2010-03-01'); // 15 years by 2026 → 10 days
		await setWorkStart(db, w.staffB.id, '2024-06-01'); // 1 year → 5 days
		const a = { userId: w.staffA.id, departmentId: w.deptA };
		await leaveRow(db, {
			...a,
			start: ['2026-03-02', 'am'],
			end: ['2026-03-04', 'pm'],
			halfDays: 6
		});
		// 2 days approved, 销假 a day early: 1 day given back.
		await leaveRow(db, {
			...a,
			start: ['2026-05-11', 'am'],
			end: ['2026-05-12', 'pm'],
			halfDays: 4,
			returned: ['2026-05-12', 'am', 2]
		});
		await leaveRow(db, {
			...a,
			type: 'personal',
			start: ['2026-06-01', 'pm'],
			end: ['2026-06-01', 'pm'],
			halfDays: 1
		});
		// Pending and last year's leave do not count.
		await leaveRow(db, {
			...a,
			start: ['2026-12-14', 'am'],
			end: ['2026-12-14', 'pm'],
			halfDays: 2,
			status: 'pending'
		});
		await leaveRow(db, {
			...a,
			start: ['2025-12-01', 'am'],
			end: ['2025-12-01', 'pm'],
			halfDays: 2
		});
		await leaveRow(db, {
			userId: w.staffA2.id,
			departmentId: w.deptA,
			type: 'sick',
			start: ['2026-09-01', 'am'],
			end: ['2026-09-02', 'pm'],
			halfDays: 4
		});
		await leaveRow(db, {
			userId: w.staffB.id,
			departmentId: w.deptB,
			start: ['2026-07-06', 'am'],
			end: ['2026-07-06', 'pm'],
			halfDays: 2
		});
	});

	it('per person, department and type, with the 销假 return deducted', async () => {
		const s = await leaveStats(ctx.db(), w.office.actor);
		expect(s.year).toBe(2026);
		const li = s.people.find((p) => p.userId === w.staffA.id)!;
		expect(li).toMatchObject({ annualQuota: 10, annualUsed: 4, annualLeft: 6, total: 4.5 });
		expect(li.days).toMatchObject({ annual: 4, personal: 0.5, sick: 0 });
		const wang = s.people.find((p) => p.userId === w.staffA2.id)!;
		expect(wang).toMatchObject({ annualQuota: 0, needsWorkStart: true, total: 2 });
		expect(s.people.find((p) => p.userId === w.staffB.id)).toMatchObject({
			annualQuota: 5,
			annualUsed: 1,
			annualLeft: 4
		});
		// The administrator never asks for leave and is left out.
		expect(s.people.some((p) => p.userId === w.admin.id)).toBe(false);
		const deptA = s.byDepartment.find((g) => g.departmentId === w.deptA)!;
		expect(deptA).toMatchObject({ people: 3, total: 6.5, annualUsed: 4 });
		expect(deptA.days).toMatchObject({ annual: 4, personal: 0.5, sick: 2 });
		expect(s.byType.find((t) => t.type === 'annual')).toEqual({
			type: 'annual',
			people: 2,
			days: 5
		});
		expect(s.total.total).toBe(7.5);
		const last = await leaveStats(ctx.db(), w.office.actor, { year: 2025 });
		expect(last.total.total).toBe(1);
	});

	it('a department head sees their own department; others are refused', async () => {
		const s = await leaveStats(ctx.db(), w.headA.actor);
		expect(s.departmentId).toBe(w.deptA);
		expect(s.canChooseDepartment).toBe(false);
		expect(new Set(s.people.map((p) => p.departmentId))).toEqual(new Set([w.deptA]));
		expect(
			name(await leaveStats(ctx.db(), w.headA.actor, { departmentId: w.deptB }).catch((e) => e))
		).toBe('ForbiddenError');
		expect(name(await leaveStats(ctx.db(), w.staffA.actor).catch((e) => e))).toBe('ForbiddenError');
		const one = await leaveStats(ctx.db(), w.leader.actor, { departmentId: w.deptB });
		expect(one.people.map((p) => p.name).sort()).toEqual(['周主任', '赵科长', '陈静'].sort());
	});

	it('the .xlsx has the header row and the person’s numbers', async () => {
		const s = await leaveStats(ctx.db(), w.office.actor);
		const body = await buildLeaveStatsWorkbook('某某局', s);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(body as unknown as ArrayBuffer);
		const sheet = wb.worksheets[0];
		expect(sheet.getRow(1).getCell(1).value).toBe('某某局2026年请休假统计');
		const header = (sheet.getRow(2).values as unknown[]).slice(1);
		expect(header.slice(0, 6)).toEqual([
			'姓名',
			'部门',
			'年休假应休',
			'年休假已休',
			'年休假剩余',
			'年休假'
		]);
		expect(header.at(-1)).toBe('合计（天）');
		let li: unknown[] | undefined;
		sheet.eachRow((row) => {
			const v = (row.values as unknown[]).slice(1);
			if (v[0] === '李明') li = v;
		});
		expect(li?.slice(0, 7)).toEqual(['李明', '综合科', 10, 4, 6, 4, 0.5]);
		expect(li?.at(-1)).toBe(4.5);
		expect(wb.worksheets.map((x) => x.name)).toEqual(['按人员', '按部门', '按假别']);
	});
});
