import { expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { addFeedback } from './feedback.service';
import { requestCompletion } from './items.service';
import { completeMilestone } from './milestones.service';
import { runSupervisionUrging, urgeItem } from './urging.service';
import { eventKinds, newItem, noticesOf, supervisionWorld } from './supervision.test-helpers';

// Monday 2 November 2026, 10:00 in Beijing.
const NOW = '2026-11-02T02:00:00Z';
/** 09:00 in Beijing on a date. */
const morningOf = (date: string) => `${date}T01:00:00.000Z`;

const urgeRows = (db: DB, itemId?: number) => {
	let q = db
		.selectFrom('supervision_urges')
		.select(['item_id', 'kind', 'urged_by', 'message', 'at', 'is_automatic'])
		.orderBy('id');
	if (itemId) q = q.where('item_id', '=', itemId);
	return q.execute();
};

describeEachDialect('督办 manual urging (催办)', ({ db }) => {
	async function signedItem() {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const { id } = await newItem(db(), w, { stage: 'signed', form: { deadline: '2026-11-30' } });
		return { w, id };
	}

	it('the supervisor urges with a message: recorded, on the timeline, audited, in the app and by mail', async () => {
		const { w, id } = await signedItem();
		const mailBefore = (await outboxRows(db())).length;
		await urgeItem(db(), w.supervisor.actor, id, { message: '请本周内报送测算结果。' });
		expect(await urgeRows(db(), id)).toEqual([
			{
				item_id: id,
				kind: 'manual',
				urged_by: w.supervisor.id,
				message: '请本周内报送测算结果。',
				at: NOW.replace('Z', '.000Z'),
				is_automatic: false
			}
		]);
		expect((await eventKinds(db(), id)).slice(-1)).toEqual(['urge']);
		const [row] = await auditRows(db(), 'supervision.urge');
		expect(row).toMatchObject({ actorId: w.supervisor.id, entityId: String(id) });
		const people = [w.leadHead.id, w.responsible.id, w.coHead.id].sort((a, b) => a - b);
		expect(await noticesOf(db(), 'urge')).toEqual(people);
		const mail = (await outboxRows(db())).slice(mailBefore);
		expect(mail.map((r) => r.to_name).sort()).toEqual(
			[w.leadHead.name, w.responsible.name, w.coHead.name].sort()
		);
		expect(mail[0].text_body).toContain('请本周内报送测算结果。');
	});

	it('not twice within five minutes; again after them', async () => {
		const { w, id } = await signedItem();
		await urgeItem(db(), w.supervisor.actor, id, { message: '第一次催办' });
		setClock('2026-11-02T02:04:59Z');
		await expect(urgeItem(db(), w.leader.actor, id, { message: '第二次' })).rejects.toThrow(
			'该事项 5 分钟内已催办过，请稍后再试'
		);
		setClock('2026-11-02T02:05:00Z');
		await urgeItem(db(), w.leader.actor, id, { message: '第二次' });
		expect((await urgeRows(db(), id)).map((u) => u.message)).toEqual(['第一次催办', '第二次']);
	});

	it('only supervisors and leaders urge, only handed-over items not awaiting review, with a message', async () => {
		const { w, id } = await signedItem();
		await expect(urgeItem(db(), w.leadHead.actor, id, { message: '催' })).rejects.toThrow(
			'forbidden'
		);
		await expect(urgeItem(db(), w.office.actor, id, { message: '催' })).rejects.toThrow(
			'forbidden'
		);
		await expect(urgeItem(db(), w.otherHead.actor, id, { message: '催' })).rejects.toThrow(
			'not found'
		);
		await expect(urgeItem(db(), w.supervisor.actor, id, { message: ' ' })).rejects.toMatchObject({
			fields: { message: '此项必填' }
		});
		await expect(
			urgeItem(db(), w.supervisor.actor, id, { message: '长'.repeat(501) })
		).rejects.toHaveProperty('fields.message');
		const registered = await newItem(db(), w);
		await expect(
			urgeItem(db(), w.supervisor.actor, registered.id, { message: '催' })
		).rejects.toThrow('该事项尚未交办');
		await requestCompletion(db(), w.leadHead.actor, id, { summary: '已完成' });
		await expect(urgeItem(db(), w.supervisor.actor, id, { message: '催' })).rejects.toThrow(
			'该事项已申请办结，等待复核'
		);
		expect(await urgeRows(db())).toEqual([]);
	});
});

describeEachDialect('督办 automatic urging (自动催办)', ({ db }) => {
	/** Runs the tick at 09:00 Beijing on `date`; the number urged. */
	async function tickOn(date: string): Promise<number> {
		setClock(morningOf(date));
		return (await runSupervisionUrging(db(), new Date(morningOf(date)))).urged;
	}

	it('3 days before, on the day, and every 3 days overdue — each once, reruns urge nothing', async () => {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const { id } = await newItem(db(), w, { stage: 'signed', form: { deadline: '2026-11-20' } });
		const mailBefore = (await outboxRows(db())).length;

		const urged: Record<string, number> = {};
		for (const date of [
			'2026-11-16',
			'2026-11-17',
			'2026-11-18',
			'2026-11-19',
			'2026-11-20',
			'2026-11-21',
			'2026-11-22',
			'2026-11-23',
			'2026-11-24',
			'2026-11-26'
		]) {
			urged[date] = await tickOn(date);
			// The same tick again (another minute, another process) finds nothing left to do.
			expect(await tickOn(date)).toBe(0);
		}
		expect(urged).toEqual({
			'2026-11-16': 0,
			'2026-11-17': 1,
			'2026-11-18': 0,
			'2026-11-19': 0,
			'2026-11-20': 1,
			'2026-11-21': 0,
			'2026-11-22': 0,
			'2026-11-23': 1,
			'2026-11-24': 0,
			'2026-11-26': 1
		});
		const rows = await urgeRows(db(), id);
		expect(rows.map((r) => [r.kind, r.at, r.is_automatic, r.urged_by])).toEqual([
			['before', morningOf('2026-11-17'), true, null],
			['due', morningOf('2026-11-20'), true, null],
			['overdue', morningOf('2026-11-23'), true, null],
			['overdue', morningOf('2026-11-26'), true, null]
		]);
		// Each urge: the lead's head, the responsible person and the co-department's head.
		const mail = (await outboxRows(db())).slice(mailBefore);
		expect(mail).toHaveLength(4 * 3);
		expect(mail.map((r) => r.subject).filter((s, i, a) => a.indexOf(s) === i)).toEqual([
			'【督办】督办事项将于2026年11月20日到期，请抓紧办理：做好年终财务决算工作',
			'【督办】督办事项今天到期，请按时办结：做好年终财务决算工作',
			'【督办】督办事项已逾期 3 天，请尽快办理：做好年终财务决算工作',
			'【督办】督办事项已逾期 6 天，请尽快办理：做好年终财务决算工作'
		]);
		expect((await noticesOf(db(), 'urge')).length).toBe(12);
		const events = await db()
			.selectFrom('supervision_events')
			.select(['actor_id', 'data'])
			.where('item_id', '=', id)
			.where('kind', '=', 'urge')
			.execute();
		expect(events.map((e) => [e.actor_id, JSON.parse(e.data).kind])).toEqual([
			[null, 'before'],
			[null, 'due'],
			[null, 'overdue'],
			[null, 'overdue']
		]);
		const audit = await auditRows(db(), 'supervision.auto_urge');
		expect(audit.map((a) => [a.actorId, a.changes.kind])).toEqual([
			[null, 'before'],
			[null, 'due'],
			[null, 'overdue'],
			[null, 'overdue']
		]);
	});

	it('items not handed over, awaiting review, closed or stopped are not urged', async () => {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const form = { deadline: '2026-11-20' };
		await newItem(db(), w, { form });
		const review = await newItem(db(), w, { stage: 'signed', form });
		await requestCompletion(db(), w.leadHead.actor, review.id, { summary: '已完成' });
		const assigned = await newItem(db(), w, { stage: 'assigned', form });
		expect(await tickOn('2026-11-20')).toBe(1);
		expect((await urgeRows(db())).map((r) => [r.item_id, r.kind])).toEqual([[assigned.id, 'due']]);
	});

	it('a classified item is urged without its title leaving the app', async () => {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const { number } = await newItem(db(), w, {
			stage: 'signed',
			classification: 'secret',
			form: { deadline: '2026-11-20' }
		});
		const before = (await outboxRows(db())).length;
		expect(await tickOn('2026-11-20')).toBe(1);
		const mail = (await outboxRows(db())).slice(before);
		expect(mail).toHaveLength(3);
		for (const r of mail) {
			expect(r.subject + r.text_body).not.toContain('做好年终财务决算工作');
			expect(r.subject).toContain(number);
		}
	});

	it('a missed monthly report is urged once after its day; a report given or a later signing is not', async () => {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const form = { deadline: '2027-03-31', feedbackDay: '10' };
		const silent = await newItem(db(), w, { stage: 'signed', form });
		const reported = await newItem(db(), w, { stage: 'signed', form });
		await addFeedback(db(), w.leadHead.actor, reported.id, { text: '十一月进展' });
		// An item signed for on the 11th owes its first report in December.
		setClock(morningOf('2026-11-11'));
		const late = await newItem(db(), w, { stage: 'signed', form });

		expect(await tickOn('2026-11-10')).toBe(0);
		expect(await tickOn('2026-11-11')).toBe(1);
		expect(await tickOn('2026-11-11')).toBe(0);
		expect(await tickOn('2026-11-20')).toBe(0);
		const rows = await urgeRows(db());
		expect(rows.map((r) => [r.item_id, r.kind])).toEqual([[silent.id, 'cycle']]);
		const mail = await outboxRows(db());
		expect(
			mail
				.filter((r) => r.subject.includes('本月进展'))
				.map((r) => r.to_name)
				.sort()
		).toEqual([w.leadHead.name, w.responsible.name].sort());
		expect(mail.find((r) => r.subject.includes('本月进展'))!.subject).toBe(
			'【督办】本月进展应于2026年11月10日前报送（每月 10 日），尚未报送：做好年终财务决算工作'
		);
		// December: the silent item again, and now the late one too.
		expect(await tickOn('2026-12-11')).toBe(3);
		expect(late.id).toBeGreaterThan(0);
	});

	it('a milestone past its date and not done is urged once; a done one is not', async () => {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const form = {
			deadline: '2026-12-31',
			milestoneTitle: ['完成测算', '形成初稿'],
			milestoneDue: ['2026-11-13', '2026-11-13']
		};
		const { id } = await newItem(db(), w, { stage: 'signed', form });
		const ms = await db()
			.selectFrom('supervision_milestones')
			.select(['id', 'title'])
			.where('item_id', '=', id)
			.orderBy('seq')
			.execute();
		await completeMilestone(db(), w.leadHead.actor, id, ms[0].id);
		expect(await tickOn('2026-11-13')).toBe(0);
		expect(await tickOn('2026-11-16')).toBe(1);
		expect(await tickOn('2026-11-17')).toBe(0);
		const events = await db()
			.selectFrom('supervision_events')
			.select('data')
			.where('item_id', '=', id)
			.where('kind', '=', 'urge')
			.execute();
		expect(events.map((e) => JSON.parse(e.data))).toEqual([
			{
				kind: 'milestone',
				automatic: true,
				milestoneId: ms[1].id,
				milestone: '形成初稿',
				dueDate: '2026-11-13'
			}
		]);
	});

	it('urge terms come from the settings', async () => {
		setClock(NOW);
		const w = await supervisionWorld(db());
		await db()
			.insertInto('settings')
			.values([
				{ key: 'supervision_urgeBeforeDays', value: '5' },
				{ key: 'supervision_urgeEveryDays', value: '2' }
			])
			.execute();
		await newItem(db(), w, { stage: 'signed', form: { deadline: '2026-11-20' } });
		expect(await tickOn('2026-11-15')).toBe(1);
		expect(await tickOn('2026-11-17')).toBe(0);
		expect(await tickOn('2026-11-22')).toBe(1);
		expect((await urgeRows(db())).map((r) => r.kind)).toEqual(['before', 'overdue']);
	});
});
