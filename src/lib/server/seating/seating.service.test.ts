import { expect, it } from 'vitest';
import { seatsOf } from '$lib/domain/seating';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { auditCount } from '../testing/fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { refusal } from '../testing/refusal';
import { replyToMeeting } from '../meetings/replies.service';
import { insertPlacements } from './seating.repository';
import { listSeatPeopleAndPlaces, planSeatingRead } from './seat-people.repository';
import { arrangePlan, placePerson, setSeatLock, setupPlan, swapPlanSeats } from './seating.service';
import { getSeatingSettings, saveSeatingSettings } from './settings.service';
import { deleteTemplate, listTemplates, saveTemplate } from './templates.service';
import { loadPlanPage, mySeat, printModel, seatsOfPeople } from './seating.query';
import {
	HALL,
	placementsOf,
	seatingWorld,
	setupForm,
	type SeatingWorld
} from './seating.test-helpers';
import type { DB } from '../db';

const CHANGED = '座次表已被他人修改，请刷新后再操作。';

/** Who sits where, as { seat: name }. */
async function seating(db: DB, w: SeatingWorld) {
	const page = await loadPlanPage(db, w.office.actor, w.meetingId);
	return Object.fromEntries(placementsOf(page).map((p) => [p.seat, p.shownName]));
}

async function arranged(db: DB, w: SeatingWorld, o: Record<string, unknown> = {}) {
	const plan = await setupPlan(db, w.office.actor, w.meetingId, setupForm(o));
	await arrangePlan(db, w.office.actor, w.meetingId, plan.version);
	return (await loadPlanPage(db, w.office.actor, w.meetingId)).plan!.version;
}

describeEachDialect('座次', (ctx) => {
	const db = () => ctx.db();

	it('the office keeps a room’s templates: add, rename, list, delete, each audited', async () => {
		const w = await seatingWorld(db());
		const before = await auditCount(db());
		const t = await saveTemplate(db(), w.office.actor, {
			roomId: String(w.roomId),
			name: '大会议',
			layout: JSON.stringify(HALL)
		});
		expect(t.layout).toEqual(HALL);
		await saveTemplate(db(), w.office.actor, {
			id: t.id,
			roomId: w.roomId,
			name: '报告会',
			layout: HALL
		});
		// The same again writes nothing.
		await saveTemplate(db(), w.office.actor, {
			id: t.id,
			roomId: w.roomId,
			name: '报告会',
			layout: HALL
		});
		expect((await listTemplates(db(), w.office.actor, w.roomId)).map((x) => x.name)).toEqual([
			'报告会'
		]);
		const again = await refusal(
			saveTemplate(db(), w.office.actor, { roomId: w.roomId, name: '报告会', layout: HALL })
		);
		expect(again.fields?.name).toBe('本会议室已有同名的座次模板。');
		await deleteTemplate(db(), w.office.actor, t.id);
		expect(await listTemplates(db(), w.office.actor, w.roomId)).toEqual([]);
		expect(await auditCount(db())).toBe(before + 3);
	});

	it('refuses a bad layout in words and lets only the office keep templates', async () => {
		const w = await seatingWorld(db());
		for (const [layout, says] of [
			['not json', '请检查主席台排数'],
			[
				{ kind: 'hall', rostrum: [41], floor: { rows: 0, blocks: [] } },
				'主席台每排座位数应为 1 到 40'
			],
			[{ kind: 'hall', rostrum: [], floor: { rows: 61, blocks: [4] } }, '会场排数应为 0 到 60'],
			[{ kind: 'hall', rostrum: [], floor: { rows: 3, blocks: [] } }, '至少要有一个区块'],
			[{ kind: 'hall', rostrum: [], floor: { rows: 0, blocks: [] } }, '至少要有主席台或会场的座位'],
			[
				{ kind: 'talks', style: 'talks', hostSeats: 0, guestSeats: 3, door: 'bottom' },
				'主方座位数应为 1 到 30'
			]
		] as const) {
			const r = await refusal(
				saveTemplate(db(), w.office.actor, { roomId: w.roomId, name: '坏', layout })
			);
			expect(r.name).toBe('ValidationError');
			expect(r.fields?.layout).toMatch(/^座位布局不正确：/);
			expect(r.fields?.layout).toContain(says);
		}
		await expect(
			saveTemplate(db(), w.leaders[0].actor, { roomId: w.roomId, name: '甲', layout: HALL })
		).rejects.toThrow(ForbiddenError);
		await expect(listTemplates(db(), w.leaders[0].actor, w.roomId)).rejects.toThrow(ForbiddenError);
		expect(await listTemplates(db(), w.office.actor, w.roomId)).toEqual([]);
	});

	it('arranges 出席 on the rostrum by precedence (以左为上), 列席 on the floor by 姓氏笔画, 会务 unseated', async () => {
		const w = await seatingWorld(db());
		const before = await auditCount(db());
		const version = await arranged(db(), w);
		expect(version).toBe(2);
		expect(await seating(db(), w)).toEqual({
			'R1-1': '郑七',
			'R1-2': '周五',
			'R1-3': '孙三',
			'R1-4': '赵一',
			'R1-5': '钱二',
			'R1-6': '李四',
			'R1-7': '吴六',
			'F1-4': '王文',
			'F1-5': '文武',
			'F1-3': '林立'
		});
		const page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(page.unseated).toEqual([
			expect.objectContaining({ participantId: w.staff.participantId, reason: 'staff' })
		]);
		expect(seatsOf(page.plan!.layout)).toHaveLength(7 + 24);
		expect(page.versions.map((v) => [v.version, v.summary, v.changedByName])).toEqual([
			[2, '自动排座', '王办公'],
			[1, '设置座次表', '王办公']
		]);
		expect(page.changes).toEqual([]);
		expect(await auditCount(db())).toBe(before + 2);
		// 以右为上 mirrors the rostrum.
		await setupPlan(db(), w.office.actor, w.meetingId, setupForm({ version, convention: 'right' }));
		await arrangePlan(db(), w.office.actor, w.meetingId, version + 1);
		const mirrored = await seating(db(), w);
		expect(['R1-1', 'R1-4', 'R1-7'].map((k) => mirrored[k])).toEqual(['吴六', '赵一', '郑七']);
	});

	it('sets up from a template of the meeting’s room only', async () => {
		const w = await seatingWorld(db());
		const t = await saveTemplate(db(), w.office.actor, {
			roomId: w.roomId,
			name: '大会议',
			layout: HALL
		});
		const plan = await setupPlan(db(), w.office.actor, w.meetingId, {
			...setupForm({ templateId: String(t.id) }),
			layout: undefined
		});
		expect(plan).toMatchObject({ templateId: t.id, layout: HALL, version: 1, pair: '12' });
		const page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(page.templates.map((x) => x.id)).toEqual([t.id]);
		const none = await refusal(
			setupPlan(db(), w.office.actor, w.meetingId, { ...setupForm({ version: 1 }), layout: '' })
		);
		expect(none.fields?.layout).toBe('请选择本会议室的座次模板，或自行绘制布局。');
		const bad = await refusal(
			setupPlan(db(), w.office.actor, w.meetingId, setupForm({ version: 1, convention: 'up' }))
		);
		expect(bad.fields?.convention).toBeTruthy();
		// A second first setup (the page shown before the plan existed) is refused.
		expect(
			(await refusal(setupPlan(db(), w.office.actor, w.meetingId, setupForm()))).fields?._
		).toBe(CHANGED);
	});

	it('swaps two seats, refuses a stale version, a locked seat and an unknown seat, changing nothing', async () => {
		const w = await seatingWorld(db());
		const v = await arranged(db(), w);
		await swapPlanSeats(db(), w.office.actor, w.meetingId, v, 'R1-4', 'F1-4');
		let now = await seating(db(), w);
		expect([now['R1-4'], now['F1-4']]).toEqual(['王文', '赵一']);
		// With an empty seat: a move.
		await swapPlanSeats(db(), w.office.actor, w.meetingId, v + 1, 'F1-4', 'F3-8');
		now = await seating(db(), w);
		expect([now['F1-4'], now['F3-8']]).toEqual([undefined, '赵一']);
		const stale = await refusal(
			swapPlanSeats(db(), w.office.actor, w.meetingId, v, 'R1-1', 'R1-2')
		);
		expect(stale.fields?._).toBe(CHANGED);
		await setSeatLock(db(), w.office.actor, w.meetingId, v + 2, 'R1-1', true);
		const locked = await refusal(
			swapPlanSeats(db(), w.office.actor, w.meetingId, v + 3, 'R1-1', 'R1-2')
		);
		expect(locked.fields?.a).toBe('座位 R1-1 已锁定，请先解锁再调整。');
		for (const [a, b] of [
			['R1-2', 'R1-9'],
			['R1-2', 'X1'],
			['R1-2', 'R1-2']
		]) {
			expect(
				(await refusal(swapPlanSeats(db(), w.office.actor, w.meetingId, v + 3, a, b))).name
			).toBe('ValidationError');
		}
		const empty = await refusal(
			setSeatLock(db(), w.office.actor, w.meetingId, v + 3, 'F2-1', true)
		);
		expect(empty.fields?.seat).toBe('座位 F2-1 无人，无法锁定。');
		const page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(page.plan!.version).toBe(v + 3);
		expect(page.versions[0].summary).toBe('锁定 R1-1');
		expect(page.versions[2].summary).toBe('交换 R1-4 与 F1-4');
	});

	it('re-arranges after a deputy reply and after an excused reply, keeping locked seats and saying what changed', async () => {
		const w = await seatingWorld(db());
		let v = await arranged(db(), w);
		// 孙三 (No.3, R1-3) is moved by hand to the centre-left and locked there.
		await swapPlanSeats(db(), w.office.actor, w.meetingId, v++, 'R1-3', 'R1-1');
		await setSeatLock(db(), w.office.actor, w.meetingId, v++, 'R1-1', true);
		// 赵一 sends a deputy; 钱二 is excused.
		await replyToMeeting(db(), w.leaders[0].actor, w.meetingId, {
			reply: 'deputy',
			reason: '出差',
			deputyId: String(w.deputy.id)
		});
		await replyToMeeting(db(), w.leaders[1].actor, w.meetingId, {
			reply: 'excused',
			reason: '病假'
		});
		let page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(page.changes).toEqual([
			{ participantId: w.leaders[0].participantId, kind: 'deputy_changed', name: '赵一' },
			{ participantId: w.leaders[1].participantId, kind: 'now_excused', name: '钱二' }
		]);
		// The deputy shows in the principal's seat with 代, the excused seat reserved empty.
		const centre = placementsOf(page).find((p) => p.seat === 'R1-4')!;
		expect(centre).toMatchObject({ name: '赵一', shownName: '副手', isDeputy: true });
		await arrangePlan(db(), w.office.actor, w.meetingId, v++);
		page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(page.changes).toEqual([]);
		const at = Object.fromEntries(placementsOf(page).map((p) => [p.seat, p]));
		expect(at['R1-1']).toMatchObject({ name: '孙三', locked: true });
		expect(at['R1-4']).toMatchObject({ name: '赵一', shownName: '副手', isDeputy: true });
		expect(at['R1-5']).toMatchObject({ name: '钱二', isReservedEmpty: true });
		// Closing up: the excused leave the plan; the lock still holds.
		const setup = await setupPlan(
			db(),
			w.office.actor,
			w.meetingId,
			setupForm({ version: v, excusedMode: 'close_up' })
		);
		await arrangePlan(db(), w.office.actor, w.meetingId, setup.version);
		page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(placementsOf(page).find((p) => p.seat === 'R1-1')).toMatchObject({
			name: '孙三',
			locked: true
		});
		expect(placementsOf(page).some((p) => p.name === '钱二')).toBe(false);
		expect(page.unseated).toContainEqual(
			expect.objectContaining({ name: '钱二', reason: 'excused' })
		);
		// 钱二 comes after all: the page says so until the plan is re-arranged.
		await replyToMeeting(db(), w.leaders[1].actor, w.meetingId, { reply: 'attend', reason: '' });
		page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(page.changes).toEqual([
			{ participantId: w.leaders[1].participantId, kind: 'added', name: '钱二' }
		]);
	});

	it('the plan refuses a person twice: by placePerson and by the unique constraint', async () => {
		const w = await seatingWorld(db());
		const v = await arranged(db(), w);
		const twice = await refusal(
			placePerson(db(), w.office.actor, w.meetingId, v, w.leaders[0].participantId, 'F3-1')
		);
		expect(twice.fields?.participantId).toBe('此人已在座次表中，同一人不能占两个座位。');
		const plan = (await loadPlanPage(db(), w.office.actor, w.meetingId)).plan!;
		await expect(
			insertPlacements(db(), plan.id, [
				{
					seat: 'F3-1',
					participantId: w.leaders[0].participantId,
					locked: false,
					arrangedReply: 'pending',
					arrangedDeputyId: null
				}
			])
		).rejects.toThrow();
		// The staff member is seated by hand, taken off again; a taken seat and a stranger refused.
		const taken = await refusal(
			placePerson(db(), w.office.actor, w.meetingId, v, w.staff.participantId, 'R1-1')
		);
		expect(taken.fields?.seat).toBe('座位 R1-1 已有人，请选择空座位。');
		await placePerson(db(), w.office.actor, w.meetingId, v, w.staff.participantId, 'F3-1');
		expect((await seating(db(), w))['F3-1']).toBe('会务员');
		await placePerson(db(), w.office.actor, w.meetingId, v + 1, w.staff.participantId, null);
		expect((await seating(db(), w))['F3-1']).toBeUndefined();
		const stranger = await refusal(
			placePerson(db(), w.office.actor, w.meetingId, v + 2, 999999, 'F3-1')
		);
		expect(stranger.fields?.participantId).toBe('此人不是本会议的参会人员。');
	});

	it('another user cannot arrange or swap; a participant cannot see another meeting’s plan', async () => {
		const w = await seatingWorld(db());
		const v = await arranged(db(), w);
		const participant = w.leaders[2].actor;
		for (const work of [
			() => arrangePlan(db(), participant, w.meetingId, v),
			() => swapPlanSeats(db(), participant, w.meetingId, v, 'R1-1', 'R1-2'),
			() => setSeatLock(db(), participant, w.meetingId, v, 'R1-1', true),
			() => placePerson(db(), participant, w.meetingId, v, w.staff.participantId, 'F3-1'),
			() => setupPlan(db(), participant, w.meetingId, setupForm({ version: v })),
			() => loadPlanPage(db(), participant, w.meetingId),
			() => printModel(db(), participant, w.meetingId)
		])
			await expect(work()).rejects.toThrow(ForbiddenError);
		// Someone not on the meeting is told it does not exist.
		for (const work of [
			() => arrangePlan(db(), w.outsider.actor, w.meetingId, v),
			() => swapPlanSeats(db(), w.outsider.actor, w.meetingId, v, 'R1-1', 'R1-2'),
			() => loadPlanPage(db(), w.outsider.actor, w.meetingId),
			() => mySeat(db(), w.outsider.actor, w.meetingId),
			() => mySeat(db(), participant, w.otherMeeting)
		])
			await expect(work()).rejects.toThrow(NotFoundError);
		expect((await loadPlanPage(db(), w.office.actor, w.meetingId)).plan!.version).toBe(v);
	});

	it('people beyond a full hall are left without a seat, not reported as added since', async () => {
		const w = await seatingWorld(db());
		const small = { kind: 'hall', rostrum: [3], floor: { rows: 0, blocks: [] } };
		await arranged(db(), w, { layout: small });
		const page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		expect(placementsOf(page)).toHaveLength(3);
		expect(page.unseated.some((u) => u.reason === 'no_seat')).toBe(true);
		expect(page.changes.filter((c) => c.kind === 'added')).toEqual([]);
	});

	it('a cancelled meeting’s plan no longer changes', async () => {
		const w = await seatingWorld(db());
		const version = await arranged(db(), w);
		await db()
			.updateTable('meetings')
			.set({ status: 'cancelled' })
			.where('id', '=', w.meetingId)
			.execute();
		const before = await seating(db(), w);
		const r = await refusal(arrangePlan(db(), w.office.actor, w.meetingId, version));
		expect(r.fields?._).toBe('会议已取消，座次不能再调整。');
		expect(await seating(db(), w)).toEqual(before);
	});

	it('gives the check-in sheet each seated person’s seat, to those who manage the meeting only', async () => {
		const w = await seatingWorld(db());
		await arranged(db(), w);
		const page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		const seats = await seatsOfPeople(db(), w.office.actor, w.meetingId);
		const seated = placementsOf(page).filter((p) => !p.isReservedEmpty);
		const { people } = await listSeatPeopleAndPlaces(db(), w.meetingId, page.plan!.id);
		const userOf = new Map(people.map((p) => [p.participantId, p.userId]));
		expect(Object.keys(seats)).toHaveLength(seated.length);
		for (const p of seated) expect(seats[userOf.get(p.participantId)!].key).toBe(p.seat);
		await expect(seatsOfPeople(db(), w.leaders[0].actor, w.meetingId)).rejects.toThrow(
			ForbiddenError
		);
	});

	it('reads the plan page’s seats lean: the same seats, names and changes as the full read', async () => {
		const w = await seatingWorld(db());
		await arranged(db(), w);
		await replyToMeeting(db(), w.leaders[0].actor, w.meetingId, {
			reply: 'deputy',
			reason: '',
			deputyId: String(w.deputy.id)
		});
		await replyToMeeting(db(), w.leaders[1].actor, w.meetingId, {
			reply: 'excused',
			reason: '出差'
		});
		const page = await loadPlanPage(db(), w.office.actor, w.meetingId);
		const plan = page.plan!;
		// The full read of people and places (the print pages') holds the same seats.
		const full = await listSeatPeopleAndPlaces(db(), w.meetingId, plan.id);
		expect(placementsOf(page).map((p) => [p.seat, p.participantId])).toEqual(
			full.placements
				.map((p) => [p.seat, p.participantId])
				.sort((a, b) => String(a[0]).localeCompare(String(b[0])))
		);
		expect(page.seats.taken).toBe(full.placements.length);
		const print = await printModel(db(), w.office.actor, w.meetingId);
		const shown = Object.fromEntries(print.chart.map((c) => [c.seat.key, c.name]));
		for (const p of placementsOf(page))
			expect(p.isReservedEmpty ? null : p.shownName).toBe(shown[p.seat] ?? null);
		// Only the two whose reply changed are read as changed, with what they were arranged
		// with; the unseated are the 会务 alone, read in full as the full read has them.
		const read = planSeatingRead(db(), w.meetingId, plan.id, {});
		const lean = read.unpack(await read.query.executeTakeFirstOrThrow());
		expect(lean.changed.sort((a, b) => a.participantId - b.participantId)).toEqual([
			{
				participantId: w.leaders[0].participantId,
				name: '赵一',
				reply: 'deputy',
				deputyId: w.deputy.id,
				arrangedReply: 'pending',
				arrangedDeputyId: null
			},
			{
				participantId: w.leaders[1].participantId,
				name: '钱二',
				reply: 'excused',
				deputyId: null,
				arrangedReply: 'pending',
				arrangedDeputyId: null
			}
		]);
		expect(lean.unseated).toEqual(
			full.people.filter((p) => p.participantId === w.staff.participantId)
		);
		expect(page.changes.map((c) => c.kind)).toEqual(['deputy_changed', 'now_excused']);
	});

	it('tells a participant and their deputy where they sit', async () => {
		const w = await seatingWorld(db());
		expect(await mySeat(db(), w.leaders[0].actor, w.meetingId)).toBeNull();
		await arranged(db(), w);
		expect(await mySeat(db(), w.leaders[0].actor, w.meetingId)).toMatchObject({
			seat: { key: 'R1-4' },
			zoneLabel: '主席台',
			row: 1,
			number: 4,
			asDeputy: false
		});
		expect(await mySeat(db(), w.observers[0].actor, w.meetingId)).toMatchObject({
			zoneLabel: '会场',
			row: 1,
			number: 4
		});
		expect(await mySeat(db(), w.staff.actor, w.meetingId)).toBeNull();
		await replyToMeeting(db(), w.leaders[0].actor, w.meetingId, {
			reply: 'deputy',
			reason: '',
			deputyId: String(w.deputy.id)
		});
		expect(await mySeat(db(), w.deputy.actor, w.meetingId)).toMatchObject({
			seat: { key: 'R1-4' },
			asDeputy: true
		});
		expect(await mySeat(db(), w.leaders[0].actor, w.meetingId)).toBeNull();
	});

	it('prints the chart, name cards rostrum first, the list by seat and the rostrum order', async () => {
		const w = await seatingWorld(db());
		await arranged(db(), w);
		const p = await printModel(db(), w.office.actor, w.meetingId);
		expect(p.chart).toHaveLength(31);
		expect(p.cards.map((c) => c.name)).toEqual([
			'赵一',
			'钱二',
			'孙三',
			'李四',
			'周五',
			'吴六',
			'郑七',
			'王文',
			'文武',
			'林立'
		]);
		expect(p.rostrum.map((r) => [r.rank, r.seat, r.name])).toEqual([
			[1, 'R1-4', '赵一'],
			[2, 'R1-5', '钱二'],
			[3, 'R1-3', '孙三'],
			[4, 'R1-6', '李四'],
			[5, 'R1-2', '周五'],
			[6, 'R1-7', '吴六'],
			[7, 'R1-1', '郑七']
		]);
		expect(p.list.map((l) => l.label).slice(0, 2)).toEqual([
			'主席台第1排第1座',
			'主席台第1排第2座'
		]);
		expect(p.list.at(-1)!.label).toBe('第1排第5座');
	});

	it('keeps the n=2 order as the office’s setting, default 1 2', async () => {
		const w = await seatingWorld(db());
		expect(await getSeatingSettings(db())).toEqual({ pair: '12' });
		await saveSeatingSettings(db(), w.office.actor, { pair: '21' });
		expect((await loadPlanPage(db(), w.office.actor, w.meetingId)).settings.pair).toBe('21');
		await expect(saveSeatingSettings(db(), w.leaders[0].actor, { pair: '12' })).rejects.toThrow(
			ForbiddenError
		);
		await expect(saveSeatingSettings(db(), w.office.actor, { pair: '3' } as never)).rejects.toThrow(
			ValidationError
		);
	});
});
