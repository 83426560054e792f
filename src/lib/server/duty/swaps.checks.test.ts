import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { instantFromNow } from '../testing/dates';
import { auditCount, newUser } from '../testing/fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { swapFormOptions } from './swaps.query';
import { decideSwap, respondToSwap, proposeSwap } from './swaps.service';
import {
	exempt,
	handover,
	markUnavailable,
	rosterOf,
	shortDate,
	swap,
	swapRows,
	swapScene
} from './swaps.test-helpers';
import type { ProposeSwapInput } from './swaps.schema';

/** The instant these tests act at (time is an input): the shifts are placed days after it. */
const NOW = '2027-03-15T02:00:00.000Z';

describeEachDialect('duty swaps: refusals', ({ db }) => {
	beforeEach(() => setClock(NOW));

	/** Nothing written: no request, no audit row, the roster as it was. */
	async function expectNothingWritten(periodId: number, roster: Record<number, number | null>) {
		expect(await swapRows(db())).toEqual([]);
		expect(await auditCount(db())).toBe(0);
		expect(await rosterOf(db(), periodId)).toEqual(roster);
	}

	it('refuses to swap in someone on leave that day, naming them, and writes nothing', async () => {
		const s = await swapScene(db());
		await markUnavailable(db(), {
			userId: s.li.id,
			from: s.d1,
			reason: '出差',
			createdBy: s.office.id
		});
		const before = await rosterOf(db(), s.period.periodId);
		await expect(
			proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id))
		).rejects.toMatchObject({
			fields: { counterpartId: `李四 在 ${shortDate(s.d1)} 请假/不可值班（出差），不能调入` }
		});
		await expectNothingWritten(s.period.periodId, before);

		const options = await swapFormOptions(db(), s.zhang.actor, s.slots.a);
		const li = options.colleagues.find((c) => c.id === s.li.id)!;
		expect([li.handoverProblem, li.swapProblem]).toEqual([
			`${shortDate(s.d1)}不可值班`,
			`${shortDate(s.d1)}不可值班`
		]);
		const others = options.colleagues.filter((c) => c.id !== s.li.id);
		// 王五 already has the night after that day shift.
		expect(others.map((c) => [c.name, c.handoverProblem])).toEqual([
			['王五', '会连续值班'],
			['赵六', null]
		]);
	});

	it('refuses someone exempt from the period', async () => {
		const s = await swapScene(db());
		await exempt(db(), s.period.periodId, s.li.id, '病休');
		const before = await rosterOf(db(), s.period.periodId);
		await expect(
			proposeSwap(db(), s.zhang.actor, swap(s.slots.a, s.li.id, s.slots.c))
		).rejects.toMatchObject({ fields: { counterpartId: '李四 已免除本期值班（病休），不能调入' } });
		await expectNothingWritten(s.period.periodId, before);
	});

	it('refuses a swap that would put someone on back-to-back shifts', async () => {
		const s = await swapScene(db());
		const before = await rosterOf(db(), s.period.periodId);
		// 李四 would take 王五's night before his own day shift on d2.
		await expect(
			proposeSwap(db(), s.wang.actor, swap(s.slots.n, s.li.id, s.slots.c))
		).rejects.toMatchObject({
			fields: { counterpartId: expect.stringMatching(/^调换后 李四 将在 .*夜班 前后连续值班/) }
		});
		await expect(
			proposeSwap(db(), s.wang.actor, handover(s.slots.n, s.li.id))
		).rejects.toMatchObject({ fields: { counterpartId: expect.stringContaining('连续值班') } });
		await expectNothingWritten(s.period.periodId, before);
		const options = await swapFormOptions(db(), s.wang.actor, s.slots.n);
		const li = options.colleagues.find((c) => c.id === s.li.id)!;
		expect(li.handoverProblem).toBe('会连续值班');
		expect(li.slots.map((x) => [x.assignmentId, x.problem])).toEqual([
			[s.slots.b, null],
			[s.slots.c, '李四会连续值班']
		]);
	});

	it('refuses swaps on a roster that is not published', async () => {
		const s = await swapScene(db(), { status: 'draft', zhangRoles: ['staff', 'office'] });
		const before = await rosterOf(db(), s.period.periodId);
		await expect(
			proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id))
		).rejects.toMatchObject({ fields: { _: '值班表尚未发布，不能调班' } });
		// Staff do not see a draft at all.
		await expect(proposeSwap(db(), s.li.actor, handover(s.slots.b, s.wang.id))).rejects.toThrow(
			'not found'
		);
		await expectNothingWritten(s.period.periodId, before);
		const options = await swapFormOptions(db(), s.zhang.actor, s.slots.a);
		expect([options.blocked, options.colleagues]).toEqual(['值班表尚未发布，不能调班', []]);
	});

	it('allows one open request per slot, and none on a shift that has started', async () => {
		const s = await swapScene(db());
		await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		await expect(
			proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.wang.id))
		).rejects.toMatchObject({ fields: { _: '该班次已有一条待处理的调班申请' } });
		// The colleague's slot in that request is taken too.
		await expect(
			proposeSwap(db(), s.wang.actor, swap(s.slots.n, s.zhang.id, s.slots.a))
		).rejects.toThrow('该班次已有一条待处理的调班申请');
		const later = new Date(instantFromNow(12));
		await expect(
			proposeSwap(db(), s.li.actor, handover(s.slots.b, s.wang.id), later)
		).rejects.toMatchObject({ fields: { _: '该班次已开始，不能再调班' } });
		expect(await swapRows(db())).toHaveLength(1);
	});

	it('checks the colleague and their slot', async () => {
		const s = await swapScene(db());
		const leaver = await newUser(db(), { name: '钱七', isActive: false });
		const outside = await newUser(db(), { name: '孙八' });
		const cases: Array<[Record<string, string>, Record<string, string>]> = [
			[handover(s.slots.a, s.zhang.id), { counterpartId: '不能与自己调班' }],
			[handover(s.slots.a, leaver.id), { counterpartId: '所选同事不存在或已停用' }],
			[handover(s.slots.a, outside.id), { counterpartId: '孙八 不在本期值班员名单中，不能替班' }],
			[{ ...handover(s.slots.a, s.li.id), counterpartId: '' }, { counterpartId: '请选择同事' }],
			[{ ...handover(s.slots.a, s.li.id), reason: ' ' }, { reason: '请填写调班原因' }],
			[
				{ ...swap(s.slots.a, s.li.id, 0), counterpartAssignmentId: '' },
				{
					counterpartAssignmentId: '调班须选择对方的一个班次'
				}
			],
			[swap(s.slots.a, s.li.id, s.slots.n), { counterpartAssignmentId: '所选班次不是 李四 的值班' }]
		];
		for (const [input, fields] of cases) {
			await expect(
				proposeSwap(db(), s.zhang.actor, input as unknown as ProposeSwapInput)
			).rejects.toMatchObject({ fields });
		}
		expect(await swapRows(db())).toEqual([]);
		expect(await auditCount(db())).toBe(0);
	});

	it('without a pool, lets anyone active in a fitting role take over', async () => {
		const s = await swapScene(db(), { pools: false });
		const leader = await newUser(db(), { name: '周局长', roles: ['leader'] });
		await expect(
			proposeSwap(db(), s.zhang.actor, handover(s.slots.a, leader.id))
		).rejects.toMatchObject({ fields: { counterpartId: expect.stringContaining('周局长 不在') } });
		const staff = await newUser(db(), { name: '吴九' });
		await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, staff.id));
		expect((await swapRows(db()))[0]).toMatchObject({ counterpart_id: staff.id });
	});

	it('re-checks leave at approval and changes nothing when it now clashes', async () => {
		const s = await swapScene(db());
		const id = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		await respondToSwap(db(), s.li.actor, id, true);
		await markUnavailable(db(), {
			userId: s.li.id,
			from: s.d1,
			to: s.d2,
			reason: '病假',
			createdBy: s.office.id
		});
		const before = await rosterOf(db(), s.period.periodId);
		const audits = await auditCount(db());
		await expect(decideSwap(db(), s.office.actor, id, true, '')).rejects.toMatchObject({
			fields: { _: `李四 在 ${shortDate(s.d1)} 请假/不可值班（病假），不能调入` }
		});
		expect(await rosterOf(db(), s.period.periodId)).toEqual(before);
		expect(await auditCount(db())).toBe(audits);
		expect((await swapRows(db()))[0].status).toBe('accepted');
		// The office can still reject it.
		await decideSwap(db(), s.office.actor, id, false, '李四请假');
		expect((await swapRows(db()))[0].status).toBe('rejected');
	});

	it('re-checks when the colleague accepts: one now on leave cannot accept', async () => {
		const s = await swapScene(db());
		const id = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		await markUnavailable(db(), {
			userId: s.li.id,
			from: s.d1,
			reason: '培训',
			createdBy: s.office.id
		});
		await expect(respondToSwap(db(), s.li.actor, id, true)).rejects.toThrow('李四 在');
		expect((await swapRows(db()))[0].status).toBe('proposed');
		await respondToSwap(db(), s.li.actor, id, false);
		expect((await swapRows(db()))[0].status).toBe('declined');
	});

	it('refuses approval once the roster was changed by hand', async () => {
		const s = await swapScene(db());
		const id = await proposeSwap(db(), s.zhang.actor, swap(s.slots.a, s.li.id, s.slots.c));
		await respondToSwap(db(), s.li.actor, id, true);
		await db()
			.updateTable('duty_assignments')
			.set({ user_id: s.wang.id })
			.where('id', '=', s.slots.c)
			.execute();
		await expect(decideSwap(db(), s.office.actor, id, true, '')).rejects.toThrow('值班表已调整');
		expect((await rosterOf(db(), s.period.periodId))[s.slots.a]).toBe(s.zhang.id);
	});
});
