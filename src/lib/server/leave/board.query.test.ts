import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { describeEachDialect } from '../testing/each-dialect';
import { boardWorld, leaveRow, type BoardWorld } from './board.test-helpers';
import { leaveBoard } from './board.query';
import { reportOuting } from './outings.service';

const name = (err: unknown) => (err as Error).name;

describeEachDialect('在岗情况', (ctx) => {
	let w: BoardWorld;
	beforeEach(async () => {
		// Monday 7 December 2026, 09:30 in the office; the board is read for Tuesday the 8th.
		setClock('2026-12-07T01:30:00Z');
		w = await boardWorld(ctx.db());
		const db = ctx.db();
		await leaveRow(db, {
			userId: w.staffA.id,
			departmentId: w.deptA,
			start: ['2026-12-07', 'am'],
			end: ['2026-12-09', 'pm'],
			halfDays: 6
		});
		await leaveRow(db, {
			userId: w.staffA2.id,
			departmentId: w.deptA,
			type: 'personal',
			start: ['2026-12-08', 'pm'],
			end: ['2026-12-08', 'pm'],
			halfDays: 1
		});
		await leaveRow(db, {
			userId: w.headA.id,
			departmentId: w.deptA,
			type: 'sick',
			start: ['2026-12-08', 'am'],
			end: ['2026-12-08', 'am'],
			halfDays: 1
		});
		// 销假: back on the morning of the 8th, so not on leave that day.
		await leaveRow(db, {
			userId: w.headB.id,
			departmentId: w.deptB,
			type: 'sick',
			start: ['2026-12-01', 'am'],
			end: ['2026-12-10', 'pm'],
			halfDays: 16,
			returned: ['2026-12-08', 'am', 6]
		});
		// Still being approved: does not count.
		await leaveRow(db, {
			userId: w.staffB.id,
			departmentId: w.deptB,
			start: ['2026-12-08', 'am'],
			end: ['2026-12-08', 'pm'],
			halfDays: 2,
			status: 'pending'
		});
		const trip = { date: '2026-12-08', destination: '市档案馆', matter: '查阅档案' };
		await reportOuting(db, w.staffB.actor, { ...trip, outAt: '10:00', backBy: '11:30' });
		await reportOuting(db, w.headA.actor, { ...trip, outAt: '14:00', backBy: '15:00' });
	});

	it('counts 在编 / 请假 / 外出 / 在岗 per department with half days', async () => {
		const b = await leaveBoard(ctx.db(), w.office.actor, { date: '2026-12-08' });
		expect(b.scope).toBe('all');
		expect(b.total).toEqual({ staff: 7, onLeave: 3, out: 1, present: 3 });
		const [a, bDept, none] = b.departments;
		expect([a.name, a.staff, a.onLeave, a.out, a.present]).toEqual(['综合科', 3, 3, 0, 0]);
		expect(a.leave.map((l) => [l.name, l.type, l.half, l.until])).toEqual([
			['张科长', 'sick', 'am', { date: '2026-12-08', half: 'am' }],
			['李明', 'annual', 'day', { date: '2026-12-09', half: 'pm' }],
			['王芳', 'personal', 'pm', { date: '2026-12-08', half: 'pm' }]
		]);
		// The head on leave in the morning is listed going out in the afternoon, counted once.
		expect(a.outings.map((o) => [o.name, o.outAt])).toEqual([['张科长', '14:00']]);
		expect([bDept.name, bDept.staff, bDept.onLeave, bDept.out, bDept.present]).toEqual([
			'财务科',
			3,
			0,
			1,
			2
		]);
		expect(bDept.outings.map((o) => [o.name, o.destination, o.backBy, o.state])).toEqual([
			['陈静', '市档案馆', '11:30', 'planned']
		]);
		expect([none.departmentId, none.staff, none.present]).toEqual([null, 1, 1]);
	});

	it('today: an outing counts once under way, and is 超时未返回 after its back-by time', async () => {
		setClock('2026-12-08T01:00:00Z'); // 09:00
		let b = await leaveBoard(ctx.db(), w.leader.actor);
		expect(b.date).toBe('2026-12-08');
		expect(b.departments[1].out).toBe(0);
		setClock('2026-12-08T04:00:00Z'); // 12:00
		b = await leaveBoard(ctx.db(), w.leader.actor);
		expect(b.departments[1].out).toBe(1);
		expect(b.departments[1].outings[0].state).toBe('overdue');
	});

	it('a department head sees their own department only; staff are refused', async () => {
		const b = await leaveBoard(ctx.db(), w.headB.actor, { date: '2026-12-08' });
		expect(b.scope).toBe('department');
		expect(b.departments.map((d) => d.name)).toEqual(['财务科']);
		expect(b.total).toEqual({ staff: 3, onLeave: 0, out: 1, present: 2 });
		expect(name(await leaveBoard(ctx.db(), w.staffA.actor).catch((e) => e))).toBe('ForbiddenError');
		expect(name(await leaveBoard(ctx.db(), w.admin.actor).catch((e) => e))).toBe('ForbiddenError');
	});

	it('an invalid date is a field error', async () => {
		const e = await leaveBoard(ctx.db(), w.office.actor, { date: '2026-02-30' }).catch((x) => x);
		expect(name(e)).toBe('ValidationError');
	});
});
