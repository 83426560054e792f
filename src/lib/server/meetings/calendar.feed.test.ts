import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { instantFromNow } from '../testing/dates';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import { feedForToken, getOrCreateCalendarToken, resetCalendarToken } from './calendar.feed';
import { office } from './calendar.test-helpers';

/** The instant these tests act at (time is an input). */
const NOW = '2027-03-15T02:00:00.000Z';

function unfold(ics: string): string {
	return ics.replace(/\r\n[ \t]/g, '');
}

describeEachDialect('meeting subscription feed', ({ db }) => {
	beforeEach(() => setClock(NOW));

	async function feedWorld() {
		const o = await office(db());
		const iso = instantFromNow;
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

	it('holds every meeting I am on, however I am on it, once each, and nobody else’s', async () => {
		const o = await office(db());
		const by = o.planner.id;
		const startsAt = instantFromNow(2);
		const meeting = (title: string, more: { createdBy?: number; hostId?: number } = {}) =>
			newMeeting(db(), { createdBy: by, title, startsAt, ...more });
		await addParticipant(db(), await meeting('参加的会'), o.alice.id);
		await addParticipant(db(), await meeting('代会的会'), o.bob.id, {
			reply: 'deputy',
			deputyId: o.alice.id
		});
		await meeting('主持的会', { hostId: o.alice.id });
		const recorded = await meeting('记录的会');
		await db()
			.updateTable('meetings')
			.set({ recorder_id: o.alice.id })
			.where('id', '=', recorded)
			.execute();
		await meeting('我建的会', { createdBy: o.alice.id });
		// On it three ways: still one event.
		const both = await meeting('又主持又参加', { hostId: o.alice.id });
		await addParticipant(db(), both, o.alice.id);
		await addParticipant(db(), both, o.bob.id, { reply: 'deputy', deputyId: o.alice.id });
		// Others' meetings, with participants and deputies of their own.
		await addParticipant(db(), await meeting('别人参加的会', { hostId: o.bob.id }), o.bob.id, {
			reply: 'deputy',
			deputyId: o.carol.id
		});
		await addParticipant(db(), await meeting('别人建的会', { createdBy: o.carol.id }), o.carol.id);

		const token = await getOrCreateCalendarToken(db(), o.alice.actor);
		const text = unfold((await feedForToken(db(), token))!);
		const summaries = [...text.matchAll(/^SUMMARY:(.*)\r$/gm)].map((m) => m[1]).sort();
		expect(summaries).toEqual(
			['参加的会', '代会的会', '主持的会', '记录的会', '我建的会', '又主持又参加'].sort()
		);
		const carol = await getOrCreateCalendarToken(db(), o.carol.actor);
		const forCarol = unfold((await feedForToken(db(), carol))!);
		expect([...forCarol.matchAll(/^SUMMARY:(.*)\r$/gm)].map((m) => m[1]).sort()).toEqual(
			['别人参加的会', '别人建的会'].sort()
		);
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
