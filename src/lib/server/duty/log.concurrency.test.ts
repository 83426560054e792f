import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { addLogEntry, acknowledgeHandover, writeHandover } from './log.service';
import { D1, DAY, logFixtures } from './log.test-helpers';
import { N, parallelHarness } from './duty.test-helpers';

describeEachDialect('duty log, 20 identical calls at once', (ctx) => {
	const { burst } = parallelHarness(ctx);
	const db = () => ctx.db();
	const { roster, entryCount } = logFixtures(db);

	it('值班记录: one entry however often it is sent', async () => {
		const { wang, call } = await roster();
		const r = await burst((w) => addLogEntry(w, wang.actor, call()));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set(['这条记录已经保存过了']));
		expect(await entryCount()).toBe(1);
		expect(r.audit).toEqual({ 'duty_log.add': 1 });
		expect([r.notifications, r.mails]).toEqual([[], 0]);
	});

	it('交班事项: written once when sent twenty times', async () => {
		const { wang, at } = await roster();
		const input = { ...at(DAY, D1), note: '幸福小区停水待跟进' };
		const r = await burst((w) => writeHandover(w, wang.actor, input));
		expect(r.ok).toHaveLength(N);
		const rows = await db().selectFrom('duty_handovers').select('note').execute();
		expect(rows).toEqual([{ note: '幸福小区停水待跟进' }]);
		expect(r.audit).toEqual({ 'duty_handover.write': 1 });
	});

	it('接班确认: acknowledged once, the writer told once', async () => {
		const { wang, chen, at, p } = await roster();
		await writeHandover(db(), wang.actor, { ...at(DAY, D1), note: '幸福小区停水待跟进' });
		const key = { shiftId: p.shiftIds[DAY], date: D1 };
		const r = await burst((w) => acknowledgeHandover(w, chen.actor, key));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set(['交班事项已经确认过了']));
		expect(r.notifications).toEqual([`${wang.id}:duty_handover`]);
		expect(r.audit).toEqual({ 'duty_handover.acknowledge': 1 });
	});
});
