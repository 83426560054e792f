import { beforeEach, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_RULES } from '$lib/domain/approval-chain';
import { setClock } from '../clock';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { startApproval } from './approval.service';
import { approvalWorld, inTrx, MONDAY, refusal, type ApprovalWorld } from './approval.test-helpers';
import {
	getApprovalRules,
	getPrincipalLeaderId,
	isDefaultApprovalRules,
	restoreDefaultApprovalRules,
	saveApprovalRules,
	setPrincipalLeader
} from './rules.service';

describeEachDialect('approval rules table', ({ db }) => {
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(MONDAY);
		w = await approvalWorld(db());
	});

	it('defaults to the table of PRODUCT.md', async () => {
		expect(await getApprovalRules(db(), 'leave')).toEqual(DEFAULT_APPROVAL_RULES);
		expect(await isDefaultApprovalRules(db(), 'leave')).toBe(true);
	});

	it('saves a table, which then chooses chains; audited; restore brings back the default', async () => {
		await saveApprovalRules(db(), w.admin.actor, 'leave', [
			{ types: ['sick'], steps: ['dept_head'] },
			{ maxDays: '2', steps: ['dept_head', 'responsible_leader'] },
			{ minDays: '', applicantRoles: [], steps: ['dept_head', 'principal_leader'] }
		]);
		expect(await getApprovalRules(db(), 'leave')).toEqual([
			{ types: ['sick'], steps: ['dept_head'] },
			{ maxDays: 2, steps: ['dept_head', 'responsible_leader'] },
			{ steps: ['dept_head', 'principal_leader'] }
		]);
		const chain = await inTrx(db(), (trx) =>
			startApproval(trx, {
				kind: 'leave',
				subjectId: 1,
				applicantId: w.staff.id,
				days: 10,
				type: 'sick',
				at: MONDAY
			})
		);
		expect(chain.steps.map((s) => s.approverKind)).toEqual(['dept_head']);
		const [row] = await auditRows(db(), 'approval.rules_save');
		expect(row.changes.after).toHaveLength(3);
		// Saved again unchanged: no second row.
		await saveApprovalRules(db(), w.admin.actor, 'leave', [
			{ types: ['sick'], steps: ['dept_head'] },
			{ maxDays: 2, steps: ['dept_head', 'responsible_leader'] },
			{ steps: ['dept_head', 'principal_leader'] }
		]);
		expect(await auditRows(db(), 'approval.rules_save')).toHaveLength(1);
		await restoreDefaultApprovalRules(db(), w.admin.actor, 'leave');
		expect(await isDefaultApprovalRules(db(), 'leave')).toBe(true);
		expect(await auditRows(db(), 'approval.rules_restore')).toHaveLength(1);
	});

	it('refuses a bad table row by row, in Chinese, and changes nothing', async () => {
		const e = await refusal(
			saveApprovalRules(db(), w.admin.actor, 'leave', [
				{ steps: [] },
				{ minDays: 3, maxDays: 1, steps: ['dept_head'] },
				{ steps: ['dept_head'] },
				{ maxDays: 1, steps: ['dept_head'] }
			])
		);
		expect(e).toEqual({
			name: 'ValidationError',
			fields: {
				'rules.0': '请至少选择一个审批步骤',
				'rules.1': '最少天数不能大于最多天数',
				// Row 0 has no conditions: every later row is unreachable.
				'rules.2': '前面已有不设条件的规则，此行永远不会用到，请上移或删除',
				'rules.3': '前面已有不设条件的规则，此行永远不会用到，请上移或删除'
			}
		});
		expect(
			(
				await refusal(
					saveApprovalRules(db(), w.admin.actor, 'leave', [{ maxDays: 'x', steps: ['dept_head'] }])
				)
			).fields
		).toEqual({ 'rules.0': '天数须为 0 至 365 之间的整数或半天（如 1.5）' });
		expect((await refusal(saveApprovalRules(db(), w.admin.actor, 'leave', []))).fields).toEqual({
			rules: '请至少保留一条规则'
		});
		expect(await isDefaultApprovalRules(db(), 'leave')).toBe(true);
		expect(await auditRows(db(), 'approval.rules_save')).toHaveLength(0);
	});

	it('only the administrator edits the rules or names the principal leader', async () => {
		for (const who of [w.office, w.principal, w.head])
			expect((await refusal(restoreDefaultApprovalRules(db(), who.actor, 'leave'))).name).toBe(
				'ForbiddenError'
			);
		expect(
			(await refusal(setPrincipalLeader(db(), w.office.actor, { principalLeaderId: w.leader.id })))
				.name
		).toBe('ForbiddenError');
	});

	it('the principal leader must be an active leader; the change is audited', async () => {
		expect(await getPrincipalLeaderId(db())).toBe(w.principal.id);
		expect(
			(await refusal(setPrincipalLeader(db(), w.admin.actor, { principalLeaderId: w.head.id })))
				.fields
		).toEqual({ principalLeaderId: '主要领导须为在用的局领导账号' });
		const gone = await newUser(db(), { roles: ['leader'], isActive: false });
		expect(
			(await refusal(setPrincipalLeader(db(), w.admin.actor, { principalLeaderId: gone.id }))).name
		).toBe('ValidationError');
		await setPrincipalLeader(db(), w.admin.actor, { principalLeaderId: w.leader.id });
		expect(await getPrincipalLeaderId(db())).toBe(w.leader.id);
		expect((await auditRows(db(), 'approval.principal_set')).map((r) => r.changes)).toEqual([
			{ principalLeaderId: [null, w.principal.id] },
			{ principalLeaderId: [w.principal.id, w.leader.id] }
		]);
	});
});
