import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { submitLeave } from '../leave/requests.service';
import { describeEachDialect } from '../testing/each-dialect';
import { decidedItems, inboxCard, inboxItems } from './approval.query';
import { decideApproval } from './approval.service';
import { approvalWorld, inTrx, MONDAY, TODAY, type ApprovalWorld } from './approval.test-helpers';

describeEachDialect('approval inbox as pages show it', ({ db }) => {
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(MONDAY);
		w = await approvalWorld(db());
	});

	const ask = () =>
		submitLeave(
			db(),
			w.staff.actor,
			{
				type: 'personal',
				startDate: '2026-12-08',
				endDate: '2026-12-10',
				reason: '家中有事'
			},
			{ at: new Date(MONDAY), notify: false }
		);

	it('rows carry the leave’s summary and link; the 工作台 card counts them', async () => {
		const id = await ask();
		const [row] = await inboxItems(db(), w.head.actor, TODAY);
		expect(row).toMatchObject({
			kind: 'leave',
			subjectId: id,
			href: `/leave/${id}`,
			applicantName: '李明',
			departmentName: '综合科',
			position: 0,
			stepCount: 2,
			onBehalfOfName: null
		});
		expect(row.summary).toContain('事假');
		expect(await inboxCard(db(), w.head.actor, TODAY)).toMatchObject({ count: 1 });
		// A department head with nothing waiting still sees the card; a staff member does not.
		expect(await inboxCard(db(), w.otherHead.actor, TODAY)).toEqual({ count: 0, items: [] });
		expect(await inboxCard(db(), w.staff.actor, TODAY)).toBeNull();

		await inTrx(db(), (trx) =>
			decideApproval(trx, w.head.actor, 'leave', id, { decision: 'approve', comment: '' }, MONDAY)
		);
		expect(await inboxItems(db(), w.head.actor, TODAY)).toEqual([]);
		const decided = await decidedItems(db(), w.head.actor, '2026-09-01T00:00:00Z');
		expect(decided.map((d) => [d.subjectId, d.status, d.href])).toEqual([
			[id, 'approved', `/leave/${id}`]
		]);
		expect((await inboxItems(db(), w.leader.actor, TODAY)).map((r) => r.position)).toEqual([1]);
	});
});
