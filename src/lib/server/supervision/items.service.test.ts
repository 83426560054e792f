import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { refusal } from '../testing/refusal';
import { findItemById, listEvents } from './items.repository';
import {
	assignItem,
	closeItem,
	requestCompletion,
	returnItem,
	signItem,
	stopItem
} from './items.service';
import { registerItem } from './registration.service';
import {
	eventKinds,
	itemForm,
	newItem,
	noticesOf,
	supervisionWorld,
	type SupervisionWorld
} from './supervision.test-helpers';

/** Monday 7 December 2026, 09:30 in Beijing. */
const MONDAY = '2026-12-07T01:30:00Z';

const item = async (db: DB, id: number) => (await findItemById(db, id))!;

describeEachDialect('督办 items: the steps after 立项', ({ db }) => {
	let w: SupervisionWorld;
	beforeEach(async () => {
		setClock(MONDAY);
		w = await supervisionWorld(db());
	});

	// ---- 立项 -----------------------------------------------------------------------------
	it('only supervisors and leaders register, edit, assign, close and stop', async () => {
		const { id } = await newItem(db(), w);
		for (const who of [w.office, w.leadHead, w.leadStaff, w.otherHead]) {
			expect((await refusal(registerItem(db(), who.actor, itemForm(w)))).name).toBe(
				'ForbiddenError'
			);
			expect((await refusal(assignItem(db(), who.actor, id))).name).toBe('ForbiddenError');
			expect((await refusal(stopItem(db(), who.actor, id, { reason: '不办了' }))).name).toBe(
				'ForbiddenError'
			);
		}
		expect((await item(db(), id)).status).toBe('registered');
	});

	it('交办 tells the lead and co heads and the responsible person, in the app and by mail', async () => {
		const { id } = await newItem(db(), w);
		const before = (await outboxRows(db())).length;
		await assignItem(db(), w.supervisor.actor, id);
		expect(await item(db(), id)).toMatchObject({
			status: 'assigned',
			signDue: '2026-12-08',
			assignedAt: new Date(MONDAY).toISOString()
		});
		expect(await noticesOf(db(), 'assign')).toEqual(
			[w.leadHead.id, w.responsible.id, w.coHead.id].sort((a, b) => a - b)
		);
		const mail = (await outboxRows(db())).slice(before);
		expect(mail.map((r) => r.to_name).sort()).toEqual(['吴科长', '周经办', '孙科长'].sort());
		expect(mail[0].subject).toContain('督办事项已交办，请签收：做好年终财务决算工作');
		const again = await refusal(assignItem(db(), w.supervisor.actor, id));
		expect(again.fields).toEqual({ _: '该事项已交办，等待牵头单位签收' });
		expect(await auditRows(db(), 'supervision.assign')).toHaveLength(1);
	});

	it('签收 by the lead head or the responsible person only; other departments see nothing', async () => {
		const a = await newItem(db(), w, { stage: 'assigned' });
		const b = await newItem(db(), w, { stage: 'assigned' });
		// Staff of the lead department who is not the responsible person, and a co head: 403.
		expect((await refusal(signItem(db(), w.leadStaff.actor, a.id))).name).toBe('ForbiddenError');
		expect((await refusal(signItem(db(), w.coHead.actor, a.id))).name).toBe('ForbiddenError');
		expect((await refusal(signItem(db(), w.supervisor.actor, a.id))).name).toBe('ForbiddenError');
		// Another department: the item does not exist for them.
		expect((await refusal(signItem(db(), w.otherHead.actor, a.id))).name).toBe('NotFoundError');
		expect((await refusal(signItem(db(), w.otherStaff.actor, a.id))).name).toBe('NotFoundError');
		expect(await signItem(db(), w.leadHead.actor, a.id)).toEqual({ lateSign: false });
		expect(await signItem(db(), w.responsible.actor, b.id)).toEqual({ lateSign: false });
		expect(await item(db(), a.id)).toMatchObject({ status: 'signed', signedBy: w.leadHead.id });
		expect(await item(db(), b.id)).toMatchObject({ status: 'signed', signedBy: w.responsible.id });
		// The registrar is told.
		expect(await noticesOf(db(), 'sign')).toEqual([w.supervisor.id, w.supervisor.id]);
		const again = await refusal(signItem(db(), w.leadHead.actor, a.id));
		expect(again.fields).toEqual({ _: '该事项已签收，正在办理' });
		// A registered item cannot be signed yet.
		const c = await newItem(db(), w);
		expect((await refusal(signItem(db(), w.leadHead.actor, c.id))).fields).toEqual({
			_: '该事项尚未交办'
		});
	});

	it('签收 after the sign-by day (in the office zone) is kept and shows as late', async () => {
		const onTime = await newItem(db(), w, { stage: 'assigned' });
		const late = await newItem(db(), w, { stage: 'assigned' });
		// Sign by Tuesday 8 December: 23:30 in Beijing that day is still on time …
		setClock('2026-12-08T15:30:00Z');
		expect(await signItem(db(), w.leadHead.actor, onTime.id)).toEqual({ lateSign: false });
		// … 00:30 on Wednesday in Beijing is late, though it is still the 8th in UTC.
		setClock('2026-12-08T16:30:00Z');
		expect(await signItem(db(), w.leadHead.actor, late.id)).toEqual({ lateSign: true });
		expect(await item(db(), late.id)).toMatchObject({
			status: 'signed',
			signedAt: '2026-12-08T16:30:00.000Z'
		});
		const events = await listEvents(db(), late.id);
		expect(events.at(-1)).toMatchObject({
			kind: 'sign',
			data: { late: true, signDue: '2026-12-08' }
		});
	});

	// ---- 申请办结 / 办结 / 退回 / 中止 ----------------------------------------------------

	it('申请办结 → 退回 → 申请办结 → 办结, with the people told at each step', async () => {
		const { id } = await newItem(db(), w, { stage: 'signed' });
		expect(
			(await refusal(requestCompletion(db(), w.coHead.actor, id, { summary: '已完成' }))).name
		).toBe('ForbiddenError');
		expect(
			(await refusal(requestCompletion(db(), w.otherHead.actor, id, { summary: '已完成' }))).name
		).toBe('NotFoundError');
		expect(
			(await refusal(requestCompletion(db(), w.leadHead.actor, id, { summary: ' ' }))).fields
		).toEqual({ summary: '此项必填' });
		const before = (await outboxRows(db())).length;
		await requestCompletion(db(), w.leadHead.actor, id, { summary: '决算已完成并报送。' });
		expect(await item(db(), id)).toMatchObject({
			status: 'completion_requested',
			completionSummary: '决算已完成并报送。'
		});
		// The registrar (a supervisor) once, the leader who is not a supervisor not at all.
		expect(await noticesOf(db(), 'request_close')).toEqual([w.supervisor.id]);
		expect((await outboxRows(db())).slice(before).map((r) => r.to_name)).toEqual(['赵督办']);

		expect((await refusal(returnItem(db(), w.leadHead.actor, id, { reason: '不行' }))).name).toBe(
			'ForbiddenError'
		);
		await returnItem(db(), w.leader.actor, id, { reason: '请补充报送材料。' });
		expect(await item(db(), id)).toMatchObject({
			status: 'in_progress',
			returnReason: '请补充报送材料。'
		});
		expect(await noticesOf(db(), 'return')).toEqual(
			[w.leadHead.id, w.responsible.id].sort((a, b) => a - b)
		);
		const notes = await db()
			.selectFrom('notifications')
			.select('body')
			.where('kind', '=', 'supervision.return')
			.execute();
		expect(notes.map((n) => n.body)).toEqual(['请补充报送材料。', '请补充报送材料。']);
		// Closing waits for the next request.
		expect((await refusal(closeItem(db(), w.supervisor.actor, id))).fields).toEqual({
			_: '该事项正在办理'
		});

		await requestCompletion(db(), w.responsible.actor, id, { summary: '材料已补充。' });
		setClock('2026-12-20T02:00:00Z');
		await closeItem(db(), w.supervisor.actor, id);
		expect(await item(db(), id)).toMatchObject({
			status: 'closed',
			closedOn: '2026-12-20',
			closedBy: w.supervisor.id,
			progress: 100
		});
		expect(await noticesOf(db(), 'close')).toEqual(
			[w.leadHead.id, w.responsible.id].sort((a, b) => a - b)
		);
		expect(await eventKinds(db(), id)).toEqual([
			'register',
			'assign',
			'sign',
			'request_close',
			'return',
			'request_close',
			'close'
		]);
		expect((await refusal(closeItem(db(), w.supervisor.actor, id))).fields).toEqual({
			_: '该事项已办结'
		});
		expect(
			(await refusal(stopItem(db(), w.supervisor.actor, id, { reason: '撤销' }))).fields
		).toEqual({ _: '该事项已办结' });
	});

	it('中止 from any open step with a reason, telling everyone involved', async () => {
		const registered = await newItem(db(), w);
		const signed = await newItem(db(), w, { stage: 'signed' });
		await stopItem(db(), w.leader.actor, registered.id, { reason: '领导另有安排' });
		await stopItem(db(), w.supervisor.actor, signed.id, { reason: '工作已调整' });
		expect(await item(db(), signed.id)).toMatchObject({
			status: 'stopped',
			stopReason: '工作已调整'
		});
		const notes = await db()
			.selectFrom('notifications')
			.select(['user_id', 'body'])
			.where('kind', '=', 'supervision.stop')
			.where('link', '=', `/supervision/${signed.id}`)
			.orderBy('user_id')
			.execute();
		expect(notes.map((n) => n.user_id)).toEqual(
			[w.leadHead.id, w.responsible.id, w.coHead.id].sort((a, b) => a - b)
		);
		// A registered item never reached the departments: only its registrar hears of it.
		const early = await db()
			.selectFrom('notifications')
			.select('user_id')
			.where('kind', '=', 'supervision.stop')
			.where('link', '=', `/supervision/${registered.id}`)
			.execute();
		expect(early.map((n) => n.user_id)).toEqual([w.supervisor.id]);
		expect(
			(await refusal(stopItem(db(), w.supervisor.actor, signed.id, { reason: '再停' }))).fields
		).toEqual({ _: '该事项已中止' });
		expect(await auditRows(db(), 'supervision.stop')).toHaveLength(2);
	});

	it('a 秘密 item is hidden from plain members of its departments; its mail names only the number', async () => {
		const { id, number } = await newItem(db(), w, { classification: 'secret' });
		await assignItem(db(), w.supervisor.actor, id);
		const mail = await outboxRows(db());
		expect(mail.every((r) => !r.text_body.includes('做好年终财务决算工作'))).toBe(true);
		expect(mail[0].subject).toContain(number);
		// A plain member of the lead department does not know the item exists.
		expect((await refusal(signItem(db(), w.leadStaff.actor, id))).name).toBe('NotFoundError');
		await signItem(db(), w.leadHead.actor, id);
		expect((await item(db(), id)).status).toBe('signed');
	});
});
