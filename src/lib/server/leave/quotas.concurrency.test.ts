import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { ApprovalWorld } from '../approval/approval.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { clearLeaveQuota, setLeaveQuota } from './quotas.service';
import { leaveWorld, SEPT_1 } from './requests.test-helpers';

const N = 20;
const KEY = { year: 2026, type: 'annual' as const };

describeEachDialect('假期额度, 20 calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(SEPT_1);
		w = await leaveWorld(ctx.db());
	});

	const rows = () => ctx.db().selectFrom('leave_quotas').selectAll().execute();

	it('20 different quotas at once: one row, 20 audit rows, each "before" the previous "after"', async () => {
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			setLeaveQuota(wide, w.office.actor, {
				userId: w.staff.id,
				...KEY,
				days: String(10 + i / 2),
				note: `第 ${i} 次`
			})
		);
		expect(errors).toEqual([]);
		expect(ok).toHaveLength(N);
		const stored = await rows();
		expect(stored).toHaveLength(1);
		const audits = (await auditRows(ctx.db(), 'leave.quota_set')).map(
			(a) => a.changes as { days: [number | null, number]; note: [string | null, string] }
		);
		expect(audits).toHaveLength(N);
		// The saves applied one after another: a chain from nothing to what is stored.
		expect(audits[0].days[0]).toBeNull();
		expect(audits[0].note[0]).toBeNull();
		for (let i = 1; i < N; i++) {
			expect(audits[i].days[0]).toBe(audits[i - 1].days[1]);
			expect(audits[i].note[0]).toBe(audits[i - 1].note[1]);
		}
		expect(stored[0].half_days).toBe(audits[N - 1].days[1] * 2);
		expect(stored[0].note).toBe(audits[N - 1].note[1]);
		// Every save is in the chain once.
		expect(new Set(audits.map((a) => a.note[1])).size).toBe(N);
	});

	it('20 identical saves at once: one row, one audit row', async () => {
		const wide = openWide();
		const { ok, errors } = await inParallel(N, () =>
			setLeaveQuota(wide, w.office.actor, { userId: w.staff.id, ...KEY, days: '12', note: '结转' })
		);
		expect(errors).toEqual([]);
		expect(ok).toHaveLength(N);
		expect(await rows()).toMatchObject([{ half_days: 24, note: '结转' }]);
		expect(await auditRows(ctx.db(), 'leave.quota_set')).toHaveLength(1);
	});

	it('20 恢复按规则 at once: one removes it, the others are told there is nothing to restore', async () => {
		await setLeaveQuota(ctx.db(), w.office.actor, {
			userId: w.staff.id,
			...KEY,
			days: '12',
			note: ''
		});
		const wide = openWide();
		const { ok, errors } = await inParallel(N, () =>
			clearLeaveQuota(wide, w.office.actor, { userId: w.staff.id, ...KEY })
		);
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(await rows()).toEqual([]);
		expect(await auditRows(ctx.db(), 'leave.quota_clear')).toHaveLength(1);
	});

	it('saves and 恢复按规则 mixed at once: the audit rows still chain to what is stored', async () => {
		const wide = openWide();
		const { errors } = await inParallel(N, (i) =>
			i % 2
				? clearLeaveQuota(wide, w.office.actor, { userId: w.staff.id, ...KEY })
				: setLeaveQuota(wide, w.office.actor, {
						userId: w.staff.id,
						...KEY,
						days: String(10 + i),
						note: `第 ${i} 次`
					})
		);
		expect(onlyUserErrors(errors)).toBe(true);
		const audits = (await auditRows(ctx.db()))
			.filter((a) => a.action.startsWith('leave.quota'))
			.map((a) => a.changes as { days: [number | null, number | null] });
		expect(audits.length).toBe(N - errors.length);
		let current: number | null = null;
		for (const a of audits) {
			expect(a.days[0]).toBe(current);
			current = a.days[1];
		}
		const stored = await rows();
		expect(stored.length ? stored[0].half_days / 2 : null).toBe(current);
	});
});
