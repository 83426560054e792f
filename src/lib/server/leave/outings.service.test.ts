import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { boardWorld, outingNotices, type BoardWorld } from './board.test-helpers';
import { outingsPage } from './outings.query';
import { findOutingById } from './outings.repository';
import { cancelOuting, markOutingBack, reportOuting } from './outings.service';

// Monday 7 December 2026, 09:30 in Asia/Shanghai.
const NOW = '2026-12-07T01:30:00Z';
const trip = { outAt: '10:00', backBy: '11:30', destination: '市财政局', matter: '报送年度预算' };

const fieldsOf = (e: unknown) => (e as { fields?: Record<string, string> }).fields ?? {};

async function refused(work: Promise<unknown>): Promise<unknown> {
	try {
		await work;
	} catch (e) {
		return e;
	}
	throw new Error('expected a refusal');
}

describeEachDialect('外出报备', (ctx) => {
	let w: BoardWorld;
	beforeEach(async () => {
		setClock(NOW);
		w = await boardWorld(ctx.db());
	});

	it('reports an outing for today, audits it and tells the department head', async () => {
		const id = await reportOuting(ctx.db(), w.staffA.actor, trip);
		const o = await findOutingById(ctx.db(), id);
		expect(o).toMatchObject({
			userId: w.staffA.id,
			departmentId: w.deptA,
			date: '2026-12-07',
			outAt: '10:00',
			backBy: '11:30',
			status: 'out',
			backAt: null
		});
		const [row] = await auditRows(ctx.db(), 'outing.report');
		expect(row).toMatchObject({ entityId: String(id), actorId: w.staffA.id });
		expect(row.changes).toMatchObject({ date: '2026-12-07', destination: '市财政局' });
		expect(await outingNotices(ctx.db())).toEqual([w.headA.id]);
	});

	it('marks back with the time, then refuses to cancel or mark back again', async () => {
		const id = await reportOuting(ctx.db(), w.staffA.actor, trip);
		await markOutingBack(ctx.db(), w.staffA.actor, id, { at: new Date('2026-12-07T03:10:00Z') });
		expect(await findOutingById(ctx.db(), id)).toMatchObject({
			status: 'back',
			backAt: '2026-12-07T03:10:00.000Z'
		});
		expect(fieldsOf(await refused(markOutingBack(ctx.db(), w.staffA.actor, id)))._).toBe(
			'这次外出已标记为已返回'
		);
		expect(fieldsOf(await refused(cancelOuting(ctx.db(), w.staffA.actor, id)))._).toBe(
			'这次外出已标记为已返回'
		);
		expect(await auditRows(ctx.db(), 'outing.back')).toHaveLength(1);
		expect(await auditRows(ctx.db(), 'outing.cancel')).toHaveLength(0);
	});

	it('cancels an outing still out; it no longer blocks the same time', async () => {
		const id = await reportOuting(ctx.db(), w.staffA.actor, trip);
		await cancelOuting(ctx.db(), w.staffA.actor, id);
		expect((await findOutingById(ctx.db(), id))?.status).toBe('cancelled');
		expect(await auditRows(ctx.db(), 'outing.cancel')).toHaveLength(1);
		await reportOuting(ctx.db(), w.staffA.actor, trip);
	});

	it('another user cannot mark my outing back or cancel it', async () => {
		const id = await reportOuting(ctx.db(), w.staffA.actor, trip);
		// A colleague does not even see it; the head and the office see it but may not act.
		expect((await refused(markOutingBack(ctx.db(), w.staffA2.actor, id))) as Error).toHaveProperty(
			'name',
			'NotFoundError'
		);
		expect((await refused(markOutingBack(ctx.db(), w.headA.actor, id))) as Error).toHaveProperty(
			'name',
			'ForbiddenError'
		);
		expect((await refused(cancelOuting(ctx.db(), w.office.actor, id))) as Error).toHaveProperty(
			'name',
			'ForbiddenError'
		);
		expect((await refused(cancelOuting(ctx.db(), w.headB.actor, id))) as Error).toHaveProperty(
			'name',
			'NotFoundError'
		);
		expect((await findOutingById(ctx.db(), id))?.status).toBe('out');
		expect(await auditRows(ctx.db(), 'outing.back')).toHaveLength(0);
	});

	it('refuses a past date, a return before going out, bad times and overlaps', async () => {
		const past = fieldsOf(
			await refused(reportOuting(ctx.db(), w.staffA.actor, { ...trip, date: '2026-12-06' }))
		);
		expect(past.date).toBe('外出日期不能早于今天');
		const early = fieldsOf(
			await refused(
				reportOuting(ctx.db(), w.staffA.actor, { ...trip, outAt: '14:00', backBy: '13:00' })
			)
		);
		expect(early.backBy).toBe('预计返回时间应晚于外出时间');
		const bad = fieldsOf(
			await refused(reportOuting(ctx.db(), w.staffA.actor, { ...trip, outAt: '25:00' }))
		);
		expect(bad.outAt).toBeTruthy();
		await reportOuting(ctx.db(), w.staffA.actor, trip);
		const clash = fieldsOf(
			await refused(
				reportOuting(ctx.db(), w.staffA.actor, { ...trip, outAt: '11:00', backBy: '12:00' })
			)
		);
		expect(clash._).toContain('10:00—11:30');
		// Right after it, another day, or another person: fine.
		await reportOuting(ctx.db(), w.staffA.actor, { ...trip, outAt: '11:30', backBy: '12:00' });
		await reportOuting(ctx.db(), w.staffA.actor, { ...trip, date: '2026-12-08' });
		await reportOuting(ctx.db(), w.staffA2.actor, trip);
		expect(await auditRows(ctx.db(), 'outing.report')).toHaveLength(4);
	});

	it('after coming back early the rest of the planned time is free again', async () => {
		const id = await reportOuting(ctx.db(), w.staffA.actor, { ...trip, backBy: '16:00' });
		await markOutingBack(ctx.db(), w.staffA.actor, id, { at: new Date('2026-12-07T04:00:00Z') });
		await reportOuting(ctx.db(), w.staffA.actor, { ...trip, outAt: '13:00', backBy: '15:00' });
	});

	it('the administrator (三员) cannot report outings', async () => {
		expect((await refused(reportOuting(ctx.db(), w.admin.actor, trip))) as Error).toHaveProperty(
			'name',
			'ForbiddenError'
		);
	});

	it('the page: mine, the head sees the department, the office everyone, overdue marked', async () => {
		await reportOuting(ctx.db(), w.staffA.actor, trip);
		await reportOuting(ctx.db(), w.staffB.actor, { ...trip, outAt: '09:00', backBy: '09:20' });
		const mine = await outingsPage(ctx.db(), w.staffA.actor);
		expect(mine.mine.map((o) => o.state)).toEqual(['planned']);
		expect(mine.others).toBeNull();
		const head = await outingsPage(ctx.db(), w.headA.actor);
		expect(head.scope).toBe('department');
		expect(head.others?.map((o) => o.userName)).toEqual(['李明']);
		const office = await outingsPage(ctx.db(), w.office.actor, new Date('2026-12-07T02:30:00Z'));
		expect(office.scope).toBe('all');
		expect(office.others?.map((o) => [o.userName, o.state])).toEqual([
			['陈静', 'overdue'],
			['李明', 'out']
		]);
	});
});
