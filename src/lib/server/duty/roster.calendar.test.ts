import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { calendarEvents } from '../meetings/calendar.service';
import { feedForToken, getOrCreateCalendarToken } from '../meetings/calendar.feed';
import { dayFromNow, instantFromNow } from '../testing/dates';
import { newDutyPeriod } from '../testing/duty-fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { newRoom } from '../testing/meeting-fixtures';
import { listShiftsOfBetween } from './roster.repository';

/** The instant these tests act at (time is an input): the shifts are placed days after it. */
const NOW = '2027-03-15T02:00:00.000Z';

/** 08:30 Beijing time on a date, as the feed writes it: 00:30 UTC. */
function dtstart(date: string): string {
	return `DTSTART:${date.replaceAll('-', '')}T003000Z`;
}

function unfold(ics: string): string {
	return ics.replace(/\r\n[ \t]/g, '');
}

/** The unfolded VEVENT block holding this UID, or null. */
function eventBlock(ics: string, uid: string): string | null {
	const text = unfold(ics);
	const at = text.indexOf(`UID:${uid}\r\n`);
	if (at < 0) return null;
	const start = text.lastIndexOf('BEGIN:VEVENT', at);
	return text.slice(start, text.indexOf('END:VEVENT', at));
}

async function world(db: DB) {
	const deptA = await newDepartment(db, { name: '办公室' });
	const deptB = await newDepartment(db, { name: '财务科' });
	const office = await newUser(db, { roles: ['office'], departmentId: deptA, name: '王秘书' });
	const alice = await newUser(db, { roles: ['staff'], departmentId: deptA, name: '张三' });
	const bob = await newUser(db, { roles: ['staff'], departmentId: deptA, name: '李四' });
	const carol = await newUser(db, { roles: ['leader'], departmentId: deptB, name: '赵五' });
	const day = dayFromNow(10);
	const next = dayFromNow(11);
	const published = await newDutyPeriod(db, {
		createdBy: office.id,
		name: '2026年国庆节值班',
		dates: [day, next],
		phone: '0571-87001234',
		assign: [
			{ date: day, shift: 0, role: 'officer', userId: alice.id },
			{ date: day, shift: 0, role: 'leader', userId: carol.id },
			{ date: next, shift: 1, role: 'officer', userId: bob.id }
		]
	});
	const draftDay = dayFromNow(20);
	const draft = await newDutyPeriod(db, {
		createdBy: office.id,
		name: '草稿值班',
		status: 'draft',
		dates: [draftDay],
		assign: [{ date: draftDay, shift: 0, role: 'officer', userId: alice.id }]
	});
	return {
		office,
		alice,
		bob,
		carol,
		day,
		next,
		published,
		draft,
		draftDay,
		aliceSlot: await published.slot(day, 0, 'officer'),
		bobSlot: await published.slot(next, 1, 'officer'),
		carolSlot: await published.slot(day, 0, 'leader'),
		draftSlot: await draft.slot(draftDay, 0, 'officer')
	};
}

/** The six weeks around now that a month view would ask for. */
const range = () => ({ from: instantFromNow(-7), to: instantFromNow(35) });

describeEachDialect('duty shifts in the calendars', ({ db }) => {
	beforeEach(() => setClock(NOW));

	it('puts my published shift in my feed with a stable UID, its times and the duty phone', async () => {
		const w = await world(db());
		const token = await getOrCreateCalendarToken(db(), w.alice.actor);
		const ics = (await feedForToken(db(), token, { origin: 'https://oa.example.gov.cn' }))!;
		const block = eventBlock(ics, `duty-${w.aliceSlot}@huiban`);
		expect(block).not.toBeNull();
		expect(block).toContain('SUMMARY:值班：2026年国庆节值班（值班员）\r\n');
		expect(block).toContain(`${dtstart(w.day)}\r\n`);
		expect(block).toContain(`DTEND:${w.day.replaceAll('-', '')}T093000Z\r\n`);
		expect(block).toContain('值班电话：0571-87001234');
		expect(block).toContain(`/duty/${w.published.periodId}`);
		expect(block).not.toContain('ATTENDEE');

		const leader = await getOrCreateCalendarToken(db(), w.carol.actor);
		const carolFeed = unfold((await feedForToken(db(), leader))!);
		expect(carolFeed).toContain('SUMMARY:值班：2026年国庆节值班（带班领导）\r\n');
		expect(eventBlock(carolFeed, `duty-${w.carolSlot}@huiban`)).toContain(dtstart(w.day));
	});

	it('leaves out a draft period’s shifts and other people’s shifts', async () => {
		const w = await world(db());
		const token = await getOrCreateCalendarToken(db(), w.alice.actor);
		const ics = unfold((await feedForToken(db(), token))!);
		expect(ics.match(/UID:duty-/g)).toHaveLength(1);
		expect(ics).not.toContain(`duty-${w.draftSlot}@huiban`);
		expect(ics).not.toContain('草稿值班');
		expect(ics).not.toContain(`duty-${w.bobSlot}@huiban`);
		expect(ics).not.toContain(`duty-${w.carolSlot}@huiban`);
		expect(ics).not.toContain(dtstart(w.draftDay));
	});

	it('lists a person’s shifts overlapping the range only', async () => {
		const w = await world(db());
		const r = range();
		const mine = await listShiftsOfBetween(db(), w.alice.id, r.from, r.to);
		expect(mine.map((s) => s.assignmentId)).toEqual([w.aliceSlot]);
		expect(mine[0]).toMatchObject({ role: 'officer', periodName: '2026年国庆节值班' });
		const before = instantFromNow(9);
		expect(await listShiftsOfBetween(db(), w.alice.id, r.from, before)).toEqual([]);
		// A shift that began before the range and ends inside it still shows.
		const during = `${w.day}T03:00:00.000Z`;
		const later = await listShiftsOfBetween(db(), w.alice.id, during, r.to);
		expect(later.map((s) => s.assignmentId)).toEqual([w.aliceSlot]);
	});

	it('shows my shift in my calendar view, linked to the roster', async () => {
		const w = await world(db());
		const all = await calendarEvents(db(), w.alice.actor, { scope: 'mine', ...range() });
		const duty = all.filter((e) => e.className === 'duty');
		expect(duty).toHaveLength(1);
		expect(duty[0]).toMatchObject({
			id: `duty-${w.aliceSlot}`,
			url: `/duty/${w.published.periodId}`,
			start: `${w.day}T00:30:00.000Z`,
			end: `${w.day}T09:30:00.000Z`
		});
		expect(duty[0].title).toContain('2026年国庆节值班');

		const early = await calendarEvents(db(), w.alice.actor, {
			scope: 'mine',
			from: instantFromNow(-7),
			to: instantFromNow(5)
		});
		expect(early.filter((e) => e.className === 'duty')).toEqual([]);
	});

	it('shows the department’s shifts, everyone’s in the overview, and none by room', async () => {
		const w = await world(db());
		const ids = async (actor: typeof w.alice.actor, scope: string, roomId?: number) =>
			(await calendarEvents(db(), actor, { scope, roomId, ...range() }))
				.filter((e) => e.className === 'duty')
				.map((e) => e.id)
				.sort();
		expect(await ids(w.alice.actor, 'department')).toEqual(
			[`duty-${w.aliceSlot}`, `duty-${w.bobSlot}`].sort()
		);
		expect(await ids(w.carol.actor, 'department')).toEqual([`duty-${w.carolSlot}`]);
		expect(await ids(w.carol.actor, 'all')).toEqual(
			[`duty-${w.aliceSlot}`, `duty-${w.bobSlot}`, `duty-${w.carolSlot}`].sort()
		);
		const room = await newRoom(db(), { name: '第一会议室' });
		expect(await ids(w.alice.actor, 'room', room)).toEqual([]);
	});
});
