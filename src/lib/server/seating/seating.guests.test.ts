import { expect, it } from 'vitest';
import { seatsOf, type TalksLayout } from '$lib/domain/seating';
import { ForbiddenError, NotFoundError } from '../errors';
import { auditCount } from '../testing/fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { refusal } from '../testing/refusal';
import type { DB } from '../db';
import {
	addGuest,
	arrangePlan,
	removeGuest,
	setSeatLock,
	setupPlan,
	swapPlanSeats
} from './seating.service';
import { loadPlanPage, printModel } from './seating.query';
import { findPlanOfMeeting, listGuests, listVersions } from './seating.repository';
import { listTemplatesOfRoom } from './templates.repository';
import { saveTemplate } from './templates.service';
import { toPlanRecord } from './seating.service';
import { placementsOf, seatingWorld, setupForm, type SeatingWorld } from './seating.test-helpers';

// 会见/会谈: the guest side of a talks plan — guests typed in by the office, seated by rank on
// the guest side while the meeting's participants take the host side.

const CHANGED = '座次表已被他人修改，请刷新后再操作。';
/** A talks table, the door at the bottom: guests on the top side facing it, 5 seats a side. */
const TABLE: TalksLayout = {
	kind: 'talks',
	style: 'talks',
	hostSeats: 5,
	guestSeats: 5,
	door: 'bottom'
};

async function talksPlan(db: DB, w: SeatingWorld, layout: TalksLayout = TABLE) {
	return (await setupPlan(db, w.office.actor, w.meetingId, setupForm({ layout }))).version;
}

const page = (db: DB, w: SeatingWorld) => loadPlanPage(db, w.office.actor, w.meetingId);

/** Who sits where, as { seat: name }, participants and guests alike. */
async function seating(db: DB, w: SeatingWorld) {
	const p = await page(db, w);
	return {
		...Object.fromEntries(placementsOf(p).map((x) => [x.seat, x.shownName])),
		...Object.fromEntries(p.guests.filter((g) => g.seat).map((g) => [g.seat, g.name]))
	};
}

describeEachDialect('座次: 会见/会谈 guests', (ctx) => {
	const db = () => ctx.db();
	const wide = wideDbPerTest(ctx, 12);

	it('reads the plan, its guests and versions and the room’s templates with the seats: as each list alone gives them', async () => {
		const w = await seatingWorld(db());
		// Typed in out of order: each list keeps its own order (name; rank; newest first).
		for (const name of ['报告会', '大会议'])
			await saveTemplate(db(), w.office.actor, {
				roomId: w.roomId,
				name,
				layout: JSON.stringify(TABLE)
			});
		const none = await page(db(), w);
		expect(none.plan).toBeNull();
		expect([none.seats.taken, none.guests, none.versions, none.changes]).toEqual([0, [], [], []]);
		expect(none.unseated.map((p) => p.participantId)).toEqual(
			[...w.leaders, ...w.observers, w.staff].map((p) => p.participantId)
		);
		expect(none.templates).toEqual(await listTemplatesOfRoom(db(), w.roomId));
		expect(none.templates).toHaveLength(2);

		let v = await talksPlan(db(), w);
		for (const [name, rank] of [
			['史密斯', '2'],
			['约翰逊', '1'],
			['布朗', '2']
		])
			await addGuest(db(), w.office.actor, w.meetingId, { version: v++, name, title: '', rank });
		await arrangePlan(db(), w.office.actor, w.meetingId, v++);
		const p = await page(db(), w);
		const plan = (await findPlanOfMeeting(db(), w.meetingId))!;
		expect(p.plan).toEqual(toPlanRecord(plan));
		expect(p.guests).toEqual(await listGuests(db(), plan.id));
		expect(p.guests.map((g) => g.name)).toEqual(['约翰逊', '史密斯', '布朗']);
		expect(p.versions).toEqual(await listVersions(db(), plan.id, 20));
		expect(p.versions.map((x) => x.version)).toEqual([5, 4, 3, 2, 1]);
		expect(p.templates).toEqual(await listTemplatesOfRoom(db(), w.roomId));
	});

	it('seats the participants on the host side and the guests by rank opposite, each audited', async () => {
		const w = await seatingWorld(db());
		let v = await talksPlan(db(), w);
		const before = await auditCount(db());
		// Typed in out of order: the rank decides, not the order of entry.
		await addGuest(db(), w.office.actor, w.meetingId, {
			version: v++,
			name: '史密斯',
			title: '代表团副团长',
			rank: '2'
		});
		await addGuest(db(), w.office.actor, w.meetingId, {
			version: v++,
			name: '约翰逊',
			title: '代表团团长',
			rank: '1'
		});
		await arrangePlan(db(), w.office.actor, w.meetingId, v++);
		expect(await auditCount(db())).toBe(before + 3);
		// Hosts on the bottom side (their right is the page's right): 赵一 H3, 钱二 H4, 孙三 H2,
		// 李四 H5, 周五 H1. Guests on the top side (their right is the page's left): G3, G2.
		expect(await seating(db(), w)).toEqual({
			H1: '周五',
			H2: '孙三',
			H3: '赵一',
			H4: '钱二',
			H5: '李四',
			G3: '约翰逊',
			G2: '史密斯'
		});
		// The principal guest faces the host principal across the table.
		const at = new Map(seatsOf(TABLE).map((s) => [s.key, s]));
		expect(at.get('G3')!.x).toBe(at.get('H3')!.x);
		expect(at.get('G3')!.y).toBe(0);
		expect(at.get('H3')!.y).toBe(2);
		const p = await page(db(), w);
		expect(p.guests.map((g) => [g.rank, g.name, g.title, g.seat])).toEqual([
			[1, '约翰逊', '代表团团长', 'G3'],
			[2, '史密斯', '代表团副团长', 'G2']
		]);
		// The rest of the meeting's people find no host seat (5 seats, 11 people).
		expect(p.unseated.filter((u) => u.reason === 'no_seat').map((u) => u.name)).toContain('吴六');
		expect(p.versions.map((x) => x.summary).slice(0, 3)).toEqual([
			'自动排座',
			'添加客方人员约翰逊',
			'添加客方人员史密斯'
		]);
	});

	it('prints the guests on the chart, the name cards and the list', async () => {
		const w = await seatingWorld(db());
		let v = await talksPlan(db(), w);
		await addGuest(db(), w.office.actor, w.meetingId, {
			version: v++,
			name: '约翰逊',
			title: '代表团团长',
			rank: 1
		});
		await arrangePlan(db(), w.office.actor, w.meetingId, v++);
		const print = await printModel(db(), w.office.actor, w.meetingId);
		expect(print.chart.find((c) => c.seat.key === 'G3')).toMatchObject({
			name: '约翰逊',
			title: '代表团团长'
		});
		expect(print.cards.map((c) => c.name)).toContain('约翰逊');
		const line = print.list.find((l) => l.name === '约翰逊');
		expect(line?.label).toBe('客方第3位');
	});

	it('removes a guest (the seat is left empty); swaps and locks guest seats like any other', async () => {
		const w = await seatingWorld(db());
		let v = await talksPlan(db(), w);
		for (const [rank, name] of [
			[1, '甲宾'],
			[2, '乙宾'],
			[3, '丙宾']
		] as const)
			await addGuest(db(), w.office.actor, w.meetingId, { version: v++, name, title: '', rank });
		await arrangePlan(db(), w.office.actor, w.meetingId, v++);
		expect(await seating(db(), w)).toMatchObject({ G3: '甲宾', G2: '乙宾', G4: '丙宾' });
		// 乙宾 to the empty G1, then locked there: a new arrangement keeps him, the others move in.
		await swapPlanSeats(db(), w.office.actor, w.meetingId, v++, 'G2', 'G1');
		await setSeatLock(db(), w.office.actor, w.meetingId, v++, 'G1', true);
		const locked = await refusal(
			removeGuest(db(), w.office.actor, w.meetingId, v, (await page(db(), w)).guests[1].id)
		);
		expect(locked.fields?.guestId).toBe('此人的座位已锁定，请先解锁。');
		await arrangePlan(db(), w.office.actor, w.meetingId, v++);
		const after = await seating(db(), w);
		expect([after.G1, after.G3, after.G2]).toEqual(['乙宾', '甲宾', '丙宾']);
		const before = await auditCount(db());
		const gone = (await page(db(), w)).guests.find((g) => g.name === '甲宾')!;
		await removeGuest(db(), w.office.actor, w.meetingId, v++, gone.id);
		const p = await page(db(), w);
		expect(p.guests.map((g) => g.name)).toEqual(['乙宾', '丙宾']);
		expect((await seating(db(), w)).G3).toBeUndefined();
		expect(p.versions[0].summary).toBe('移除客方人员甲宾');
		expect(await auditCount(db())).toBe(before + 1);
	});

	it('refuses bad guests in words and changes nothing; a hall plan takes no guests', async () => {
		const w = await seatingWorld(db());
		const v = await talksPlan(db(), w);
		const before = await auditCount(db());
		const cases: [Record<string, unknown>, string, string][] = [
			[{ name: '  ' }, 'name', '必填'],
			[{ name: '甲'.repeat(41) }, 'name', '40'],
			[{ rank: '0' }, 'rank', '客方位次应为 1 到 99 之间的整数。'],
			[{ rank: 'abc' }, 'rank', '客方位次应为 1 到 99 之间的整数。'],
			[{ title: '乙'.repeat(61) }, 'title', '60']
		];
		for (const [over, field, says] of cases) {
			const r = await refusal(
				addGuest(db(), w.office.actor, w.meetingId, {
					version: v,
					name: '约翰逊',
					title: '',
					rank: 1,
					...over
				} as never)
			);
			expect(r.name).toBe('ValidationError');
			expect(r.fields?.[field]).toContain(says);
		}
		const stale = await refusal(
			addGuest(db(), w.office.actor, w.meetingId, {
				version: v + 1,
				name: '甲',
				title: '',
				rank: 1
			})
		);
		expect(stale.fields?._).toBe(CHANGED);
		const missing = await refusal(removeGuest(db(), w.office.actor, w.meetingId, v, 999999));
		expect(missing.fields?.guestId).toBe('没有这位客方人员，请刷新后再操作。');
		expect(await auditCount(db())).toBe(before);
		expect((await page(db(), w)).plan!.version).toBe(v);

		const hall = await setupPlan(db(), w.office.actor, w.meetingId, setupForm({ version: v }));
		const r = await refusal(
			addGuest(db(), w.office.actor, w.meetingId, {
				version: hall.version,
				name: '甲',
				title: '',
				rank: 1
			})
		);
		expect(r.fields?._).toBe('只有会见、会谈的座次表可以录入客方人员，请先把布局改为会见或会谈。');
	});

	it('another user cannot add or remove guests', async () => {
		const w = await seatingWorld(db());
		const v = await talksPlan(db(), w);
		const input = { version: v, name: '甲', title: '', rank: 1 };
		// A participant of the meeting may look at it but not change its plan; an outsider may
		// not even see it.
		await expect(addGuest(db(), w.leaders[0].actor, w.meetingId, input)).rejects.toThrow(
			ForbiddenError
		);
		await expect(addGuest(db(), w.outsider.actor, w.meetingId, input)).rejects.toThrow(
			NotFoundError
		);
		await addGuest(db(), w.office.actor, w.meetingId, input);
		const id = (await page(db(), w)).guests[0].id;
		await expect(removeGuest(db(), w.outsider.actor, w.meetingId, v + 1, id)).rejects.toThrow(
			NotFoundError
		);
		expect((await page(db(), w)).guests).toHaveLength(1);
	});

	it('N parallel adds at the same version: one guest, one version, one audit row', async () => {
		const w = await seatingWorld(db());
		const v = await talksPlan(db(), w);
		const before = await auditCount(db());
		const r = await inParallel(12, (i) =>
			addGuest(wide(), w.office.actor, w.meetingId, {
				version: v,
				name: `宾客${i}`,
				title: '',
				rank: 1
			})
		);
		expect(r.ok).toHaveLength(1);
		expect(r.errors).toHaveLength(11);
		expect(onlyUserErrors(r.errors)).toBe(true);
		const p = await page(db(), w);
		expect(p.guests).toHaveLength(1);
		expect(p.plan!.version).toBe(v + 1);
		expect(await auditCount(db())).toBe(before + 1);
		// And parallel removals of that guest: one removes, the rest are told it changed.
		const d = await inParallel(8, () =>
			removeGuest(wide(), w.office.actor, w.meetingId, v + 1, p.guests[0].id)
		);
		expect(d.ok).toHaveLength(1);
		expect(onlyUserErrors(d.errors)).toBe(true);
		expect((await page(db(), w)).guests).toEqual([]);
	});
});
