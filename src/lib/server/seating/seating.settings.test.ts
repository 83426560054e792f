import { expect, it } from 'vitest';
import { ForbiddenError } from '../errors';
import { auditCount, newUser } from '../testing/fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, wideDbPerTest } from '../testing/parallel';
import { refusal } from '../testing/refusal';
import { setupPlan } from './seating.service';
import { getSeatingSettings, saveSeatingSettings } from './settings.service';
import { loadPlanPage } from './seating.query';
import { seatingWorld, setupForm } from './seating.test-helpers';

// The office's n=2 order (座次设置 on the rooms page): the default of every new plan.

describeEachDialect('座次设置: the office’s n=2 order', (ctx) => {
	const db = () => ctx.db();
	const wide = wideDbPerTest(ctx, 10);

	it('is 1 2 until the office changes it; a change is audited once, the same again not at all', async () => {
		const w = await seatingWorld(db());
		expect(await getSeatingSettings(db())).toEqual({ pair: '12' });
		const before = await auditCount(db());
		await saveSeatingSettings(db(), w.office.actor, { pair: '21' });
		await saveSeatingSettings(db(), w.office.actor, { pair: '21' });
		expect(await getSeatingSettings(db())).toEqual({ pair: '21' });
		expect(await auditCount(db())).toBe(before + 1);
		const row = await db()
			.selectFrom('audit_log')
			.select(['action', 'changes'])
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(row.action).toBe('seating.settings');
		expect(JSON.parse(String(row.changes))).toEqual({ pair: ['12', '21'] });
		// A new plan starts from it; a plan already set up keeps its own order.
		expect((await loadPlanPage(db(), w.office.actor, w.meetingId)).settings.pair).toBe('21');
		await setupPlan(db(), w.office.actor, w.meetingId, setupForm({ pair: '12' }));
		await saveSeatingSettings(db(), w.office.actor, { pair: '12' });
		await saveSeatingSettings(db(), w.office.actor, { pair: '21' });
		expect((await loadPlanPage(db(), w.office.actor, w.meetingId)).plan!.pair).toBe('12');
	});

	it('refuses a bad value in words; another user cannot change it', async () => {
		const w = await seatingWorld(db());
		const before = await auditCount(db());
		const bad = await refusal(saveSeatingSettings(db(), w.office.actor, { pair: '3' } as never));
		expect(bad.fields?.pair).toBe('请选择一项');
		const auditor = await newUser(db(), { name: '审计员', roles: ['auditor'] });
		for (const actor of [w.leaders[0].actor, auditor.actor])
			await expect(saveSeatingSettings(db(), actor, { pair: '21' })).rejects.toThrow(
				ForbiddenError
			);
		expect(await getSeatingSettings(db())).toEqual({ pair: '12' });
		expect(await auditCount(db())).toBe(before);
	});

	it('N parallel saves of one change: stored once, audited once', async () => {
		const w = await seatingWorld(db());
		const before = await auditCount(db());
		const r = await inParallel(10, () =>
			saveSeatingSettings(wide(), w.office.actor, { pair: '21' })
		);
		expect(r.errors).toEqual([]);
		expect(await getSeatingSettings(db())).toEqual({ pair: '21' });
		expect(await auditCount(db())).toBe(before + 1);
	});
});
