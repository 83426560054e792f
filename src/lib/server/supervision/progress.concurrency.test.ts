import { expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { addFeedback } from './feedback.service';
import { addMilestone, completeMilestone } from './milestones.service';
import { addTask, completeTask } from './tasks.service';
import { runSupervisionUrging, urgeItem } from './urging.service';
import { eventKinds, newItem, supervisionWorld } from './supervision.test-helpers';

const N = 20;
const NOW = '2026-11-02T02:00:00Z';

const statusOf = async (db: DB, id: number) =>
	(
		await db
			.selectFrom('supervision_items')
			.select('status')
			.where('id', '=', id)
			.executeTakeFirstOrThrow()
	).status;

describeEachDialect('督办 progress, 20 calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	async function signedItem(form = {}) {
		setClock(NOW);
		const w = await supervisionWorld(ctx.db());
		const { id } = await newItem(ctx.db(), w, {
			stage: 'signed',
			form: { deadline: '2026-11-30', ...form }
		});
		return { w, id };
	}

	it('20 first feedbacks at once: all 20 stored, the item moves to 承办中 once', async () => {
		const { w, id } = await signedItem();
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			addFeedback(wide, i % 2 ? w.leadHead.actor : w.responsible.actor, id, {
				text: `进展 ${i}`,
				percent: String(i)
			})
		);
		expect(errors).toEqual([]);
		expect(new Set(ok).size).toBe(N);
		expect(await statusOf(ctx.db(), id)).toBe('in_progress');
		const rows = await ctx
			.db()
			.selectFrom('supervision_feedback')
			.select('id')
			.where('item_id', '=', id)
			.execute();
		expect(rows).toHaveLength(N);
		const audit = await auditRows(ctx.db(), 'supervision.feedback');
		expect(audit).toHaveLength(N);
		expect(audit.filter((a) => a.changes.status !== undefined)).toHaveLength(1);
		expect((await eventKinds(ctx.db(), id)).filter((k) => k === 'feedback')).toHaveLength(N);
	});

	it('20 manual urges at once: one urge, one mail each, one audit row', async () => {
		const { w, id } = await signedItem();
		const before = (await outboxRows(ctx.db())).length;
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			urgeItem(wide, (i % 2 ? w.supervisor : w.leader).actor, id, { message: '请抓紧办理' })
		);
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(new Set(errors.map((e) => (e as Error).message))).toEqual(
			new Set(['该事项 5 分钟内已催办过，请稍后再试'])
		);
		const urges = await ctx.db().selectFrom('supervision_urges').select('id').execute();
		expect(urges).toHaveLength(1);
		expect((await outboxRows(ctx.db())).slice(before)).toHaveLength(3);
		expect(await auditRows(ctx.db(), 'supervision.urge')).toHaveLength(1);
		expect((await eventKinds(ctx.db(), id)).filter((k) => k === 'urge')).toHaveLength(1);
	});

	it('completing one task 20 times at once completes it once', async () => {
		const { w, id } = await signedItem();
		const taskId = await addTask(ctx.db(), w.leadHead.actor, id, {
			assigneeId: String(w.leadStaff.id),
			text: '核对凭证'
		});
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			completeTask(wide, (i % 2 ? w.leadStaff : w.leadHead).actor, id, taskId)
		);
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(new Set(errors.map((e) => (e as Error).message))).toEqual(new Set(['该任务已完成']));
		expect(await auditRows(ctx.db(), 'supervision.task_done')).toHaveLength(1);
		expect((await eventKinds(ctx.db(), id)).filter((k) => k === 'task_done')).toHaveLength(1);
	});

	it('completing one milestone 20 times at once completes it once; 20 new milestones get 20 numbers', async () => {
		const { w, id } = await signedItem({ milestoneTitle: ['方案'], milestoneDue: ['2026-11-15'] });
		const [ms] = await ctx
			.db()
			.selectFrom('supervision_milestones')
			.select('id')
			.where('item_id', '=', id)
			.execute();
		const wide = openWide();
		const done = await inParallel(N, () => completeMilestone(wide, w.leadHead.actor, id, ms.id));
		expect(done.ok).toHaveLength(1);
		expect(onlyUserErrors(done.errors)).toBe(true);
		expect(await auditRows(ctx.db(), 'supervision.milestone_done')).toHaveLength(1);

		const added = await inParallel(N, (i) =>
			addMilestone(wide, w.supervisor.actor, id, { title: `节点 ${i}`, dueDate: '2026-11-28' })
		);
		expect(added.errors).toEqual([]);
		const seqs = await ctx
			.db()
			.selectFrom('supervision_milestones')
			.select('seq')
			.where('item_id', '=', id)
			.orderBy('seq')
			.execute();
		expect(seqs.map((s) => s.seq)).toEqual(Array.from({ length: N + 1 }, (_, i) => i + 1));
	});

	it('the urging tick run 5 times at once urges each item once', async () => {
		setClock(NOW);
		const w = await supervisionWorld(ctx.db());
		const items = [];
		for (let i = 0; i < 4; i++)
			items.push(
				(await newItem(ctx.db(), w, { stage: 'signed', form: { deadline: '2026-11-20' } })).id
			);
		const before = (await outboxRows(ctx.db())).length;
		const at = '2026-11-20T01:00:00Z';
		setClock(at);
		const wide = openWide();
		const { ok, errors } = await inParallel(5, () => runSupervisionUrging(wide, new Date(at)));
		expect(errors).toEqual([]);
		expect(ok.reduce((n, r) => n + r.urged, 0)).toBe(items.length);
		const urges = await ctx
			.db()
			.selectFrom('supervision_urges')
			.select(['item_id', 'kind'])
			.execute();
		expect(urges.map((u) => u.item_id).sort((a, b) => a - b)).toEqual(items);
		expect(urges.every((u) => u.kind === 'due')).toBe(true);
		expect((await outboxRows(ctx.db())).slice(before)).toHaveLength(items.length * 3);
		expect(await auditRows(ctx.db(), 'supervision.auto_urge')).toHaveLength(items.length);
	});
});
