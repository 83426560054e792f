import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { boardWorld, outingNotices, type BoardWorld } from './board.test-helpers';
import { findOutingById } from './outings.repository';
import { cancelOuting, markOutingBack, reportOuting } from './outings.service';

const N = 20;
const trip = { outAt: '10:00', backBy: '11:30', destination: '市政务中心', matter: '办理登记' };

describeEachDialect('外出报备, 20 calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);
	let w: BoardWorld;
	beforeEach(async () => {
		setClock('2026-12-07T01:30:00Z');
		w = await boardWorld(ctx.db());
	});

	it('20 "我已返回" at once mark it back once: one audit row', async () => {
		const id = await reportOuting(ctx.db(), w.staffA.actor, trip);
		const wide = openWide();
		const { ok, errors } = await inParallel(N, () => markOutingBack(wide, w.staffA.actor, id));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect((await findOutingById(ctx.db(), id))?.status).toBe('back');
		expect(await auditRows(ctx.db(), 'outing.back')).toHaveLength(1);
	});

	it('back and cancel at once: one of them wins', async () => {
		const id = await reportOuting(ctx.db(), w.staffA.actor, trip);
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			i % 2 ? markOutingBack(wide, w.staffA.actor, id) : cancelOuting(wide, w.staffA.actor, id)
		);
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		const audits = [
			...(await auditRows(ctx.db(), 'outing.back')),
			...(await auditRows(ctx.db(), 'outing.cancel'))
		];
		expect(audits).toHaveLength(1);
	});

	it('20 identical reports at once keep one outing: one audit row, one notice', async () => {
		const wide = openWide();
		const { ok, errors } = await inParallel(N, () => reportOuting(wide, w.staffA.actor, trip));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(await auditRows(ctx.db(), 'outing.report')).toHaveLength(1);
		expect(await outingNotices(ctx.db())).toEqual([w.headA.id]);
	});
});
