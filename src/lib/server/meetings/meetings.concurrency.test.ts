import { expect, it } from 'vitest';
import type { DB } from '../db';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { listAttachmentMeta } from './attachments.repository';
import { MAX_ATTACHMENTS, removeAttachment, uploadAttachment } from './attachments.service';
import { setLogisticsTask } from './logistics.service';
import { listLogistics } from './meetings.repository';
import { cancelMeeting, createMeeting, issueNotice } from './meetings.service';
import { outboxRows, planForm } from './meetings.test-helpers';

const N = 20;

/** What the people on a meeting received: mails by ICS method, in-app notifications by kind. */
async function sent(db: DB) {
	const mail = await outboxRows(db);
	const notes = await db.selectFrom('notifications').select(['user_id', 'kind']).execute();
	return {
		mail: mail.map((r) => `${r.to_name}:${r.ics_method}`).sort(),
		notifications: notes.map((n) => `${n.user_id}:${n.kind}`).sort()
	};
}

describeEachDialect('meeting transitions, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	async function draft() {
		const db = ctx.db();
		const o = await newUser(db, { roles: ['office'] });
		const a = await newUser(db, { name: '孙明' });
		const b = await newUser(db, { name: '周红' });
		const id = await createMeeting(db, o.actor, await planForm(db, { attendeeIds: [a.id, b.id] }));
		return { o, a, b, id, wide: openWide() };
	}

	it('发出通知: one notice and one notification per person, one audit row', async () => {
		const { o, a, b, id, wide } = await draft();
		const { ok, errors } = await inParallel(N, () => issueNotice(wide, o.actor, id));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(errors.map((e) => (e as Error).message)).toEqual(Array(N - 1).fill('会议通知已发出'));
		expect(await sent(ctx.db())).toEqual({
			mail: ['周红:REQUEST', '孙明:REQUEST'],
			notifications: [`${a.id}:meeting.notice`, `${b.id}:meeting.notice`].sort()
		});
		expect(await auditRows(ctx.db(), 'meeting.issue')).toHaveLength(1);
	});

	it('取消会议: one CANCEL per person, one audit row, SEQUENCE raised once', async () => {
		const { o, id, wide } = await draft();
		await issueNotice(ctx.db(), o.actor, id);
		const { ok, errors } = await inParallel(N, () =>
			cancelMeeting(wide, o.actor, id, { reason: '议题调整' })
		);
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(new Set(errors.map((e) => (e as Error).message))).toEqual(
			new Set(['会议已取消或已结束，不能再修改'])
		);
		const mail = (await sent(ctx.db())).mail.filter((m) => m.endsWith(':CANCEL'));
		expect(mail).toEqual(['周红:CANCEL', '孙明:CANCEL']);
		expect(await auditRows(ctx.db(), 'meeting.cancel')).toHaveLength(1);
		const row = await ctx
			.db()
			.selectFrom('meetings')
			.select(['status', 'sequence'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'cancelled', sequence: 1 });
	});

	it('a cancel racing the notice either cancels the draft or cancels what was issued', async () => {
		const { o, id, wide } = await draft();
		const { errors } = await inParallel(N, (i) =>
			i % 2
				? issueNotice(wide, o.actor, id)
				: cancelMeeting(wide, o.actor, id, { reason: '议题调整' })
		);
		expect(onlyUserErrors(errors)).toBe(true);
		const cancels = await auditRows(ctx.db(), 'meeting.cancel');
		const issues = await auditRows(ctx.db(), 'meeting.issue');
		expect(cancels).toHaveLength(1);
		expect(issues.length).toBeLessThanOrEqual(1);
		const mail = (await sent(ctx.db())).mail;
		// Whoever got the notice also got the CANCEL; nobody got either twice.
		expect(mail).toEqual(
			issues.length ? ['周红:CANCEL', '周红:REQUEST', '孙明:CANCEL', '孙明:REQUEST'] : []
		);
	});

	it('会务准备: ticking a task done twenty times writes one audit row', async () => {
		const { o, id, wide } = await draft();
		const [task] = await listLogistics(ctx.db(), id);
		const { ok, errors } = await inParallel(N, () =>
			setLogisticsTask(wide, o.actor, id, { taskId: task.id!, done: true })
		);
		expect(errors).toEqual([]);
		expect(ok).toHaveLength(N);
		expect((await listLogistics(ctx.db(), id))[0].isDone).toBe(true);
		expect(await auditRows(ctx.db(), 'meeting.logistics_done')).toHaveLength(1);
	});

	it('materials: the last free place is taken once, a removal is audited once', async () => {
		const { o, id, wide } = await draft();
		const file = (i: number) => ({
			name: `材料${i}.pdf`,
			type: 'application/pdf',
			bytes: Buffer.from([i])
		});
		for (let i = 0; i < MAX_ATTACHMENTS - 1; i++)
			await uploadAttachment(ctx.db(), o.actor, id, file(i));
		const up = await inParallel(N, (i) => uploadAttachment(wide, o.actor, id, file(100 + i)));
		expect(up.ok).toHaveLength(1);
		expect(onlyUserErrors(up.errors)).toBe(true);
		expect(new Set(up.errors.map((e) => (e as Error).message))).toEqual(
			new Set([`每个会议最多 ${MAX_ATTACHMENTS} 份材料`])
		);
		expect(await listAttachmentMeta(ctx.db(), id)).toHaveLength(MAX_ATTACHMENTS);

		const before = (await auditRows(ctx.db(), 'meeting.attachment_remove')).length;
		const gone = await inParallel(N, () =>
			removeAttachment(wide, o.actor, id, { attachmentId: up.ok[0] })
		);
		expect(gone.ok).toHaveLength(1);
		expect(onlyUserErrors(gone.errors)).toBe(true);
		expect(await auditRows(ctx.db(), 'meeting.attachment_remove')).toHaveLength(before + 1);
	});
});
