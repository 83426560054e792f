import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { outboxRows } from '../meetings/meetings.test-helpers';
import {
	approveMinutes,
	issueMinutes,
	saveMinutesDraft,
	submitMinutes
} from '../minutes/minutes.service';
import { draftForm, heldMeeting } from '../minutes/minutes.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { findItemById } from './items.repository';
import {
	assignItem,
	closeItem,
	requestCompletion,
	returnItem,
	signItem,
	stopItem
} from './items.service';
import { registerFromDecision, registerItem } from './registration.service';
import {
	eventKinds,
	itemForm,
	newItem,
	noticesOf,
	supervisionWorld,
	type SupervisionWorld
} from './supervision.test-helpers';

const N = 20;

const messages = (errors: unknown[]) => new Set(errors.map((e) => (e as Error).message));
const fieldMessages = (errors: unknown[]) =>
	new Set(errors.map((e) => (e as { fields?: Record<string, string> }).fields?._));

describeEachDialect('督办 items, 20 calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);
	let w: SupervisionWorld;
	beforeEach(async () => {
		setClock('2026-12-07T01:30:00Z');
		w = await supervisionWorld(ctx.db());
	});

	const countOf = async (db: DB, kind: string, id: number) =>
		(await eventKinds(db, id)).filter((k) => k === kind).length;

	it('20 registrations at once are numbered 督〔2026〕1..20: no gap, no duplicate', async () => {
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			registerItem(
				wide,
				(i % 2 ? w.leader : w.supervisor).actor,
				itemForm(w, { title: `事项${i}` })
			)
		);
		expect(errors).toEqual([]);
		const seqs = ok.map((r) => Number(/〕(\d+)号$/.exec(r.number)![1])).sort((a, b) => a - b);
		expect(seqs).toEqual(Array.from({ length: N }, (_, i) => i + 1));
		const counters = await ctx.db().selectFrom('document_counters').selectAll().execute();
		expect(counters.map((c) => [c.series, c.year, c.last])).toEqual([['supervision', 2026, N]]);
		expect(await auditRows(ctx.db(), 'supervision.register')).toHaveLength(N);
	});

	/** Runs `step` 20 times at once: one winner, the others the message of the state now. */
	async function once(id: number, step: (db: DB) => Promise<unknown>, kind: string, state: string) {
		const wide = openWide();
		const mailBefore = (await outboxRows(ctx.db())).length;
		const { ok, errors } = await inParallel(N, () => step(wide));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(fieldMessages(errors)).toEqual(new Set([state]));
		expect(await countOf(ctx.db(), kind, id)).toBe(1);
		expect(await auditRows(ctx.db(), `supervision.${kind}`)).toHaveLength(1);
		return (await outboxRows(ctx.db())).length - mailBefore;
	}

	it('交办 20 times at once assigns once: one event, one audit row, one notice and mail each', async () => {
		const { id } = await newItem(ctx.db(), w);
		const mails = await once(
			id,
			(db) => assignItem(db, w.supervisor.actor, id),
			'assign',
			'该事项已交办，等待牵头单位签收'
		);
		expect(mails).toBe(3);
		expect(await noticesOf(ctx.db(), 'assign')).toHaveLength(3);
	});

	it('签收 at once signs once', async () => {
		const { id } = await newItem(ctx.db(), w, { stage: 'assigned' });
		await once(id, (db) => signItem(db, w.leadHead.actor, id), 'sign', '该事项已签收，正在办理');
		expect(await noticesOf(ctx.db(), 'sign')).toEqual([w.supervisor.id]);
	});

	it('申请办结, 退回 and 办结 at once each happen once', async () => {
		const { id } = await newItem(ctx.db(), w, { stage: 'signed' });
		const summary = { summary: '已完成。' };
		expect(
			await once(
				id,
				(db) => requestCompletion(db, w.leadHead.actor, id, summary),
				'request_close',
				'该事项已申请办结，等待复核'
			)
		).toBe(1);
		expect(
			await once(
				id,
				(db) => returnItem(db, w.supervisor.actor, id, { reason: '请补充。' }),
				'return',
				'该事项正在办理'
			)
		).toBe(2);
		await requestCompletion(ctx.db(), w.leadHead.actor, id, summary);
		await once(id, (db) => closeItem(db, w.leader.actor, id), 'close', '该事项已办结');
		expect(await noticesOf(ctx.db(), 'close')).toHaveLength(2);
		expect((await findItemById(ctx.db(), id))!.status).toBe('closed');
	});

	it('中止 at once stops once', async () => {
		const { id } = await newItem(ctx.db(), w, { stage: 'signed' });
		await once(
			id,
			(db) => stopItem(db, w.supervisor.actor, id, { reason: '工作调整。' }),
			'stop',
			'该事项已中止'
		);
		expect(await noticesOf(ctx.db(), 'stop')).toHaveLength(3);
	});

	it('one decision registered 20 times at once makes one item; the others are told its number', async () => {
		const f = await heldMeeting(ctx.db());
		await saveMinutesDraft(ctx.db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await submitMinutes(ctx.db(), f.recorder.actor, f.id);
		await approveMinutes(ctx.db(), f.host.actor, f.id);
		await issueMinutes(ctx.db(), f.office.actor, f.id);
		const [d] = await ctx.db().selectFrom('minute_decisions').select('id').orderBy('seq').execute();
		const wide = openWide();
		const { ok, errors } = await inParallel(N, () =>
			registerFromDecision(wide, w.supervisor.actor, d.id, {})
		);
		expect(ok.map((r) => r.number)).toEqual(['督〔2026〕1号']);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(fieldMessages(errors)).toEqual(new Set(['该议定事项已立项督办（督〔2026〕1号）']));
		expect(messages(errors).size).toBe(1);
		const items = await ctx.db().selectFrom('supervision_items').select('id').execute();
		expect(items).toHaveLength(1);
		const counters = await ctx
			.db()
			.selectFrom('document_counters')
			.select('last')
			.where('series', '=', 'supervision')
			.execute();
		expect(counters).toEqual([{ last: 1 }]);
		expect(await auditRows(ctx.db(), 'supervision.register')).toHaveLength(1);
	});
});
