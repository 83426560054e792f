import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { refusal } from '../testing/refusal';
import { listExtensions } from './extensions.repository';
import { decideExtension, requestExtension } from './extensions.service';
import { findItemById, listEvents } from './items.repository';
import { closeItem, requestCompletion } from './items.service';
import {
	newItem,
	noticesOf,
	supervisionWorld,
	type SupervisionWorld
} from './supervision.test-helpers';

/** Monday 7 December 2026, 09:30 in Beijing. */
const MONDAY = '2026-12-07T01:30:00Z';

const item = async (db: DB, id: number) => (await findItemById(db, id))!;

describeEachDialect('督办 extensions (延期)', ({ db }) => {
	let w: SupervisionWorld;
	beforeEach(async () => {
		setClock(MONDAY);
		w = await supervisionWorld(db());
	});

	const signed = () => newItem(db(), w, { stage: 'signed', form: { deadline: '2026-12-18' } });

	it('the lead asks for a later deadline; the supervisors and the registrar are told', async () => {
		const { id } = await signed();
		const before = (await outboxRows(db())).length;
		await requestExtension(db(), w.leadHead.actor, id, {
			newDeadline: '2027-01-15',
			reason: '需等待上级批复。'
		});
		const [x] = await listExtensions(db(), id);
		expect(x).toMatchObject({
			status: 'pending',
			oldDeadline: '2026-12-18',
			newDeadline: '2027-01-15',
			reason: '需等待上级批复。',
			requestedByName: '孙科长'
		});
		// Nothing moves until it is approved.
		expect((await item(db(), id)).deadline).toBe('2026-12-18');
		expect(await noticesOf(db(), 'extension_request')).toEqual([w.supervisor.id]);
		const mail = (await outboxRows(db())).slice(before);
		expect(mail.map((r) => r.to_name)).toEqual(['赵督办']);
		expect(mail[0].text_body).toContain('原时限 2026年12月18日 → 新时限 2027年1月15日');
		expect((await listEvents(db(), id)).at(-1)).toMatchObject({
			kind: 'extension_request',
			text: '需等待上级批复。',
			data: { oldDeadline: '2026-12-18', newDeadline: '2027-01-15' }
		});
		expect(await auditRows(db(), 'supervision.extension_request')).toHaveLength(1);
		// One pending request at a time.
		const second = await refusal(
			requestExtension(db(), w.responsible.actor, id, { newDeadline: '2027-01-20', reason: '再延' })
		);
		expect(second.fields).toEqual({ _: '已有待审批的延期申请' });
	});

	it('refuses a request from others, without a reason, not later, or after the deadline', async () => {
		const { id } = await signed();
		const ask = (who: { actor: Parameters<typeof requestExtension>[1] }, o = {}) =>
			refusal(
				requestExtension(db(), who.actor, id, {
					newDeadline: '2027-01-15',
					reason: '需等待上级批复。',
					...o
				})
			);
		expect((await ask(w.coHead)).name).toBe('ForbiddenError');
		expect((await ask(w.leadStaff)).name).toBe('ForbiddenError');
		expect((await ask(w.supervisor)).name).toBe('ForbiddenError');
		expect((await ask(w.otherHead)).name).toBe('NotFoundError');
		expect((await ask(w.leadHead, { reason: '' })).fields).toEqual({ reason: '此项必填' });
		expect((await ask(w.leadHead, { newDeadline: '2026-12-18' })).fields).toEqual({
			newDeadline: '新的办理时限须晚于现在的时限'
		});
		// The deadline day itself is still in time …
		setClock('2026-12-18T15:00:00Z');
		await requestExtension(db(), w.leadHead.actor, id, {
			newDeadline: '2026-12-31',
			reason: '年底前完成。'
		});
		await decideExtension(db(), w.supervisor.actor, id, { decision: 'refuse', comment: '' });
		// … the next day in Beijing is too late.
		setClock('2026-12-18T16:30:00Z');
		expect((await ask(w.leadHead)).fields).toEqual({ _: '已超过办理时限，不能申请延期' });
		// A registered item is not the departments' yet.
		const registered = await newItem(db(), w);
		expect(
			(
				await refusal(
					requestExtension(db(), w.leadHead.actor, registered.id, {
						newDeadline: '2027-01-15',
						reason: '原因'
					})
				)
			).fields
		).toEqual({ _: '该事项当前不能申请延期' });
	});

	it('approval moves the deadline and keeps the original; refusal leaves it', async () => {
		const { id } = await signed();
		await requestExtension(db(), w.responsible.actor, id, {
			newDeadline: '2027-01-15',
			reason: '需等待上级批复。'
		});
		expect(
			(
				await refusal(
					decideExtension(db(), w.leadHead.actor, id, { decision: 'approve', comment: '' })
				)
			).name
		).toBe('ForbiddenError');
		expect(
			(
				await refusal(
					decideExtension(db(), w.office.actor, id, { decision: 'approve', comment: '' })
				)
			).name
		).toBe('ForbiddenError');
		await decideExtension(db(), w.leader.actor, id, { decision: 'approve', comment: '同意。' });
		expect(await item(db(), id)).toMatchObject({
			deadline: '2027-01-15',
			originalDeadline: '2026-12-18'
		});
		const [x] = await listExtensions(db(), id);
		expect(x).toMatchObject({
			status: 'approved',
			decidedByName: '钱局长',
			decisionComment: '同意。'
		});
		expect((await listEvents(db(), id)).at(-1)).toMatchObject({
			kind: 'extension_approve',
			data: { oldDeadline: '2026-12-18', newDeadline: '2027-01-15' }
		});
		// The lead head, the responsible person (who asked) — each once.
		expect(await noticesOf(db(), 'extension_approve')).toEqual(
			[w.leadHead.id, w.responsible.id].sort((a, b) => a - b)
		);
		expect(
			(
				await refusal(
					decideExtension(db(), w.leader.actor, id, { decision: 'approve', comment: '' })
				)
			).fields
		).toEqual({ _: '没有待审批的延期申请' });

		await requestExtension(db(), w.leadHead.actor, id, {
			newDeadline: '2027-02-15',
			reason: '再延一个月。'
		});
		await decideExtension(db(), w.supervisor.actor, id, {
			decision: 'refuse',
			comment: '请按期完成。'
		});
		expect(await item(db(), id)).toMatchObject({
			deadline: '2027-01-15',
			originalDeadline: '2026-12-18'
		});
		expect((await listExtensions(db(), id)).map((e) => e.status)).toEqual(['approved', 'refused']);
		const notes = await db()
			.selectFrom('notifications')
			.select('body')
			.where('kind', '=', 'supervision.extension_refuse')
			.execute();
		expect(notes[0].body).toContain('请按期完成。');
		expect(await auditRows(db(), 'supervision.extension_approve')).toHaveLength(1);
		expect(await auditRows(db(), 'supervision.extension_refuse')).toHaveLength(1);
	});

	it('a pending request of a closed item can no longer be decided', async () => {
		const { id } = await signed();
		await requestExtension(db(), w.leadHead.actor, id, {
			newDeadline: '2027-01-15',
			reason: '需等待上级批复。'
		});
		await requestCompletion(db(), w.leadHead.actor, id, { summary: '已完成。' });
		await closeItem(db(), w.supervisor.actor, id);
		expect(
			(
				await refusal(
					decideExtension(db(), w.supervisor.actor, id, { decision: 'approve', comment: '' })
				)
			).fields
		).toEqual({ _: '该事项已办结' });
		expect((await item(db(), id)).deadline).toBe('2026-12-18');
	});
});
