import { expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { findItemById } from './items.repository';
import { canSeeSupervisionItem } from '../permissions';
import { supervisionViewer } from './access';
import { addTask, completeTask } from './tasks.service';
import { eventKinds, newItem, noticesOf, supervisionWorld } from './supervision.test-helpers';

const NOW = '2026-11-02T02:00:00Z';

const taskRows = (db: DB, id: number) =>
	db
		.selectFrom('supervision_tasks')
		.select(['id', 'assignee_id', 'text', 'deadline', 'created_by', 'done_at'])
		.where('item_id', '=', id)
		.orderBy('id')
		.execute();

describeEachDialect('督办 tasks (任务分解)', ({ db }) => {
	async function signedItem(o: Parameters<typeof newItem>[2] = {}) {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const item = await newItem(db(), w, {
			stage: 'signed',
			form: { deadline: '2026-11-30' },
			...o
		});
		return { w, id: item.id };
	}

	it('the lead head gives a task to a colleague, who then sees the item and is told by mail', async () => {
		const { w, id } = await signedItem({ classification: 'secret' });
		const viewer = await supervisionViewer(db(), w.leadStaff.actor);
		// A plain member of the lead department does not see a 秘密 item …
		expect(canSeeSupervisionItem(viewer, (await findItemById(db(), id))!)).toBe(false);
		const mailBefore = (await outboxRows(db())).length;
		const taskId = await addTask(db(), w.leadHead.actor, id, {
			assigneeId: String(w.leadStaff.id),
			text: '核对全年凭证',
			deadline: '2026-11-20'
		});
		// … until a task makes the person its assignee.
		expect(canSeeSupervisionItem(viewer, (await findItemById(db(), id))!)).toBe(true);
		expect(await taskRows(db(), id)).toEqual([
			{
				id: taskId,
				assignee_id: w.leadStaff.id,
				text: '核对全年凭证',
				deadline: '2026-11-20',
				created_by: w.leadHead.id,
				done_at: null
			}
		]);
		// The first task starts the work (签收 → 承办中).
		expect((await findItemById(db(), id))!.status).toBe('in_progress');
		expect((await eventKinds(db(), id)).slice(-1)).toEqual(['task']);
		expect(await noticesOf(db(), 'task')).toEqual([w.leadStaff.id]);
		const mail = (await outboxRows(db())).slice(mailBefore);
		expect(mail.map((r) => r.to_name)).toEqual([w.leadStaff.name]);
		// A classified item's mail names no title.
		expect(mail[0].text_body + mail[0].subject).not.toContain('做好年终财务决算工作');
		expect(mail[0].text_body).toContain('详情请登录系统查看');
		const [row] = await auditRows(db(), 'supervision.task');
		expect(row.changes).toMatchObject({ taskId, assignee: w.leadStaff.name });
	});

	it('tasks go only to active people of the lead department, not after the deadline', async () => {
		const { w, id } = await signedItem();
		const gone = await newUser(db(), { departmentId: w.lead, isActive: false });
		for (const who of [w.coStaff.id, w.otherStaff.id, gone.id, 999999])
			await expect(
				addTask(db(), w.leadHead.actor, id, { assigneeId: String(who), text: '分解' })
			).rejects.toMatchObject({ fields: { assigneeId: '只能分解给本单位人员' } });
		await expect(
			addTask(db(), w.leadHead.actor, id, {
				assigneeId: String(w.leadStaff.id),
				text: '分解',
				deadline: '2026-12-01'
			})
		).rejects.toMatchObject({ fields: { deadline: '任务期限不能晚于办理期限' } });
		expect(await taskRows(db(), id)).toEqual([]);
	});

	it('only the lead splits an item: not a co-department, a member, a manager or another department', async () => {
		const { w, id } = await signedItem();
		const form = { assigneeId: String(w.leadStaff.id), text: '分解' };
		await expect(addTask(db(), w.otherHead.actor, id, form)).rejects.toThrow('not found');
		await expect(addTask(db(), w.coHead.actor, id, form)).rejects.toThrow('forbidden');
		await expect(addTask(db(), w.leadStaff.actor, id, form)).rejects.toThrow('forbidden');
		await expect(addTask(db(), w.supervisor.actor, id, form)).rejects.toThrow('forbidden');
		// The responsible person answers for the item like the head.
		await addTask(db(), w.responsible.actor, id, form);
		expect(await taskRows(db(), id)).toHaveLength(1);
	});

	it('a task waits for 签收', async () => {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const { id } = await newItem(db(), w, { stage: 'assigned', form: { deadline: '2026-11-30' } });
		await expect(
			addTask(db(), w.leadHead.actor, id, { assigneeId: String(w.leadStaff.id), text: '分解' })
		).rejects.toThrow('该事项已交办，等待牵头单位签收');
	});

	it('the assignee completes the task once; someone else’s task cannot be completed by them', async () => {
		const { w, id } = await signedItem();
		const mine = await addTask(db(), w.leadHead.actor, id, {
			assigneeId: String(w.leadStaff.id),
			text: '核对凭证'
		});
		const colleague = await addTask(db(), w.leadHead.actor, id, {
			assigneeId: String(w.responsible.id),
			text: '起草报告'
		});
		const third = await newUser(db(), { departmentId: w.lead, name: '钱科员' });
		const thirdTask = await addTask(db(), w.leadHead.actor, id, {
			assigneeId: String(third.id),
			text: '汇总'
		});
		// The staff member is an assignee of the item, but not of this task.
		await expect(completeTask(db(), w.leadStaff.actor, id, thirdTask)).rejects.toThrow('forbidden');
		await expect(completeTask(db(), w.otherHead.actor, id, mine)).rejects.toThrow('not found');
		await expect(completeTask(db(), w.coHead.actor, id, mine)).rejects.toThrow('forbidden');
		// A task of another item is not found under this one.
		await expect(completeTask(db(), w.leadStaff.actor, id, mine + 1000)).rejects.toThrow(
			'not found'
		);

		await completeTask(db(), w.leadStaff.actor, id, mine);
		await expect(completeTask(db(), w.leadStaff.actor, id, mine)).rejects.toThrow('该任务已完成');
		// The lead may close a task of anyone.
		await completeTask(db(), w.leadHead.actor, id, colleague);
		const rows = await taskRows(db(), id);
		expect(rows.map((t) => [t.id, t.done_at !== null])).toEqual([
			[mine, true],
			[colleague, true],
			[thirdTask, false]
		]);
		expect((await eventKinds(db(), id)).filter((k) => k === 'task_done')).toHaveLength(2);
		expect(await auditRows(db(), 'supervision.task_done')).toHaveLength(2);
		// The lead head gave both tasks: told when the assignee finished; the colleague when the head did.
		expect(await noticesOf(db(), 'task_done')).toEqual(
			[w.leadHead.id, w.responsible.id].sort((a, b) => a - b)
		);
	});
});
