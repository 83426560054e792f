import { expect, it } from 'vitest';
import type { SupervisionStatus } from '$lib/domain/supervision';
import type { Classification } from '$lib/domain/meetings';
import { setClock } from '../clock';
import type { DB } from '../db';
import { NotFoundError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import {
	insertEvent,
	insertItem,
	listCoDepartmentIds,
	listEvents,
	setCoDepartments
} from './items.repository';
import { insertFeedback, listFeedbackOf } from './feedback.repository';
import { insertTask, listTasksOf } from './tasks.repository';
import { insertMilestones, listMilestones } from './milestones.repository';
import { insertExtension, listExtensions } from './extensions.repository';
import { insertUrge, listUrgesOf } from './urging.repository';
import { insertFile, listFiles } from './files.repository';
import { getOrCreateCalendarToken, feedForToken } from '../meetings/calendar.feed';
import {
	boardColumns,
	deadlineCalendarEvents,
	itemPage,
	listItems,
	myDeadlines,
	myItems
} from './supervision.query';

// Today in the office zone (Asia/Shanghai by default): 2026-12-07.
const NOW = '2026-12-07T02:00:00Z';
const TODAY = '2026-12-07';

describeEachDialect('督办 read models', ({ db }) => {
	let seq = 0;
	async function world(d: DB) {
		setClock(NOW);
		const deptA = await newDepartment(d, { name: '财务科' });
		const deptB = await newDepartment(d, { name: '人事科' });
		const deptC = await newDepartment(d, { name: '信息科' });
		return {
			deptA,
			deptB,
			deptC,
			supervisor: await newUser(d, { name: '督办员', roles: ['supervisor'] }),
			office: await newUser(d, { name: '办公室', roles: ['office'] }),
			headA: await newUser(d, { name: '甲科长', roles: ['dept_head'], departmentId: deptA }),
			staffA: await newUser(d, { name: '甲科员', roles: ['staff'], departmentId: deptA }),
			headB: await newUser(d, { name: '乙科长', roles: ['dept_head'], departmentId: deptB }),
			headC: await newUser(d, { name: '丙科长', roles: ['dept_head'], departmentId: deptC })
		};
	}
	async function item(
		d: DB,
		w: Awaited<ReturnType<typeof world>>,
		o: {
			title: string;
			deadline: string;
			status?: SupervisionStatus;
			lead?: number;
			co?: number[];
			requirement?: string;
			classification?: Classification;
			closedOn?: string;
		}
	) {
		seq++;
		const id = await insertItem(d, {
			number_year: 2026,
			number_seq: seq,
			number: `督〔2026〕${seq}号`,
			title: o.title,
			requirement: o.requirement ?? '',
			source: 'manual',
			lead_department_id: o.lead ?? w.deptA,
			priority: 'normal',
			classification: o.classification ?? 'none',
			status: o.status ?? 'in_progress',
			deadline: o.deadline,
			original_deadline: o.deadline,
			closed_on: o.closedOn ?? null,
			created_by: w.supervisor.id,
			created_at: NOW,
			updated_at: NOW
		});
		if (o.co) await setCoDepartments(d, id, o.co);
		return id;
	}
	const all = { page: 1, pageSize: 20 };

	it('lists overdue items first, each with the colour of its deadline, and filters by colour', async () => {
		const w = await world(db());
		await item(db(), w, { title: '正常', deadline: '2026-12-20' });
		await item(db(), w, { title: '将到期', deadline: '2026-12-09' });
		await item(db(), w, { title: '今日到期', deadline: TODAY });
		await item(db(), w, { title: '逾期两天', deadline: '2026-12-05' });
		await item(db(), w, { title: '逾期很久', deadline: '2026-11-20' });
		await item(db(), w, {
			title: '已办结',
			deadline: '2026-11-01',
			status: 'closed',
			closedOn: '2026-10-30'
		});
		const r = await listItems(db(), w.supervisor.actor, all);
		expect(r.total).toBe(6);
		expect(r.items.map((i) => [i.title, i.colour])).toEqual([
			['逾期很久', 'red'],
			['逾期两天', 'yellow'],
			['已办结', 'none'],
			['今日到期', 'blue'],
			['将到期', 'blue'],
			['正常', 'normal']
		]);
		expect(r.items[0].overdueDays).toBe(17);
		const by = async (colour: 'normal' | 'blue' | 'yellow' | 'red' | 'none') =>
			(await listItems(db(), w.supervisor.actor, { ...all, colour })).items.map((i) => i.title);
		expect(await by('red')).toEqual(['逾期很久']);
		expect(await by('yellow')).toEqual(['逾期两天']);
		expect(await by('blue')).toEqual(['今日到期', '将到期']);
		expect(await by('normal')).toEqual(['正常']);
		expect(await by('none')).toEqual(['已办结']);
	});

	it('pages keep the order and the total', async () => {
		const w = await world(db());
		for (let k = 1; k <= 5; k++)
			await item(db(), w, { title: `事项${k}`, deadline: `2026-12-1${k}` });
		const p2 = await listItems(db(), w.supervisor.actor, { page: 2, pageSize: 2 });
		expect(p2.total).toBe(5);
		expect(p2.items.map((i) => i.title)).toEqual(['事项3', '事项4']);
	});

	it('filters by status, department (lead or co), deadline range and keyword', async () => {
		const w = await world(db());
		await item(db(), w, { title: '年终考核', deadline: '2026-12-20', requirement: '按时完成考核' });
		await item(db(), w, {
			title: '节日值班',
			deadline: '2026-12-28',
			lead: w.deptB,
			co: [w.deptA],
			status: 'assigned'
		});
		await item(db(), w, { title: '网络安全', deadline: '2027-01-10', lead: w.deptC });
		const titles = async (f: object) =>
			(await listItems(db(), w.office.actor, { ...all, ...f })).items.map((i) => i.title);
		expect(await titles({ status: 'assigned' })).toEqual(['节日值班']);
		expect(await titles({ departmentId: w.deptA })).toEqual(['年终考核', '节日值班']);
		// Both together: the status narrows the lead items and the co-department items alike.
		expect(await titles({ departmentId: w.deptA, status: 'assigned' })).toEqual(['节日值班']);
		expect(await titles({ departmentId: w.deptB, status: 'assigned' })).toEqual(['节日值班']);
		expect(await titles({ departmentId: w.deptC, status: 'assigned' })).toEqual([]);
		expect(await titles({ departmentId: w.deptA, status: 'in_progress' })).toEqual(['年终考核']);
		expect(await titles({ deadlineFrom: '2026-12-21', deadlineTo: '2026-12-31' })).toEqual([
			'节日值班'
		]);
		expect(await titles({ q: '考核' })).toEqual(['年终考核']);
		expect(await titles({ q: '督〔2026〕' })).toHaveLength(3);
		expect(await titles({ q: '100%' })).toEqual([]);
	});

	it('another department sees none of an item; a co-department head sees it; staff not a classified one', async () => {
		const w = await world(db());
		await item(db(), w, { title: '公开事项', deadline: '2026-12-20', co: [w.deptB] });
		await item(db(), w, { title: '秘密事项', deadline: '2026-12-21', classification: 'secret' });
		const titles = async (a: typeof w.headA) =>
			(await listItems(db(), a.actor, all)).items.map((i) => i.title);
		expect(await titles(w.headC)).toEqual([]);
		expect(await titles(w.headB)).toEqual(['公开事项']);
		expect(await titles(w.headA)).toEqual(['公开事项', '秘密事项']);
		expect(await titles(w.staffA)).toEqual(['公开事项']);
		expect((await boardColumns(db(), w.headC.actor)).every((c) => c.total === 0)).toBe(true);
	});

	it('the board counts each status by colour and shows the overdue first', async () => {
		const w = await world(db());
		await item(db(), w, { title: 'A', deadline: '2026-12-20' });
		await item(db(), w, { title: 'B', deadline: '2026-11-20' });
		await item(db(), w, { title: 'C', deadline: '2026-12-08' });
		await item(db(), w, { title: 'D', deadline: '2026-12-08', status: 'registered' });
		const cols = await boardColumns(db(), w.supervisor.actor);
		expect(cols.map((c) => c.status)).toEqual([
			'registered',
			'assigned',
			'signed',
			'in_progress',
			'completion_requested',
			'closed'
		]);
		const work = cols.find((c) => c.status === 'in_progress')!;
		expect(work.total).toBe(3);
		expect(work.colours).toEqual({ normal: 1, blue: 1, yellow: 0, red: 1, none: 0 });
		expect(work.top.map((i) => i.title)).toEqual(['B', 'C', 'A']);
		expect(cols[0].colours.blue).toBe(1);
	});

	it('我的督办: the lead head, the co head and a task assignee each find what they answer', async () => {
		const w = await world(db());
		const a = await item(db(), w, { title: '牵头事项', deadline: '2026-12-20', co: [w.deptB] });
		await item(db(), w, { title: '逾期事项', deadline: '2026-12-01' });
		await item(db(), w, { title: '已办结', deadline: '2026-12-01', status: 'closed' });
		await db()
			.insertInto('supervision_tasks')
			.values({
				item_id: a,
				assignee_id: w.staffA.id,
				text: '整理材料',
				created_by: w.headA.id,
				created_at: NOW
			})
			.execute();
		const mine = await myItems(db(), w.headA.actor);
		expect(mine.items.map((i) => [i.title, i.role])).toEqual([
			['逾期事项', 'lead'],
			['牵头事项', 'lead']
		]);
		expect((await myItems(db(), w.headB.actor)).items.map((i) => [i.title, i.role])).toEqual([
			['牵头事项', 'co']
		]);
		expect((await myItems(db(), w.staffA.actor)).items.map((i) => [i.title, i.role])).toEqual([
			['牵头事项', 'assignee']
		]);
		expect((await myItems(db(), w.headC.actor)).items).toEqual([]);
		expect(await myDeadlines(db(), w.headA.actor, '2026-12-01', '2026-12-31')).toEqual([
			{ id: expect.any(Number), date: '2026-12-01', label: '逾期事项' },
			{ id: a, date: '2026-12-20', label: '牵头事项' }
		]);
		// The calendar asks the same question as 我的督办: the co head and the assignee see the
		// deadline of what they answer, another department's head nothing.
		expect(await myDeadlines(db(), w.headB.actor, '2026-12-01', '2026-12-31')).toEqual([
			{ id: a, date: '2026-12-20', label: '牵头事项' }
		]);
		expect(await myDeadlines(db(), w.staffA.actor, '2026-12-01', '2026-12-31')).toEqual([
			{ id: a, date: '2026-12-20', label: '牵头事项' }
		]);
		expect(await myDeadlines(db(), w.headC.actor, '2026-12-01', '2026-12-31')).toEqual([]);
	});

	it('deadlines I answer show in the meetings calendar and my feed as all-day entries; classified by number', async () => {
		const w = await world(db());
		const a = await item(db(), w, { title: '年终考核', deadline: '2026-12-20' });
		const b = await item(db(), w, {
			title: '秘密事项',
			deadline: '2026-12-22',
			classification: 'secret'
		});
		const bNumber = `督〔2026〕${seq}号`;
		await item(db(), w, { title: '别的科', deadline: '2026-12-21', lead: w.deptC });
		const events = await deadlineCalendarEvents(db(), w.headA.actor, '2026-11-30', '2027-01-11');
		expect(events.map((e) => [e.title, e.start, e.allDay, e.url])).toEqual([
			['督办到期：年终考核', '2026-12-20', true, `/supervision/${a}`],
			[`督办到期：${bNumber}`, '2026-12-22', true, `/supervision/${b}`]
		]);
		expect(await deadlineCalendarEvents(db(), w.staffA.actor, '2026-11-30', '2027-01-11')).toEqual(
			[]
		);
		const token = await getOrCreateCalendarToken(db(), w.headA.actor);
		const ics = (await feedForToken(db(), token, { origin: 'https://huiban.test' }))!;
		expect(ics).toContain('SUMMARY:督办到期：年终考核');
		expect(ics).toContain('DTSTART;VALUE=DATE:20261220');
		expect(ics).toContain('DTEND;VALUE=DATE:20261221');
		expect(ics).not.toContain('秘密事项');
		expect(ics).not.toContain('别的科');
	});

	it('the item page: another department gets not found; the flags follow role and status', async () => {
		const w = await world(db());
		const id = await item(db(), w, {
			title: '待交办',
			deadline: '2026-12-20',
			status: 'registered'
		});
		await expect(itemPage(db(), w.headC.actor, id)).rejects.toBeInstanceOf(NotFoundError);
		const sup = await itemPage(db(), w.supervisor.actor, id);
		expect(sup.can).toMatchObject({ assign: true, stop: true, edit: true, sign: false });
		const head = await itemPage(db(), w.headA.actor, id);
		expect(head.can).toMatchObject({ assign: false, sign: false, feedback: false });
		await db().updateTable('supervision_items').set({ status: 'assigned' }).execute();
		expect((await itemPage(db(), w.headA.actor, id)).can.sign).toBe(true);
		await db().updateTable('supervision_items').set({ status: 'signed' }).execute();
		const signed = await itemPage(db(), w.headA.actor, id);
		expect(signed.can).toMatchObject({
			feedback: true,
			requestExtension: true,
			requestCompletion: true,
			review: false
		});
		expect(signed.summary.colour).toBe('normal');
	});
	it('the item page reads its eight lists in one statement, each as its own read gives it', async () => {
		const w = await world(db());
		const id = await item(db(), w, {
			title: '全量事项',
			deadline: '2026-12-20',
			co: [w.deptC, w.deptB]
		});
		// Rows of every list, written out of their display order (the later first).
		const at = (h: number) => `2026-12-0${h}T0${h}:00:00.000Z`;
		await insertMilestones(db(), id, [
			{ title: '第一节点', dueDate: '2026-12-10' },
			{ title: '第二节点', dueDate: '2026-12-15' }
		]);
		const [ms] = await listMilestones(db(), id);
		await db()
			.updateTable('supervision_milestones')
			.set({ done_at: at(3), done_by: w.headA.id })
			.where('id', '=', ms.id)
			.execute();
		for (const h of [3, 1])
			await insertEvent(db(), {
				itemId: id,
				kind: 'note',
				actorId: w.supervisor.id,
				at: at(h),
				text: `事件${h}`,
				data: { h }
			});
		const fb = await insertFeedback(db(), {
			itemId: id,
			departmentId: w.deptA,
			authorId: w.headA.id,
			text: '进展"一"',
			percent: 30,
			milestoneId: ms.id,
			cycle: null,
			at: at(2)
		});
		await insertFeedback(db(), {
			itemId: id,
			departmentId: w.deptA,
			authorId: w.headA.id,
			text: '进展二',
			percent: null,
			milestoneId: null,
			cycle: '2026-12',
			at: at(4)
		});
		await insertTask(db(), {
			itemId: id,
			assigneeId: w.staffA.id,
			text: '分解任务',
			deadline: '2026-12-12',
			createdBy: w.headA.id,
			at: at(1)
		});
		await insertExtension(db(), {
			itemId: id,
			requestedBy: w.headA.id,
			at: at(2),
			reason: '延期',
			oldDeadline: '2026-12-20',
			newDeadline: '2026-12-30'
		});
		for (const [h, auto] of [
			[1, true],
			[3, false]
		] as const)
			await insertUrge(db(), {
				itemId: id,
				kind: auto ? 'due' : 'manual',
				urgedBy: auto ? null : w.supervisor.id,
				message: `催办${h}`,
				at: at(h),
				isAutomatic: auto
			});
		await insertFile(db(), {
			itemId: id,
			feedbackId: fb,
			fileName: '附件.pdf',
			mime: 'application/pdf',
			content: Buffer.from('%PDF'),
			uploadedBy: w.headA.id,
			uploadedAt: at(2)
		});
		await insertFile(db(), {
			itemId: id,
			feedbackId: null,
			fileName: '批示.png',
			mime: 'image/png',
			content: Buffer.from('png'),
			uploadedBy: w.supervisor.id,
			uploadedAt: at(1)
		});
		const page = await itemPage(db(), w.supervisor.actor, id);
		expect(page.item.coDepartmentIds).toEqual(await listCoDepartmentIds(db(), id));
		expect(page.events).toEqual(await listEvents(db(), id));
		expect(page.events.map((e) => e.text)).toEqual(['事件1', '事件3']);
		expect(page.events[1].data).toEqual({ h: 3 });
		expect(page.milestones).toEqual(await listMilestones(db(), id));
		expect(page.milestones[0]).toMatchObject({ doneAt: at(3), doneBy: w.headA.id });
		expect(page.extensions).toEqual(await listExtensions(db(), id));
		expect(page.urges).toEqual(await listUrgesOf(db(), id));
		expect(page.urges.map((u) => [u.message, u.isAutomatic])).toEqual([
			['催办3', false],
			['催办1', true]
		]);
		const feedback = await listFeedbackOf(db(), id);
		expect(page.feedback.map(({ milestoneTitle: _, files: __, ...f }) => f)).toEqual(feedback);
		expect(
			page.feedback.map((f) => [f.text, f.milestoneTitle, f.files.map((x) => x.fileName)])
		).toEqual([
			['进展二', null, []],
			['进展"一"', '第一节点', ['附件.pdf']]
		]);
		const files = await listFiles(db(), id);
		expect(page.instructionFiles).toEqual(
			files
				.filter((f) => f.feedbackId === null)
				.map(({ id, fileName, mime, size, uploadedAt }) => ({
					id,
					fileName,
					mime,
					size,
					uploadedAt
				}))
		);
		const tasks = await listTasksOf(db(), id);
		expect(page.tasks.map(({ canComplete: _, ...t }) => t)).toEqual(tasks);
	});
});
