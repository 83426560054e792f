import { expect, it } from 'vitest';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { ForbiddenError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { addParticipant, newMeeting, newRoom } from '../testing/meeting-fixtures';
import { findCalendarMeetings } from './calendar.repository';
import {
	calendarEvents,
	feedForToken,
	getOrCreateCalendarToken,
	holidayBackgroundEvents,
	resetCalendarToken
} from './calendar.service';

// December 2026 in Asia/Shanghai, as the month view asks for it (six weeks).
const FROM = '2026-11-29T16:00:00.000Z';
const TO = '2027-01-10T16:00:00.000Z';
const DAY = 86_400_000;

async function office(db: DB) {
	const deptA = await newDepartment(db, { name: '办公室' });
	const deptB = await newDepartment(db, { name: '财务科' });
	const u = (o: Parameters<typeof newUser>[1]) => newUser(db, o);
	return {
		deptA,
		deptB,
		planner: await u({ roles: ['office'], departmentId: deptA, name: '王秘书' }),
		leader: await u({ roles: ['leader'], departmentId: deptA }),
		alice: await u({ roles: ['staff'], departmentId: deptA, name: '张三' }),
		bob: await u({ roles: ['staff'], departmentId: deptA }),
		carol: await u({ roles: ['staff'], departmentId: deptB }),
		gone: await u({ roles: ['staff'], departmentId: deptA, isActive: false }),
		room: await newRoom(db, { name: '第一会议室' })
	};
}

function events(db: DB, actor: Actor, scope: string, roomId?: number) {
	return calendarEvents(db, actor, { scope, roomId, from: FROM, to: TO });
}

const titles = (list: { title: string }[]) => list.map((e) => e.title).sort();

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

function unfold(ics: string): string {
	return ics.replace(/\r\n[ \t]/g, '');
}

describeEachDialect('meeting subscription feed', ({ db }) => {
	async function feedWorld() {
		const o = await office(db());
		const now = Date.now();
		const iso = (days: number) => new Date(now + days * DAY).toISOString();
		const longTitle = '关于进一步加强和改进机关作风建设推进全市重点工作任务落实情况的专题研究会议';
		const open = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: longTitle,
			roomId: o.room,
			startsAt: iso(3)
		});
		await db().updateTable('meetings').set({ sequence: 3 }).where('id', '=', open).execute();
		await db()
			.insertInto('meeting_agenda_items')
			.values({
				meeting_id: open,
				position: 1,
				title: '听取各科室关于重点工作推进情况的汇报并研究下一步工作安排'
			})
			.execute();
		const cancelled = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '取消的会',
			status: 'cancelled',
			startsAt: iso(5)
		});
		const secret = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '绝密人事调整',
			classification: 'secret',
			roomId: o.room,
			startsAt: iso(7)
		});
		await db()
			.insertInto('meeting_agenda_items')
			.values({ meeting_id: secret, position: 1, title: '干部任免议题' })
			.execute();
		const draft = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '草稿会',
			status: 'draft',
			startsAt: iso(9)
		});
		const old = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '太早',
			startsAt: iso(-100)
		});
		const far = await newMeeting(db(), {
			createdBy: o.planner.id,
			title: '太晚',
			startsAt: iso(370)
		});
		for (const id of [open, cancelled, secret, draft, old, far]) {
			await addParticipant(db(), id, o.alice.id);
		}
		await newMeeting(db(), { createdBy: o.planner.id, title: '与我无关', startsAt: iso(4) });
		const uids = Object.fromEntries(
			(await db().selectFrom('meetings').select(['id', 'uid']).execute()).map((r) => [r.id, r.uid])
		);
		return { o, open, cancelled, secret, uids, longTitle };
	}

	it('publishes my meetings with the invites’ UIDs and sequence, without attendees', async () => {
		const w = await feedWorld();
		const token = await getOrCreateCalendarToken(db(), w.o.alice.actor);
		const ics = (await feedForToken(db(), token, { origin: 'https://oa.example.gov.cn' }))!;
		const text = unfold(ics);
		expect(text).toContain('X-WR-CALNAME:会办 · 张三的会议\r\n');
		expect(text).not.toContain('METHOD:REQUEST');
		expect(text).not.toMatch(/^METHOD:(?!PUBLISH)/m);
		expect(text).not.toContain('ATTENDEE');
		expect(text).not.toContain('ORGANIZER');
		expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(3);
		expect(text).not.toMatch(/草稿会|太早|太晚|与我无关/);

		const open = text.slice(text.indexOf(`UID:${w.uids[w.open]}`));
		expect(open).toMatch(/^UID:\S+\r\nSEQUENCE:3\r\n/);
		expect(open).toContain(`SUMMARY:${w.longTitle}\r\n`);
		expect(open).toContain('LOCATION:第一会议室\r\n');
		expect(open).toContain('DESCRIPTION:听取各科室');
		expect(open).toContain(`URL;VALUE=URI:https://oa.example.gov.cn/meetings/${w.open}`);
		expect(open).toMatch(/DTSTART:\d{8}T\d{6}Z\r\nDTEND:\d{8}T\d{6}Z\r\n/);
		expect(open.slice(0, open.indexOf('END:VEVENT'))).toContain('STATUS:CONFIRMED');

		const cancelled = text.slice(text.indexOf(`UID:${w.uids[w.cancelled]}`));
		expect(cancelled.slice(0, cancelled.indexOf('END:VEVENT'))).toContain('STATUS:CANCELLED');
	});

	it('shows a classified meeting as time, room and 涉密会议 only', async () => {
		const w = await feedWorld();
		const token = await getOrCreateCalendarToken(db(), w.o.alice.actor);
		const text = unfold((await feedForToken(db(), token))!);
		const secret = text.slice(text.indexOf(`UID:${w.uids[w.secret]}`));
		const block = secret.slice(0, secret.indexOf('END:VEVENT'));
		expect(block).toContain('SUMMARY:涉密会议\r\n');
		expect(block).toContain('LOCATION:第一会议室\r\n');
		expect(block).not.toContain('DESCRIPTION');
		expect(block).not.toContain('URL');
		expect(text).not.toMatch(/绝密人事调整|干部任免/);
	});

	it('folds every line to at most 75 octets, CRLF-terminated', async () => {
		const w = await feedWorld();
		const token = await getOrCreateCalendarToken(db(), w.o.alice.actor);
		const ics = (await feedForToken(db(), token))!;
		expect(ics.endsWith('\r\n')).toBe(true);
		const lines = ics.slice(0, -2).split('\r\n');
		expect(lines.some((l) => l.startsWith(' '))).toBe(true);
		for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	});

	it('answers null for an unknown token or an inactive account', async () => {
		const o = await office(db());
		expect(await feedForToken(db(), 'no-such-token-0123456789')).toBeNull();
		expect(await feedForToken(db(), '')).toBeNull();
		const token = await getOrCreateCalendarToken(db(), o.bob.actor);
		expect(await feedForToken(db(), token)).toContain('BEGIN:VCALENDAR');
		await db().updateTable('users').set({ is_active: false }).where('id', '=', o.bob.id).execute();
		expect(await feedForToken(db(), token)).toBeNull();
	});

	it('keeps one token per person and a reset retires the old one, audited', async () => {
		const o = await office(db());
		const first = await getOrCreateCalendarToken(db(), o.alice.actor);
		expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(await getOrCreateCalendarToken(db(), o.alice.actor)).toBe(first);
		expect(await auditRows(db(), 'calendar.token_create')).toHaveLength(1);

		const second = await resetCalendarToken(db(), o.alice.actor);
		expect(second).not.toBe(first);
		expect(await feedForToken(db(), first)).toBeNull();
		expect(await feedForToken(db(), second)).toContain('X-WR-CALNAME:');
		expect(await getOrCreateCalendarToken(db(), o.alice.actor)).toBe(second);

		const resets = await auditRows(db(), 'calendar.token_reset');
		expect(resets).toHaveLength(1);
		expect(resets[0]).toMatchObject({
			actorId: o.alice.id,
			entity: 'calendar_token',
			entityId: String(o.alice.id)
		});
		const log = JSON.stringify(await auditRows(db()));
		expect(log).not.toContain(first);
		expect(log).not.toContain(second);
	});
});
