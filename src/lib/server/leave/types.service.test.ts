import { beforeEach, expect, it } from 'vitest';
import { LEAVE_TYPES } from '$lib/domain/leave';
import { setClock } from '../clock';
import type { ApprovalWorld } from '../approval/approval.test-helpers';
import { describeEachDialect } from '../testing/each-dialect';
import { leaveBalances } from './balance.service';
import { submitLeave } from './requests.service';
import { at, auditActions, leaveWorld, refusal, SEPT_1, threeDays } from './requests.test-helpers';
import { getLeaveTypeRules, saveLeaveTypeRules } from './types.service';

/** The form as the settings page posts it, from the rules in force, with changes. */
async function form(db: Parameters<typeof getLeaveTypeRules>[0], change: Record<string, unknown>) {
	const rules = await getLeaveTypeRules(db);
	const out: Record<string, unknown> = {};
	for (const t of LEAVE_TYPES) {
		const r = rules[t];
		out[`${t}_count`] = r.countsWorkingDays ? 'working' : 'calendar';
		if (r.allowsHalfDays) out[`${t}_half`] = 'on';
		out[`${t}_proof`] = r.proofAfterDays === null ? '' : String(r.proofAfterDays);
		out[`${t}_quota`] = r.yearlyQuota === null ? '' : String(r.yearlyQuota);
	}
	return { ...out, ...change };
}

describeEachDialect('假别设置', ({ db }) => {
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(SEPT_1);
		w = await leaveWorld(db());
	});

	it('the administrator changes a rule; it applies to new requests; unchanged saves write nothing', async () => {
		await saveLeaveTypeRules(db(), w.admin.actor, await form(db(), {}));
		expect(await auditActions(db())).toEqual([]);
		// 事假: at most 5 days a year, whole days only.
		await saveLeaveTypeRules(
			db(),
			w.admin.actor,
			await form(db(), { personal_quota: '5', personal_half: undefined })
		);
		expect((await getLeaveTypeRules(db())).personal).toEqual({
			countsWorkingDays: true,
			allowsHalfDays: false,
			proofAfterDays: null,
			yearlyQuota: 5
		});
		expect(await auditActions(db())).toEqual(['leave.types']);
		const personal = (await leaveBalances(db(), w.staff.id, 2026)).find(
			(b) => b.type === 'personal'
		);
		expect(personal).toMatchObject({ quotaHalfDays: 10, leftHalfDays: 10 });
		expect(
			await refusal(
				submitLeave(
					db(),
					w.staff.actor,
					threeDays({ type: 'personal', startHalf: 'pm' }),
					at(SEPT_1)
				)
			)
		).toMatchObject({ fields: { startHalf: '事假按整天请假，不能选择半天。' } });
	});

	it('only the administrator may change them, and bad values are refused', async () => {
		for (const who of [w.office, w.leader, w.staff])
			expect((await refusal(saveLeaveTypeRules(db(), who.actor, await form(db(), {})))).name).toBe(
				'ForbiddenError'
			);
		expect(
			await refusal(
				saveLeaveTypeRules(
					db(),
					w.admin.actor,
					await form(db(), { sick_proof: '-1', annual_quota: 'x' })
				)
			)
		).toMatchObject({
			name: 'ValidationError',
			fields: { sick_proof: expect.any(String), annual_quota: expect.any(String) }
		});
		expect(await auditActions(db())).toEqual([]);
	});

	it('a quota the office set for the year wins over the rule', async () => {
		await db()
			.insertInto('leave_quotas')
			.values({
				user_id: w.staff.id,
				year: 2026,
				type: 'annual',
				half_days: 30,
				note: '含上年结转 5 天',
				set_by: w.office.id,
				set_at: SEPT_1
			})
			.execute();
		const annual = (await leaveBalances(db(), w.staff.id, 2026)).find((b) => b.type === 'annual');
		expect(annual).toMatchObject({ quotaHalfDays: 30, leftHalfDays: 30 });
	});
});
