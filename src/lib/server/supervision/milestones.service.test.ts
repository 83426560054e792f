import { expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { stopItem } from './items.service';
import { addMilestone, completeMilestone } from './milestones.service';
import { eventKinds, newItem, noticesOf, supervisionWorld } from './supervision.test-helpers';

const NOW = '2026-11-02T02:00:00Z';

const milestoneRows = (db: DB, id: number) =>
	db
		.selectFrom('supervision_milestones')
		.select(['id', 'seq', 'title', 'due_date', 'done_by'])
		.where('item_id', '=', id)
		.orderBy('seq')
		.execute();

describeEachDialect('督办 milestones (节点)', ({ db }) => {
	async function item(stage: 'registered' | 'assigned' | 'signed' = 'signed') {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const it = await newItem(db(), w, {
			stage,
			form: { deadline: '2026-12-31', milestoneTitle: ['方案'], milestoneDue: ['2026-11-15'] }
		});
		return { w, id: it.id };
	}

	it('the supervisor and the lead add milestones numbered after the existing ones', async () => {
		const { w, id } = await item();
		await addMilestone(db(), w.supervisor.actor, id, { title: '初稿', dueDate: '2026-12-01' });
		await addMilestone(db(), w.leadHead.actor, id, { title: '定稿', dueDate: '2026-12-31' });
		expect((await milestoneRows(db(), id)).map((r) => [r.seq, r.title, r.due_date])).toEqual([
			[1, '方案', '2026-11-15'],
			[2, '初稿', '2026-12-01'],
			[3, '定稿', '2026-12-31']
		]);
		expect((await eventKinds(db(), id)).filter((k) => k === 'milestone')).toHaveLength(2);
		expect(await auditRows(db(), 'supervision.milestone')).toHaveLength(2);
		// The supervisor's milestone is news for the lead's head and the responsible person.
		expect(await noticesOf(db(), 'milestone')).toEqual(
			[w.leadHead.id, w.responsible.id, w.responsible.id].sort((a, b) => a - b)
		);
	});

	it('a milestone after the deadline, by a co-department or another department, or on a stopped item is refused', async () => {
		const { w, id } = await item();
		await expect(
			addMilestone(db(), w.leadHead.actor, id, { title: '晚了', dueDate: '2027-01-05' })
		).rejects.toMatchObject({ fields: { dueDate: '节点日期不能晚于办理期限' } });
		await expect(
			addMilestone(db(), w.coHead.actor, id, { title: '协办节点', dueDate: '2026-12-01' })
		).rejects.toThrow('forbidden');
		await expect(
			addMilestone(db(), w.otherHead.actor, id, { title: '外单位', dueDate: '2026-12-01' })
		).rejects.toThrow('not found');
		await expect(
			addMilestone(db(), w.office.actor, id, { title: '办公室', dueDate: '2026-12-01' })
		).rejects.toThrow('forbidden');
		await stopItem(db(), w.supervisor.actor, id, { reason: '任务调整' });
		await expect(
			addMilestone(db(), w.supervisor.actor, id, { title: '中止后', dueDate: '2026-12-01' })
		).rejects.toThrow('该事项已中止');
		expect(await milestoneRows(db(), id)).toHaveLength(1);
	});

	it('the lead completes a milestone once; co-departments and managers cannot', async () => {
		const { w, id } = await item();
		const [ms] = await milestoneRows(db(), id);
		await expect(completeMilestone(db(), w.coHead.actor, id, ms.id)).rejects.toThrow('forbidden');
		await expect(completeMilestone(db(), w.supervisor.actor, id, ms.id)).rejects.toThrow(
			'forbidden'
		);
		await expect(completeMilestone(db(), w.otherHead.actor, id, ms.id)).rejects.toThrow(
			'not found'
		);
		await expect(completeMilestone(db(), w.leadHead.actor, id, ms.id + 99)).rejects.toThrow(
			'not found'
		);
		await completeMilestone(db(), w.responsible.actor, id, ms.id);
		await expect(completeMilestone(db(), w.leadHead.actor, id, ms.id)).rejects.toThrow(
			'该节点已完成'
		);
		expect((await milestoneRows(db(), id))[0].done_by).toBe(w.responsible.id);
		expect((await eventKinds(db(), id)).slice(-1)).toEqual(['milestone_done']);
		expect(await auditRows(db(), 'supervision.milestone_done')).toHaveLength(1);
		expect(await noticesOf(db(), 'milestone_done')).toEqual([w.supervisor.id]);
	});

	it('a milestone is completed only while the item is worked on', async () => {
		const { w, id } = await item('assigned');
		const [ms] = await milestoneRows(db(), id);
		await expect(completeMilestone(db(), w.leadHead.actor, id, ms.id)).rejects.toThrow(
			'该事项已交办，等待牵头单位签收'
		);
	});
});
