import { expect, it } from 'vitest';
import type { DB } from '../db';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import {
	approveMinutes,
	issueMinutes,
	returnMinutes,
	saveMinutesDraft,
	submitMinutes
} from './minutes.service';
import { draftForm, heldMeeting } from './minutes.test-helpers';

const N = 20;

const minutesRows = (db: DB) =>
	db
		.selectFrom('meeting_minutes')
		.select(['id', 'status', 'number_seq', 'number'])
		.orderBy('id')
		.execute();

describeEachDialect('minutes, 20 calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	async function approved() {
		const f = await heldMeeting(ctx.db());
		await saveMinutesDraft(ctx.db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await submitMinutes(ctx.db(), f.recorder.actor, f.id);
		await approveMinutes(ctx.db(), f.host.actor, f.id);
		return f;
	}

	it('issuing 20 different minutes of one type numbers them 1..20: no gap, no duplicate', async () => {
		const meetings: number[] = [];
		for (let i = 0; i < N; i++) meetings.push((await approved()).id);
		const office = await newUser(ctx.db(), { roles: ['office'] });
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			issueMinutes(wide, office.actor, meetings[i])
		);
		expect(errors).toEqual([]);
		const seqs = ok.map((n) => Number(/〕(\d+)号$/.exec(n)![1])).sort((a, b) => a - b);
		expect(seqs).toEqual(Array.from({ length: N }, (_, i) => i + 1));
		const rows = await minutesRows(ctx.db());
		expect(rows.every((r) => r.status === 'issued')).toBe(true);
		expect(new Set(rows.map((r) => r.number)).size).toBe(N);
		const counters = await ctx.db().selectFrom('document_counters').selectAll().execute();
		expect(counters.map((c) => c.last)).toEqual([N]);
		expect(await auditRows(ctx.db(), 'minutes.issue')).toHaveLength(N);
	});

	it('issuing the same minutes 20 times issues it once: one number, one mail each, one audit row', async () => {
		const f = await approved();
		const before = (await outboxRows(ctx.db())).length;
		const wide = openWide();
		const { ok, errors } = await inParallel(N, () => issueMinutes(wide, f.office.actor, f.id));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(new Set(errors.map((e) => (e as Error).message))).toEqual(new Set(['纪要已印发']));
		expect((await minutesRows(ctx.db())).map((r) => [r.status, r.number_seq])).toEqual([
			['issued', 1]
		]);
		const mail = (await outboxRows(ctx.db())).slice(before);
		expect(mail.map((r) => r.to_name).sort()).toEqual(['周红', '孙明', '李局长', '洪记录'].sort());
		const notes = await ctx
			.db()
			.selectFrom('notifications')
			.select('user_id')
			.where('kind', '=', 'minutes.issued')
			.execute();
		expect(notes).toHaveLength(4);
		expect(await auditRows(ctx.db(), 'minutes.issue')).toHaveLength(1);
		const counters = await ctx.db().selectFrom('document_counters').select('last').execute();
		expect(counters).toEqual([{ last: 1 }]);
	});

	it('submitting 20 times submits once: one notice to the host, one audit row', async () => {
		const f = await heldMeeting(ctx.db());
		await saveMinutesDraft(ctx.db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		const wide = openWide();
		const { ok, errors } = await inParallel(N, () => submitMinutes(wide, f.recorder.actor, f.id));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(new Set(errors.map((e) => (e as Error).message))).toEqual(
			new Set(['纪要已送审，等待主持人审核'])
		);
		const notes = await ctx
			.db()
			.selectFrom('notifications')
			.select('user_id')
			.where('kind', '=', 'minutes.submitted')
			.execute();
		expect(notes).toEqual([{ user_id: f.host.id }]);
		expect(await auditRows(ctx.db(), 'minutes.submit')).toHaveLength(1);
	});

	it('approve and return racing: exactly one decides', async () => {
		const f = await heldMeeting(ctx.db());
		await saveMinutesDraft(ctx.db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await submitMinutes(ctx.db(), f.recorder.actor, f.id);
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			i % 2
				? approveMinutes(wide, f.host.actor, f.id)
				: returnMinutes(wide, f.host.actor, f.id, { comment: '请修改' })
		);
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		const decided =
			(await auditRows(ctx.db(), 'minutes.approve')).length +
			(await auditRows(ctx.db(), 'minutes.return')).length;
		expect(decided).toBe(1);
	});

	it('20 first saves at once make one minutes with one set of decisions', async () => {
		const f = await heldMeeting(ctx.db());
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			saveMinutesDraft(wide, i % 2 ? f.recorder.actor : f.office.actor, f.id, {
				...draftForm(f.deptA, f.deptB),
				body: `第${i}稿`
			})
		);
		expect(errors).toEqual([]);
		expect(new Set(ok).size).toBe(1);
		expect(await minutesRows(ctx.db())).toHaveLength(1);
		const decisions = await ctx
			.db()
			.selectFrom('minute_decisions')
			.select(['seq', 'text'])
			.orderBy('seq')
			.execute();
		expect(decisions).toEqual([
			{ seq: 1, text: '做好年终考核工作' },
			{ seq: 2, text: '统筹安排节日值班' }
		]);
		expect(await auditRows(ctx.db(), 'minutes.create')).toHaveLength(1);
		expect(await auditRows(ctx.db(), 'minutes.save')).toHaveLength(N - 1);
	});
});
