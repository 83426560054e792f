import { expect, it } from 'vitest';
import type { SupervisionStatus } from '$lib/domain/supervision';
import { setClock } from '../clock';
import type { DB } from '../db';
import { NotFoundError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { insertItem, setCoDepartments } from './items.repository';
import { itemPage, listItems, supervisionDepartments } from './supervision.query';
import { tellAboutItem, tellAboutItems, type Audience } from './supervision.notify';

// Issue 10 (督办 at scale): the list read as two index runs, the item page read in one wave,
// what seldom changes kept while the change stamp stays, and the urging tick's bulk notices
// must answer exactly as the plain reads and writes did.

const NOW = '2026-12-07T02:00:00Z';

describeEachDialect('督办 at scale: the faster reads and writes answer the same', ({ db }) => {
	let seq = 0;
	async function world(d: DB) {
		setClock(NOW);
		const deptA = await newDepartment(d, { name: '财务科' });
		const deptB = await newDepartment(d, { name: '人事科' });
		return {
			deptA,
			deptB,
			supervisor: await newUser(d, { name: '督办员', roles: ['supervisor'] }),
			headA: await newUser(d, { name: '甲科长', roles: ['dept_head'], departmentId: deptA }),
			headB: await newUser(d, { name: '乙科长', roles: ['dept_head'], departmentId: deptB }),
			staffB: await newUser(d, { name: '乙科员', roles: ['staff'], departmentId: deptB })
		};
	}
	type World = Awaited<ReturnType<typeof world>>;
	async function item(
		d: DB,
		w: World,
		o: { title: string; deadline: string; status?: SupervisionStatus; lead?: number; co?: number[] }
	) {
		seq++;
		const id = await insertItem(d, {
			number_year: 2026,
			number_seq: seq,
			number: `督〔2026〕${seq}号`,
			title: o.title,
			requirement: '',
			source: 'manual',
			lead_department_id: o.lead ?? w.deptA,
			priority: 'normal',
			classification: 'none',
			status: o.status ?? 'in_progress',
			deadline: o.deadline,
			original_deadline: o.deadline,
			closed_on: o.status === 'closed' ? o.deadline : null,
			created_by: w.supervisor.id,
			created_at: NOW,
			updated_at: NOW
		});
		if (o.co) await setCoDepartments(d, id, o.co);
		return id;
	}

	it('pages across the overdue items and the rest keep one order and one total, filtered or not', async () => {
		const w = await world(db());
		// Overdue open items, items due later, closed items with early deadlines, equal deadlines.
		await item(db(), w, { title: '逾期1', deadline: '2026-11-02' });
		await item(db(), w, { title: '逾期2', deadline: '2026-12-01', co: [w.deptB] });
		await item(db(), w, { title: '逾期3', deadline: '2026-12-01', lead: w.deptB });
		await item(db(), w, { title: '办结1', deadline: '2026-10-01', status: 'closed' });
		await item(db(), w, { title: '办结2', deadline: '2026-12-01', status: 'closed' });
		await item(db(), w, { title: '今日', deadline: '2026-12-07', co: [w.deptB] });
		await item(db(), w, { title: '将到1', deadline: '2026-12-09' });
		await item(db(), w, { title: '将到2', deadline: '2026-12-09', lead: w.deptB });
		await item(db(), w, { title: '以后', deadline: '2027-01-09' });
		const order = ['逾期1', '逾期2', '逾期3', '办结1', '办结2', '今日', '将到1', '将到2', '以后'];
		const whole = await listItems(db(), w.supervisor.actor, { page: 1, pageSize: 20 });
		expect(whole.items.map((i) => i.title)).toEqual(order);
		expect(whole.total).toBe(9);
		for (const pageSize of [1, 2, 4]) {
			const seen: string[] = [];
			for (let page = 1; page <= Math.ceil(9 / pageSize) + 1; page++) {
				const r = await listItems(db(), w.supervisor.actor, { page, pageSize });
				expect(r.total).toBe(9);
				seen.push(...r.items.map((i) => i.title));
			}
			expect(seen).toEqual(order);
		}
		// Department B leads or co-leads: 逾期2 (co), 逾期3 (lead), 今日 (co), 将到2 (lead).
		const b = { departmentId: w.deptB };
		const p1 = await listItems(db(), w.supervisor.actor, { ...b, page: 1, pageSize: 3 });
		const p2 = await listItems(db(), w.supervisor.actor, { ...b, page: 2, pageSize: 3 });
		expect([...p1.items, ...p2.items].map((i) => i.title)).toEqual([
			'逾期2',
			'逾期3',
			'今日',
			'将到2'
		]);
		expect([p1.total, p2.total]).toEqual([4, 4]);
		expect(p1.items[0]).toMatchObject({
			leadDepartmentName: '财务科',
			colour: 'yellow',
			overdueDays: 6
		});
		const late = await listItems(db(), w.supervisor.actor, {
			status: 'in_progress',
			departmentId: w.deptB,
			page: 2,
			pageSize: 1
		});
		expect(late.items.map((i) => i.title)).toEqual(['逾期3']);
		expect(late.total).toBe(4);
		// A department's page past its last item still says how many there are.
		const past = await listItems(db(), w.supervisor.actor, { ...b, page: 3, pageSize: 3 });
		expect([past.items, past.total]).toEqual([[], 4]);
		// A status that is not open: nothing counts as overdue, all by deadline.
		const closed = await listItems(db(), w.supervisor.actor, {
			status: 'closed',
			page: 1,
			pageSize: 20
		});
		expect([closed.items.map((i) => i.title), closed.total]).toEqual([['办结1', '办结2'], 2]);
	});

	it('what seldom changes is kept while the stamp stays, read afresh on a new stamp, never kept without one', async () => {
		const w = await world(db());
		const id = await item(db(), w, { title: '协办事项', deadline: '2026-12-20', co: [w.deptB] });
		const rename = (name: string) =>
			db().updateTable('departments').set({ name }).where('id', '=', w.deptB).execute();
		const coName = async (stamp?: number) =>
			(await itemPage(db(), w.supervisor.actor, id, { stamp })).coDepartments[0].name;
		expect(await coName(101)).toBe('人事科');
		await rename('人事教育科');
		// Without a stamp (scripts, tests) every read is fresh; a new stamp reads afresh.
		expect(await coName()).toBe('人事教育科');
		expect(await coName(102)).toBe('人事教育科');
		expect((await supervisionDepartments(db(), { stamp: 102 })).map((d) => d.name)).toContain(
			'人事教育科'
		);
		// A person moved to another department: the next stamp sees them there.
		await expect(itemPage(db(), w.staffB.actor, id, { stamp: 102 })).resolves.toBeTruthy();
		await db()
			.updateTable('users')
			.set({ department_id: null })
			.where('id', '=', w.staffB.id)
			.execute();
		await expect(itemPage(db(), w.staffB.actor, id, { stamp: 103 })).rejects.toBeInstanceOf(
			NotFoundError
		);
		// An older stamp than the one kept reads past the cache (and does not replace it).
		await rename('人事科');
		expect(await coName(90)).toBe('人事科');
	});

	it('the item page sees through tasks, co-departments and the lead as loadVisibleItem does', async () => {
		const w = await world(db());
		const id = await item(db(), w, { title: '分解事项', deadline: '2026-12-20' });
		await expect(itemPage(db(), w.headB.actor, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(itemPage(db(), w.staffB.actor, id)).rejects.toBeInstanceOf(NotFoundError);
		await db()
			.insertInto('supervision_tasks')
			.values({
				item_id: id,
				assignee_id: w.staffB.id,
				text: '整理材料',
				created_by: w.headA.id,
				created_at: NOW
			})
			.execute();
		const page = await itemPage(db(), w.staffB.actor, id);
		expect(page.item.taskAssigneeIds).toEqual([w.staffB.id]);
		expect(page.standing).toBe('assignee');
		await expect(itemPage(db(), w.headB.actor, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(itemPage(db(), w.headA.actor, 999_999)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('notices told in bulk are the notices told one by one: same people, words and mails', async () => {
		const w = await world(db());
		// 乙科长 has no address: the notice only.
		await db().updateTable('users').set({ email: '' }).where('id', '=', w.headB.id).execute();
		const a = await item(db(), w, { title: '甲事项', deadline: '2026-12-20', co: [w.deptB] });
		const b = await item(db(), w, { title: '乙事项', deadline: '2026-12-21', lead: w.deptB });
		const rows = async () => ({
			notices: (
				await db()
					.selectFrom('notifications')
					.select(['user_id', 'kind', 'title', 'body', 'link'])
					.orderBy('user_id')
					.orderBy('link')
					.execute()
			).map((r) => JSON.stringify(r)),
			mails: (
				await db()
					.selectFrom('outbox')
					.select(['to_address', 'to_name', 'subject', 'text_body', 'html_body'])
					.orderBy('to_address')
					.orderBy('subject')
					.execute()
			).map((r) => JSON.stringify(r))
		});
		const tellings = [
			{ id: a, title: '甲事项', audience: { headsOf: [w.deptA, w.deptB], userIds: [null] } },
			{
				id: b,
				title: '乙事项',
				audience: { headsOf: [w.deptB], userIds: [w.headA.id], except: [w.headB.id] }
			}
		].map((t) => ({
			item: { id: t.id, title: t.title, number: `督-${t.id}`, classification: 'none' as const },
			audience: t.audience as Audience,
			notice: { step: 'urge', title: () => `催办：${t.title}`, mail: true }
		}));
		for (const t of tellings) await tellAboutItem(db(), t.item, t.audience, t.notice);
		const one = await rows();
		await db().deleteFrom('notifications').execute();
		await db().deleteFrom('outbox').execute();
		await tellAboutItems(db(), tellings);
		expect(await rows()).toEqual(one);
		expect(one.notices).toHaveLength(3);
		expect(one.mails).toHaveLength(2);
	});
});
