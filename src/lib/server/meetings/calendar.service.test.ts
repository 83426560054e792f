import { expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import { findCalendarMeetings } from './calendar.repository';
import { calendarEvents, holidayBackgroundEvents } from './calendar.service';
import { FROM, TO, office, events, titles } from './calendar.test-helpers';

describeEachDialect('meeting calendar', ({ db }) => {
	it("'mine' holds participant, deputy, host, recorder and creator meetings", async () => {
		const o = await office(db());
		const by = o.planner.id;
		const asParticipant = await newMeeting(db(), { createdBy: by, title: '参加' });
		await addParticipant(db(), asParticipant, o.alice.id);
		const asDeputy = await newMeeting(db(), { createdBy: by, title: '代会' });
		await addParticipant(db(), asDeputy, o.bob.id, { reply: 'deputy', deputyId: o.alice.id });
		await newMeeting(db(), { createdBy: by, title: '主持', hostId: o.alice.id });
		const recorded = await newMeeting(db(), { createdBy: by, title: '记录' });
		await db()
			.updateTable('meetings')
			.set({ recorder_id: o.alice.id })
			.where('id', '=', recorded)
			.execute();
		await newMeeting(db(), { createdBy: o.alice.id, title: '创建' });
		await newMeeting(db(), { createdBy: by, title: '别人的' });

		const mine = await events(db(), o.alice.actor, 'mine');
		expect(titles(mine)).toEqual(['主持', '代会', '创建', '参加', '记录'].sort());
		expect(mine.every((e) => e.url === `/meetings/${e.id}`)).toBe(true);
		expect(mine[0].extendedProps).toMatchObject({ room: '', type: '局务会议', status: 'issued' });

		const rows = await findCalendarMeetings(db(), {
			from: FROM,
			to: TO,
			userId: o.alice.id,
			includeDrafts: false
		});
		expect(Object.fromEntries(rows.map((r) => [r.title, r.relation]))).toEqual({
			参加: 'participant',
			代会: 'deputy',
			主持: 'host',
			记录: 'recorder',
			创建: 'creator'
		});
	});

	it('takes meetings that overlap the window and nothing outside it', async () => {
		const o = await office(db());
		const by = o.alice.id;
		await newMeeting(db(), {
			createdBy: by,
			title: '跨入',
			startsAt: '2026-11-29T08:00:00.000Z',
			endsAt: '2026-11-30T02:00:00.000Z'
		});
		await newMeeting(db(), { createdBy: by, title: '之前', startsAt: '2026-11-29T14:00:00.000Z' });
		await newMeeting(db(), { createdBy: by, title: '之后', startsAt: TO });
		await newMeeting(db(), { createdBy: by, title: '最后', startsAt: '2027-01-10T15:00:00.000Z' });
		expect(titles(await events(db(), o.alice.actor, 'mine'))).toEqual(['最后', '跨入'].sort());
	});

	it("'department' shows meetings of active colleagues, titles without links", async () => {
		const o = await office(db());
		const colleague = await newMeeting(db(), { createdBy: o.planner.id, title: '同事的会' });
		await addParticipant(db(), colleague, o.bob.id);
		const inactive = await newMeeting(db(), { createdBy: o.planner.id, title: '离职者的会' });
		await addParticipant(db(), inactive, o.gone.id);
		const other = await newMeeting(db(), { createdBy: o.planner.id, title: '财务科的会' });
		await addParticipant(db(), other, o.carol.id);

		const list = await events(db(), o.alice.actor, 'department');
		expect(titles(list)).toEqual(['同事的会']);
		expect(list[0].url).toBeUndefined();
		const forBob = await events(db(), o.bob.actor, 'department');
		expect(forBob[0].url).toBe(`/meetings/${colleague}`);
		expect(titles(await events(db(), o.carol.actor, 'department'))).toEqual(['财务科的会']);
	});

	it('shows drafts only to their creator and to office and admin', async () => {
		const o = await office(db());
		const draft = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '草稿',
			status: 'draft'
		});
		await addParticipant(db(), draft, o.alice.id);
		await newMeeting(db(), { createdBy: o.alice.id, title: '我的草稿', status: 'draft' });

		expect(titles(await events(db(), o.alice.actor, 'mine'))).toEqual(['我的草稿']);
		expect(titles(await events(db(), o.bob.actor, 'department'))).toEqual([]);
		expect(titles(await events(db(), o.leader.actor, 'all'))).toEqual([]);
		const planner = await events(db(), o.planner.actor, 'all');
		expect(titles(planner)).toEqual(['我的草稿', '草稿'].sort());
		expect(planner.every((e) => e.className.includes('is-draft'))).toBe(true);
	});

	it("limits 'all' to office, admin and leaders; leaders miss others' classified meetings", async () => {
		const o = await office(db());
		await newMeeting(db(), { createdBy: o.planner.id, title: '普通会议' });
		const secret = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '机密议题',
			classification: 'confidential'
		});
		await addParticipant(db(), secret, o.alice.id);

		await expect(events(db(), o.alice.actor, 'all')).rejects.toBeInstanceOf(ForbiddenError);
		expect(titles(await events(db(), o.planner.actor, 'all'))).toEqual(
			titles([{ title: '普通会议' }, { title: '机密议题' }])
		);
		expect(titles(await events(db(), o.leader.actor, 'all'))).toEqual(['普通会议']);
		const dept = await events(db(), o.bob.actor, 'department');
		expect(titles(dept)).toEqual(['涉密会议']);
		expect(dept[0]).toMatchObject({ className: expect.stringContaining('is-masked') });
		expect(dept[0].extendedProps).toEqual({ room: '', type: null, status: null });
	});

	it('the room view masks what the viewer may not open and drops cancelled bookings', async () => {
		const o = await office(db());
		const room = o.room;
		const at = (h: number) => `2026-12-0${h}T01:00:00.000Z`;
		const secret = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '秘密会议题目',
			classification: 'secret',
			roomId: room,
			startsAt: at(1)
		});
		await addParticipant(db(), secret, o.alice.id);
		await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '他人会议',
			roomId: room,
			startsAt: at(2)
		});
		await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '草稿占用',
			roomId: room,
			status: 'draft',
			startsAt: at(3)
		});
		const cancelled = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '已取消的会',
			roomId: room,
			status: 'cancelled',
			startsAt: at(4)
		});
		await addParticipant(db(), cancelled, o.alice.id);
		await newMeeting(db(), { createdBy: o.planner.id, title: '别的会议室', startsAt: at(5) });

		const bob = await events(db(), o.bob.actor, 'room', room);
		expect(bob.map((e) => e.title)).toEqual(['涉密会议', '已预订', '已预订']);
		expect(bob.every((e) => e.url === undefined && e.extendedProps.room === '第一会议室')).toBe(
			true
		);
		expect(JSON.stringify(bob)).not.toMatch(/秘密会议题目|他人会议|草稿占用|draft/);

		const alice = await events(db(), o.alice.actor, 'room', room);
		expect(alice.map((e) => e.title)).toEqual(['秘密会议题目', '已预订', '已预订', '已取消的会']);
		expect(alice[0].url).toBe(`/meetings/${secret}`);
		expect(alice[3].className).toContain('is-cancelled');

		const planner = await events(db(), o.planner.actor, 'room', room);
		expect(planner).toHaveLength(4);
		await expect(events(db(), o.bob.actor, 'room')).rejects.toBeInstanceOf(ValidationError);
	});

	it('refuses a bad range, an unknown scope and the security auditor', async () => {
		const o = await office(db());
		const ask = (from: string, to: string, scope = 'mine') =>
			calendarEvents(db(), o.alice.actor, { scope, from, to });
		await expect(ask('x', TO)).rejects.toBeInstanceOf(ValidationError);
		await expect(ask(TO, FROM)).rejects.toBeInstanceOf(ValidationError);
		await expect(ask('2026-01-01', '2026-12-31')).rejects.toBeInstanceOf(ValidationError);
		await expect(ask(FROM, TO, 'everyone')).rejects.toBeInstanceOf(ValidationError);
		const auditor = await newUser(db(), { roles: ['auditor'] });
		await expect(events(db(), auditor.actor, 'mine')).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('marks statutory holidays 休 and make-up workdays 班 as background events', async () => {
		const list = await holidayBackgroundEvents(db(), '2026-09-20', '2026-10-07');
		expect(list[0]).toEqual({
			id: 'holiday-2026-09-20',
			title: '班',
			start: '2026-09-20',
			end: '2026-09-21',
			allDay: true,
			display: 'background',
			className: 'is-workday',
			extendedProps: { kind: 'workday' }
		});
		expect(list.find((e) => e.start === '2026-10-06')).toMatchObject({ title: '休' });
		// The end is exclusive, as FullCalendar asks for it.
		expect(list.some((e) => e.start === '2026-10-07')).toBe(false);
	});
});
