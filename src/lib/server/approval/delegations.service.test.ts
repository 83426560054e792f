import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import {
	approvalWorld,
	inTrx,
	MONDAY,
	refusal,
	TODAY,
	type ApprovalWorld
} from './approval.test-helpers';
import {
	addLeaveDelegation,
	endDelegation,
	endLeaveDelegation,
	listDelegations,
	setDelegation
} from './delegations.service';

describeEachDialect('代理审批人 (stand-ins)', ({ db }) => {
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(MONDAY);
		w = await approvalWorld(db());
	});

	const set = (who: ApprovalWorld['staff'], input: Parameters<typeof setDelegation>[2]) =>
		setDelegation(db(), who.actor, input, { at: MONDAY });

	it('an approver names a stand-in; audited; listed for both', async () => {
		const id = await set(w.head, {
			delegateId: w.staff.id,
			startDate: TODAY,
			endDate: '2026-12-11',
			reason: '外出学习'
		});
		const [row] = await auditRows(db(), 'approval.delegate');
		expect(row.entityId).toBe(String(id));
		expect(
			(await listDelegations(db(), w.head.actor, { at: MONDAY })).mine.map((d) => d.delegateName)
		).toEqual(['李明']);
		const staffView = await listDelegations(db(), w.staff.actor, { at: MONDAY });
		expect(staffView.forMe.map((d) => d.userName)).toEqual(['孙科长']);
		expect(staffView.all).toBeNull();
		expect((await listDelegations(db(), w.office.actor, { at: MONDAY })).all).toHaveLength(1);
	});

	it('refuses reversed dates, oneself, an inactive person, an overlap, past dates', async () => {
		expect(
			(
				await refusal(
					set(w.head, { delegateId: w.staff.id, startDate: '2026-12-10', endDate: TODAY })
				)
			).fields
		).toEqual({ endDate: '结束日期不能早于开始日期' });
		expect(
			(await refusal(set(w.head, { delegateId: w.head.id, startDate: TODAY, endDate: TODAY })))
				.fields
		).toEqual({ delegateId: '代理审批人不能是本人' });
		const gone = await newUser(db(), { isActive: false });
		expect(
			(await refusal(set(w.head, { delegateId: gone.id, startDate: TODAY, endDate: TODAY }))).fields
		).toEqual({ delegateId: '代理审批人已停用，请另选一人' });
		expect(
			(
				await refusal(
					set(w.head, { delegateId: w.staff.id, startDate: '2026-12-01', endDate: '2026-12-04' })
				)
			).fields
		).toEqual({ endDate: '结束日期已过，请选择今天或以后的日期' });
		await set(w.head, { delegateId: w.staff.id, startDate: TODAY, endDate: '2026-12-09' });
		expect(
			(
				await refusal(
					set(w.head, { delegateId: w.office.id, startDate: '2026-12-09', endDate: '2026-12-12' })
				)
			).fields?._
		).toContain('该期间已有代理审批人（李明');
		expect(await auditRows(db(), 'approval.delegate')).toHaveLength(1);
	});

	it('only the approver or the office sets or ends one for an approver', async () => {
		expect(
			(
				await refusal(
					set(w.staff, {
						userId: w.head.id,
						delegateId: w.staff.id,
						startDate: TODAY,
						endDate: TODAY
					})
				)
			).name
		).toBe('ForbiddenError');
		const id = await set(w.office, {
			userId: w.head.id,
			delegateId: w.staff.id,
			startDate: TODAY,
			endDate: TODAY
		});
		expect((await refusal(endDelegation(db(), w.staff.actor, id))).name).toBe('ForbiddenError');
		await endDelegation(db(), w.head.actor, id);
		expect(await auditRows(db(), 'approval.delegate_end')).toHaveLength(1);
		expect((await refusal(endDelegation(db(), w.head.actor, id))).fields).toEqual({
			_: '该代理已结束'
		});
		// Ended: the dates are free again.
		await set(w.head, { delegateId: w.office.id, startDate: TODAY, endDate: TODAY });
	});

	it('a leave delegation is made, shortened and ended by the leave module; a manual one wins', async () => {
		const id = await inTrx(db(), (trx) =>
			addLeaveDelegation(trx, {
				userId: w.head.id,
				delegateId: w.staff.id,
				startDate: '2026-12-08',
				endDate: '2026-12-12',
				leaveId: 7,
				at: MONDAY
			})
		);
		expect(id).toBeTypeOf('number');
		await inTrx(db(), (trx) => endLeaveDelegation(trx, 7, '2026-12-10', MONDAY));
		let mine = (await listDelegations(db(), w.head.actor, { at: MONDAY })).mine;
		expect(mine.map((d) => [d.source, d.endDate])).toEqual([['leave', '2026-12-10']]);
		await inTrx(db(), (trx) => endLeaveDelegation(trx, 7, null, MONDAY));
		mine = (await listDelegations(db(), w.head.actor, { at: MONDAY })).mine;
		expect(mine).toEqual([]);
		await set(w.head, { delegateId: w.office.id, startDate: TODAY, endDate: '2026-12-20' });
		expect(
			await inTrx(db(), (trx) =>
				addLeaveDelegation(trx, {
					userId: w.head.id,
					delegateId: w.staff.id,
					startDate: '2026-12-08',
					endDate: '2026-12-09',
					leaveId: 8,
					at: MONDAY
				})
			)
		).toBeNull();
	});
});
