import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import {
	approvalTrail,
	decideApproval,
	findApproval,
	startApproval,
	withdrawApproval
} from './approval.service';
import { approvalWorld, inTrx, MONDAY, TODAY, type ApprovalWorld } from './approval.test-helpers';
import { setDelegation } from './delegations.service';
import { saveApprovalRules } from './rules.service';
import { auditRows } from '../testing/audit-rows';

describeEachDialect('approval engine in parallel', (ctx) => {
	const wide = wideDbPerTest(ctx, 8);
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(MONDAY);
		w = await approvalWorld(ctx.db());
	});

	const start = (subjectId: number, days: number) =>
		inTrx(ctx.db(), (trx) =>
			startApproval(trx, {
				kind: 'leave',
				subjectId,
				applicantId: w.staff.id,
				days,
				type: 'annual',
				at: MONDAY
			})
		);

	it('8 approvals of one step at once: one decides, the others are told', async () => {
		await start(1, 3);
		const out = await inParallel(8, () =>
			inTrx(wide(), (trx) =>
				decideApproval(trx, w.head.actor, 'leave', 1, { decision: 'approve', comment: '' }, MONDAY)
			)
		);
		expect(out.ok).toHaveLength(1);
		expect(out.errors).toHaveLength(7);
		expect(onlyUserErrors(out.errors)).toBe(true);
		expect(await findApproval(ctx.db(), 'leave', 1)).toMatchObject({
			status: 'pending',
			position: 1
		});
		expect((await approvalTrail(ctx.db(), 'leave', 1)).map((s) => s.status)).toEqual([
			'approved',
			'pending'
		]);
	});

	it('approve and send back at once, by the head and a stand-in: one wins', async () => {
		await setDelegation(ctx.db(), w.head.actor, {
			delegateId: w.office.id,
			startDate: TODAY,
			endDate: TODAY
		});
		await start(2, 1);
		const out = await inParallel(8, (i) =>
			inTrx(wide(), (trx) =>
				decideApproval(
					trx,
					i % 2 ? w.office.actor : w.head.actor,
					'leave',
					2,
					i % 2
						? { decision: 'send_back', comment: '请重填' }
						: { decision: 'approve', comment: '' },
					MONDAY
				)
			)
		);
		expect(out.ok).toHaveLength(1);
		expect(onlyUserErrors(out.errors)).toBe(true);
		const r = await findApproval(ctx.db(), 'leave', 2);
		expect(['approved', 'sent_back']).toContain(r?.status);
		const [step] = await approvalTrail(ctx.db(), 'leave', 2);
		expect(step.status).toBe(r?.status);
	});

	it('a withdrawal and decisions at once: exactly one of them happens', async () => {
		await start(3, 3);
		const out = await inParallel(8, (i) =>
			inTrx(wide(), (trx): Promise<unknown> =>
				i === 0
					? withdrawApproval(trx, w.staff.actor, 'leave', 3, MONDAY)
					: decideApproval(
							trx,
							w.head.actor,
							'leave',
							3,
							{ decision: 'approve', comment: '' },
							MONDAY
						)
			)
		);
		expect(out.ok).toHaveLength(1);
		expect(onlyUserErrors(out.errors)).toBe(true);
		const r = await findApproval(ctx.db(), 'leave', 3);
		const steps = (await approvalTrail(ctx.db(), 'leave', 3)).map((s) => s.status);
		if (r?.status === 'withdrawn') expect(steps).toEqual(['withdrawn', 'withdrawn']);
		else expect(steps).toEqual(['approved', 'pending']);
	});

	it('one delegation for overlapping dates when set 8 times at once', async () => {
		const out = await inParallel(8, () =>
			setDelegation(wide(), w.head.actor, {
				delegateId: w.office.id,
				startDate: TODAY,
				endDate: '2026-12-12'
			})
		);
		expect(out.ok).toHaveLength(1);
		expect(onlyUserErrors(out.errors)).toBe(true);
		expect(await auditRows(ctx.db(), 'approval.delegate')).toHaveLength(1);
	});

	it('the same rules saved 8 times at once are audited once', async () => {
		const rows = [
			{ maxDays: 2, steps: ['dept_head' as const] },
			{ steps: ['dept_head' as const, 'principal_leader' as const] }
		];
		const out = await inParallel(8, () => saveApprovalRules(wide(), w.admin.actor, 'leave', rows));
		expect(out.errors).toEqual([]);
		expect(await auditRows(ctx.db(), 'approval.rules_save')).toHaveLength(1);
	});
});
