import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { ApprovalWorld } from '../approval/approval.test-helpers';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { describeEachDialect } from '../testing/each-dialect';
import { balancesForYear } from './balance.service';
import { getLeaveFileForDownload } from './files.service';
import { listLeaveFiles } from './requests.repository';
import { submitLeave } from './requests.service';
import { at, auditActions, leaveWorld, refusal, SEPT_1, threeDays } from './requests.test-helpers';

describeEachDialect('请假 proof files, mail and statistics balances', ({ db }) => {
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(SEPT_1);
		w = await leaveWorld(db());
	});

	it('a proof file is downloaded by who may see the request, audited; others are told nothing', async () => {
		const id = await submitLeave(db(), w.staff.actor, threeDays({ type: 'sick' }), {
			...at(SEPT_1),
			files: [{ name: '诊断证明.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF') }]
		});
		const [file] = await listLeaveFiles(db(), id);
		expect(file).toMatchObject({ name: '诊断证明.pdf', size: 4 });
		for (const who of [w.staff, w.head, w.office]) {
			const got = await getLeaveFileForDownload(db(), who.actor, id, file.id);
			expect(got.content.toString()).toBe('%PDF');
		}
		expect((await auditActions(db())).filter((a) => a === 'leave.file_download')).toHaveLength(3);
		expect(
			(await refusal(getLeaveFileForDownload(db(), w.otherHead.actor, id, file.id))).name
		).toBe('NotFoundError');
		// The first approver got a mail asking them to decide.
		const mail = await outboxRows(db());
		expect(mail.map((r) => r.to_name)).toEqual(['孙科长']);
		expect(mail[0].subject).toContain('李明的请假申请待您审批：病假 9月9日—9月11日 · 3天');
	});

	it('gives everyone’s balances of a year, one department at a time', async () => {
		await submitLeave(db(), w.staff.actor, threeDays(), at(SEPT_1));
		const all = await balancesForYear(db(), 2026);
		const li = all.find((p) => p.userId === w.staff.id)!;
		expect(li.balances.find((b) => b.type === 'annual')).toMatchObject({
			quotaHalfDays: 20,
			pendingHalfDays: 6,
			leftHalfDays: 14
		});
		const dept = await balancesForYear(db(), 2026, { departmentId: w.otherDeptId });
		expect(dept.map((p) => p.name)).toEqual(['周科长']);
	});
});
