import { expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { addFeedback, feedbackCycle } from './feedback.service';
import { MAX_FEEDBACK_FILE_BYTES } from './feedback.schema';
import { getFileForDownload } from './files.service';
import type { ItemInput } from './items.schema';
import { requestCompletion } from './items.service';
import { addTask } from './tasks.service';
import { eventKinds, newItem, noticesOf, supervisionWorld } from './supervision.test-helpers';

// Monday 2 November 2026, 10:00 in Beijing.
const NOW = '2026-11-02T02:00:00Z';

const itemRow = (db: DB, id: number) =>
	db
		.selectFrom('supervision_items')
		.select(['status', 'progress'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();

const feedbackRows = (db: DB, id: number) =>
	db
		.selectFrom('supervision_feedback')
		.select(['department_id', 'author_id', 'text', 'percent', 'milestone_id', 'cycle'])
		.where('item_id', '=', id)
		.orderBy('id')
		.execute();

const file = (name: string, bytes = Buffer.from(`内容：${name}`)) => ({
	name,
	type: 'application/pdf',
	bytes
});

describeEachDialect('督办 feedback (反馈)', ({ db }) => {
	async function signedItem(form: Partial<ItemInput> = {}) {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const item = await newItem(db(), w, {
			stage: 'signed',
			form: { deadline: '2026-11-30', ...form }
		});
		return { w, id: item.id };
	}

	it("the lead's first feedback moves 签收 → 承办中, sets the progress and tells the registrar", async () => {
		const { w, id } = await signedItem();
		const fid = await addFeedback(db(), w.leadHead.actor, id, {
			text: '已完成初步测算。',
			percent: '30'
		});
		expect(await itemRow(db(), id)).toEqual({ status: 'in_progress', progress: 30 });
		expect(await feedbackRows(db(), id)).toEqual([
			{
				department_id: w.lead,
				author_id: w.leadHead.id,
				text: '已完成初步测算。',
				percent: 30,
				milestone_id: null,
				cycle: null
			}
		]);
		expect((await eventKinds(db(), id)).slice(-1)).toEqual(['feedback']);
		const [row] = await auditRows(db(), 'supervision.feedback');
		expect(row).toMatchObject({
			actorId: w.leadHead.id,
			entity: 'supervision',
			entityId: String(id)
		});
		expect(row.changes).toMatchObject({
			feedbackId: fid,
			percent: 30,
			status: ['signed', 'in_progress']
		});
		expect(await noticesOf(db(), 'feedback')).toEqual([w.supervisor.id]);

		// The responsible person reports later: recorded, progress follows, no second move.
		await addFeedback(db(), w.responsible.actor, id, { text: '初稿已报送。', percent: '60' });
		expect(await itemRow(db(), id)).toEqual({ status: 'in_progress', progress: 60 });
		const audit = await auditRows(db(), 'supervision.feedback');
		expect(audit[1].changes.status).toBeUndefined();
	});

	it("a co-department head's feedback is recorded for the co-department and moves nothing", async () => {
		const { w, id } = await signedItem();
		await addFeedback(db(), w.coHead.actor, id, { text: '人事科已提供编制数据。', percent: '80' });
		expect(await itemRow(db(), id)).toEqual({ status: 'signed', progress: 0 });
		expect(
			(await feedbackRows(db(), id)).map((f) => [f.department_id, f.author_id, f.percent])
		).toEqual([[w.co, w.coHead.id, 80]]);
	});

	it("a task's assignee gives feedback for the lead department", async () => {
		const { w, id } = await signedItem();
		await addTask(db(), w.leadHead.actor, id, {
			assigneeId: String(w.leadStaff.id),
			text: '核对凭证'
		});
		await addFeedback(db(), w.leadStaff.actor, id, { text: '凭证已核对一半。' });
		expect((await feedbackRows(db(), id)).map((f) => [f.department_id, f.author_id])).toEqual([
			[w.lead, w.leadStaff.id]
		]);
	});

	it('another department, a plain member and a co-department member cannot give feedback', async () => {
		const { w, id } = await signedItem();
		const form = { text: '试图反馈' };
		await expect(addFeedback(db(), w.otherHead.actor, id, form)).rejects.toThrow('not found');
		await expect(addFeedback(db(), w.otherStaff.actor, id, form)).rejects.toThrow('not found');
		await expect(addFeedback(db(), w.leadStaff.actor, id, form)).rejects.toThrow('forbidden');
		await expect(addFeedback(db(), w.coStaff.actor, id, form)).rejects.toThrow('forbidden');
		// Managers read every item but answer for none.
		await expect(addFeedback(db(), w.supervisor.actor, id, form)).rejects.toThrow('forbidden');
		expect(await feedbackRows(db(), id)).toEqual([]);
		expect(await auditRows(db(), 'supervision.feedback')).toEqual([]);
	});

	it('feedback waits for 签收 and stops at 申请办结', async () => {
		setClock(NOW);
		const w = await supervisionWorld(db());
		const assigned = await newItem(db(), w, {
			stage: 'assigned',
			form: { deadline: '2026-11-30' }
		});
		await expect(
			addFeedback(db(), w.leadHead.actor, assigned.id, { text: '未签收先反馈' })
		).rejects.toThrow('该事项已交办，等待牵头单位签收');
		const signed = await newItem(db(), w, { stage: 'signed', form: { deadline: '2026-11-30' } });
		await requestCompletion(db(), w.leadHead.actor, signed.id, { summary: '已完成。' });
		await expect(
			addFeedback(db(), w.coHead.actor, signed.id, { text: '补充一点' })
		).rejects.toThrow('该事项已申请办结，等待复核');
		expect(await feedbackRows(db(), signed.id)).toEqual([]);
	});

	it('text is required and the percent is 0–100', async () => {
		const { w, id } = await signedItem();
		await expect(addFeedback(db(), w.leadHead.actor, id, { text: '  ' })).rejects.toMatchObject({
			fields: { text: '此项必填' }
		});
		await expect(
			addFeedback(db(), w.leadHead.actor, id, { text: '进展', percent: '101' })
		).rejects.toMatchObject({ fields: { percent: '进度请填写 0 到 100 之间的整数' } });
		expect(await itemRow(db(), id)).toEqual({ status: 'signed', progress: 0 });
	});

	it('attachments are stored with the entry and downloaded by those who see the item', async () => {
		const { w, id } = await signedItem();
		const fid = await addFeedback(db(), w.leadHead.actor, id, { text: '附测算表。' }, [
			file('测算表.pdf'),
			file('说明.pdf'),
			{ name: '', type: '', bytes: Buffer.alloc(0) }
		]);
		const files = await db()
			.selectFrom('supervision_files')
			.select(['id', 'feedback_id', 'file_name', 'size'])
			.where('item_id', '=', id)
			.orderBy('id')
			.execute();
		expect(files.map((f) => [f.feedback_id, f.file_name])).toEqual([
			[fid, '测算表.pdf'],
			[fid, '说明.pdf']
		]);
		const got = await getFileForDownload(db(), w.coStaff.actor, id, files[0].id);
		expect(got.fileName).toBe('测算表.pdf');
		expect(got.content.toString()).toBe('内容：测算表.pdf');
		await expect(getFileForDownload(db(), w.otherHead.actor, id, files[0].id)).rejects.toThrow(
			'not found'
		);
		await expect(getFileForDownload(db(), w.leadHead.actor, id, files[1].id + 99)).rejects.toThrow(
			'not found'
		);
	});

	it('more than five attachments, an empty one or one over 10 MB is refused with nothing stored', async () => {
		const { w, id } = await signedItem();
		const six = Array.from({ length: 6 }, (_, i) => file(`附件${i}.pdf`));
		await expect(
			addFeedback(db(), w.leadHead.actor, id, { text: '六个附件' }, six)
		).rejects.toMatchObject({ fields: { files: '每次反馈最多上传 5 个附件' } });
		await expect(
			addFeedback(db(), w.leadHead.actor, id, { text: '空附件' }, [file('空.pdf', Buffer.alloc(0))])
		).rejects.toMatchObject({ fields: { files: '请选择要上传的文件' } });
		await expect(
			addFeedback(db(), w.leadHead.actor, id, { text: '大附件' }, [
				file('大.pdf', Buffer.alloc(MAX_FEEDBACK_FILE_BYTES + 1))
			])
		).rejects.toMatchObject({ fields: { files: '单个材料不能超过 10 MB' } });
		expect(await feedbackRows(db(), id)).toEqual([]);
		const n = await db().selectFrom('supervision_files').select('id').execute();
		expect(n).toEqual([]);
	});

	it("the lead reports a milestone done with feedback; another item's milestone is refused", async () => {
		const { w, id } = await signedItem({
			milestoneTitle: ['完成测算'],
			milestoneDue: ['2026-11-15']
		});
		const other = await newItem(db(), w, {
			stage: 'signed',
			form: { deadline: '2026-11-30', milestoneTitle: ['别的节点'], milestoneDue: ['2026-11-20'] }
		});
		const ms = await db()
			.selectFrom('supervision_milestones')
			.select(['id', 'item_id'])
			.orderBy('id')
			.execute();
		const mine = ms.find((x) => x.item_id === id)!.id;
		const theirs = ms.find((x) => x.item_id === other.id)!.id;
		await expect(
			addFeedback(db(), w.leadHead.actor, id, { text: '节点', milestoneId: String(theirs) })
		).rejects.toMatchObject({ fields: { milestoneId: '请选择本事项的节点' } });
		await expect(
			addFeedback(db(), w.coHead.actor, id, {
				text: '节点完成',
				milestoneId: String(mine),
				milestoneDone: 'on'
			})
		).rejects.toMatchObject({ fields: { milestoneDone: '只有牵头单位可以标记节点完成' } });
		await addFeedback(db(), w.leadHead.actor, id, {
			text: '测算完成。',
			milestoneId: String(mine),
			milestoneDone: 'on'
		});
		const done = await db()
			.selectFrom('supervision_milestones')
			.select(['done_at', 'done_by'])
			.where('id', '=', mine)
			.executeTakeFirstOrThrow();
		expect(done).toEqual({ done_at: NOW.replace('Z', '.000Z'), done_by: w.leadHead.id });
		expect((await eventKinds(db(), id)).slice(-2)).toEqual(['feedback', 'milestone_done']);
		expect((await feedbackRows(db(), id))[0].milestone_id).toBe(mine);
	});

	it('an item with a monthly feedback day records the cycle each entry answers', async () => {
		const { w, id } = await signedItem({ feedbackDay: '25', deadline: '2027-03-31' });
		await addFeedback(db(), w.leadHead.actor, id, { text: '十一月进展' });
		// 26 November in Beijing (18:00 UTC on the 25th): past the day, so December's report.
		setClock('2026-11-25T18:00:00Z');
		await addFeedback(db(), w.leadHead.actor, id, { text: '迟报的进展' });
		expect((await feedbackRows(db(), id)).map((f) => f.cycle)).toEqual(['2026-11', '2026-12']);
	});
});

it('feedbackCycle: up to the day this month, after it the next (December → January)', () => {
	expect(feedbackCycle('2026-11-25', 25)).toBe('2026-11');
	expect(feedbackCycle('2026-11-26', 25)).toBe('2026-12');
	expect(feedbackCycle('2026-12-28', 25)).toBe('2027-01');
	expect(feedbackCycle('2026-12-01', 1)).toBe('2026-12');
});
