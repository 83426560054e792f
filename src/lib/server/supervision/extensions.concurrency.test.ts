import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { listExtensions } from './extensions.repository';
import { decideExtension, requestExtension } from './extensions.service';
import { findItemById } from './items.repository';
import {
	eventKinds,
	newItem,
	noticesOf,
	supervisionWorld,
	type SupervisionWorld
} from './supervision.test-helpers';

const N = 20;

const fieldMessages = (errors: unknown[]) =>
	new Set(errors.map((e) => (e as { fields?: Record<string, string> }).fields?._));

describeEachDialect('督办 extensions, 20 calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);
	let w: SupervisionWorld;
	beforeEach(async () => {
		setClock('2026-12-07T01:30:00Z');
		w = await supervisionWorld(ctx.db());
	});

	it('20 requests at once leave one pending request: one event, audit row, notice and mail', async () => {
		const { id } = await newItem(ctx.db(), w, {
			stage: 'signed',
			form: { deadline: '2026-12-18' }
		});
		const mailBefore = (await outboxRows(ctx.db())).length;
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			requestExtension(wide, (i % 2 ? w.responsible : w.leadHead).actor, id, {
				newDeadline: '2027-01-15',
				reason: `原因${i}`
			})
		);
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(fieldMessages(errors)).toEqual(new Set(['已有待审批的延期申请']));
		expect((await listExtensions(ctx.db(), id)).map((x) => x.status)).toEqual(['pending']);
		expect((await eventKinds(ctx.db(), id)).filter((k) => k === 'extension_request')).toHaveLength(
			1
		);
		expect(await auditRows(ctx.db(), 'supervision.extension_request')).toHaveLength(1);
		expect(await noticesOf(ctx.db(), 'extension_request')).toEqual([w.supervisor.id]);
		expect((await outboxRows(ctx.db())).length - mailBefore).toBe(1);
	});

	it('20 decisions at once decide once; the deadline moves once', async () => {
		const { id } = await newItem(ctx.db(), w, {
			stage: 'signed',
			form: { deadline: '2026-12-18' }
		});
		await requestExtension(ctx.db(), w.leadHead.actor, id, {
			newDeadline: '2027-01-15',
			reason: '需等待批复。'
		});
		const wide = openWide();
		const { ok, errors } = await inParallel(N, (i) =>
			decideExtension(wide, (i % 2 ? w.leader : w.supervisor).actor, id, {
				decision: i % 3 ? 'approve' : 'refuse',
				comment: ''
			})
		);
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(fieldMessages(errors)).toEqual(new Set(['没有待审批的延期申请']));
		const [x] = await listExtensions(ctx.db(), id);
		const kinds = (await eventKinds(ctx.db(), id)).filter((k) => k.startsWith('extension_'));
		expect(kinds).toEqual([
			'extension_request',
			x.status === 'approved' ? 'extension_approve' : 'extension_refuse'
		]);
		expect((await findItemById(ctx.db(), id))!.deadline).toBe(
			x.status === 'approved' ? '2027-01-15' : '2026-12-18'
		);
		const decided = [
			...(await auditRows(ctx.db(), 'supervision.extension_approve')),
			...(await auditRows(ctx.db(), 'supervision.extension_refuse'))
		];
		expect(decided).toHaveLength(1);
	});
});
