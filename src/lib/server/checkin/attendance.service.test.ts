import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { addParticipant, meetingTypeId, newMeeting } from '../testing/meeting-fixtures';
import { buildBulletinWorkbook, meetingBulletinBook } from './bulletin-xlsx';
import {
	checkInWithCode,
	getOrCreateCheckinCode,
	manualCheckIn,
	meetingAttendance,
	periodAttendance
} from './checkin.service';
import { at, world, snapshot, checkedIn, refusal } from './checkin.test-helpers';

describeEachDialect('manual check-in and the meeting bulletin', ({ db }) => {
	it('lets the organiser tick someone in and take it back, each audited', async () => {
		const w = await world(db());
		expect(await manualCheckIn(db(), w.clerk.actor, w.meeting, w.bob.id, false, at(3))).toEqual({
			changed: true
		});
		expect(await checkedIn(db(), w.meeting, w.bob.id)).toEqual({
			checked_in_at: at(3).toISOString(),
			checked_in_by: w.clerk.id
		});
		// Ticking twice changes nothing and is not audited again.
		expect(await manualCheckIn(db(), w.clerk.actor, w.meeting, w.bob.id, false, at(4))).toEqual({
			changed: false
		});
		const a = await meetingAttendance(db(), w.clerk.actor, w.meeting);
		expect(a.departments[1].people[0]).toMatchObject({ name: '李四', checkedInByName: '秘书甲' });

		expect(await manualCheckIn(db(), w.clerk.actor, w.meeting, w.bob.id, true, at(5))).toEqual({
			changed: true
		});
		expect(await checkedIn(db(), w.meeting, w.bob.id)).toEqual({
			checked_in_at: null,
			checked_in_by: null
		});
		const audits = await auditRows(db(), 'meeting.checkin_manual');
		expect(audits.map((r) => r.changes)).toEqual([
			{ userId: w.bob.id, name: '李四', undo: false },
			{ userId: w.bob.id, name: '李四', undo: true }
		]);
	});

	it('refuses manual check-in to staff and the host (403) and outsiders (404)', async () => {
		const w = await world(db());
		const before = await snapshot(db());
		const tryAs = (actor: typeof w.alice.actor) =>
			manualCheckIn(db(), actor, w.meeting, w.bob.id, false, at(0));
		await expect(tryAs(w.alice.actor)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(tryAs(w.director.actor)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(tryAs(w.outsider.actor)).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			manualCheckIn(db(), w.clerk.actor, w.meeting, w.outsider.id, false, at(0))
		).rejects.toBeInstanceOf(NotFoundError);
		expect(
			await refusal(manualCheckIn(db(), w.clerk.actor, w.meeting, w.bob.id, false, at(-70)))
		).toBe('签到尚未开始，08:00 开始');
		expect(await snapshot(db())).toEqual(before);
	});

	it('lists departments by sort order and people by precedence; staff are not counted', async () => {
		const w = await world(db());
		await checkInWithCode(db(), w.clerk.actor, w.code, at(30));
		const a = await meetingAttendance(db(), w.clerk.actor, w.meeting);
		expect(a.canCheckInManually).toBe(true);
		expect(a.departments.map((d) => [d.name, d.people.map((p) => p.name)])).toEqual([
			['办公室', ['秘书甲']],
			['财务科', ['李四', '张三']]
		]);
		expect(a.departments[0].tally.expected).toBe(0);
		expect(a.departments[0].people[0]).toMatchObject({ roleLabel: '会务人员', late: true });
		expect(a.total).toEqual({ expected: 2, present: 0, excused: 0, deputy: 0, absent: 2, late: 0 });
		expect((await meetingAttendance(db(), w.director.actor, w.meeting)).canCheckInManually).toBe(
			false
		);
		await expect(meetingAttendance(db(), w.alice.actor, w.meeting)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(meetingAttendance(db(), w.outsider.actor, w.meeting)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('exports the bulletin as a workbook with title, header, departments, total and people', async () => {
		const w = await world(db());
		await addParticipant(db(), w.meeting, w.outsider.id, { reply: 'excused', reason: '出差' });
		await checkInWithCode(db(), w.alice.actor, w.code, at(15));
		const a = await meetingAttendance(db(), w.clerk.actor, w.meeting);
		const buffer = await buildBulletinWorkbook(meetingBulletinBook('某市某局', a, 'Asia/Shanghai'));
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buffer as unknown as ArrayBuffer);
		const values = (sheet: ExcelJS.Worksheet) =>
			sheet
				.getSheetValues()
				.filter(Boolean)
				.map((r) => (r as unknown[]).slice(1));
		const [depts, people] = wb.worksheets;
		expect(depts.name).toBe('按部门');
		// The title is merged across the table's width.
		expect(depts.getCell('A1').value).toBe(
			'某市某局参会情况通报（局务会议 2026年6月1日（星期一）09:00）'
		);
		expect(depts.getCell('G1').isMerged).toBe(true);
		expect(values(depts).slice(1)).toEqual([
			['部门', '应到', '实到', '请假', '代会', '缺席', '迟到'],
			['财务科', 3, 1, 1, 0, 1, 1],
			['合计', 3, 1, 1, 0, 1, 1]
		]);
		expect(people.name).toBe('按人员');
		expect(values(people).slice(1)).toEqual([
			['部门', '姓名', '身份', '回执', '签到时间', '迟到', '备注'],
			['财务科', '李四', '列席', '未回执', '未签到', '', ''],
			['财务科', '张三', '出席', '参加', '2026-06-01 09:15', '是', ''],
			['财务科', '路人', '出席', '请假', '未签到', '', '出差']
		]);
	});
});

describeEachDialect('period bulletin', ({ db }) => {
	/** Two June meetings over 办公室 and 财务科, plus meetings that must not count. */
	async function june(db: DB) {
		const w = await world(db);
		const m2Start = '2026-06-10T06:00:00.000Z';
		const m2 = await newMeeting(db, {
			createdBy: w.clerk.id,
			startsAt: m2Start,
			typeName: '专题会议'
		});
		await addParticipant(db, m2, w.director.id, { reply: 'deputy', deputyId: w.deputy.id });
		await addParticipant(db, m2, w.alice.id, { reply: 'excused', reason: '病假' });
		await addParticipant(db, m2, w.bob.id);
		await addParticipant(db, m2, w.clerk.id, { role: 'staff' });
		const code2 = await getOrCreateCheckinCode(db, w.clerk.actor, m2);
		await checkInWithCode(db, w.deputy.actor, code2, at(-10, m2Start));
		await checkInWithCode(db, w.bob.actor, code2, at(25, m2Start));
		// Meeting A: 张三 on time, 李四 absent.
		await checkInWithCode(db, w.alice.actor, w.code, at(0));
		// Not counted: cancelled, draft, before the period, after the period.
		for (const o of [
			{ status: 'cancelled' as const, startsAt: '2026-06-05T01:00:00.000Z' },
			{ status: 'draft' as const, startsAt: '2026-06-06T01:00:00.000Z' },
			{ startsAt: '2026-05-31T15:59:00.000Z' },
			{ startsAt: '2026-06-30T16:00:00.000Z' }
		]) {
			const x = await newMeeting(db, { createdBy: w.clerk.id, ...o });
			await addParticipant(db, x, w.alice.id);
			await addParticipant(db, x, w.director.id);
		}
		return { ...w, m2 };
	}
	// June in Beijing time.
	const JUNE = { from: '2026-05-31T16:00:00.000Z', to: '2026-06-30T16:00:00.000Z' };
	const NOW = new Date('2026-07-15T00:00:00.000Z');

	it('totals two meetings by department and by person with exact numbers', async () => {
		const w = await june(db());
		const p = await periodAttendance(db(), w.clerk.actor, JUNE, NOW);
		expect(p.meetingCount).toBe(2);
		expect(p.departments.map((d) => [d.name, d.tally])).toEqual([
			['办公室', { expected: 1, present: 1, excused: 0, deputy: 1, absent: 0, late: 0 }],
			['财务科', { expected: 4, present: 2, excused: 1, deputy: 0, absent: 1, late: 1 }]
		]);
		expect(p.total).toEqual({ expected: 5, present: 3, excused: 1, deputy: 1, absent: 1, late: 1 });
		expect(p.departments[1].people.map((x) => [x.name, x.tally])).toEqual([
			['李四', { expected: 2, present: 1, excused: 0, deputy: 0, absent: 1, late: 1 }],
			['张三', { expected: 2, present: 1, excused: 1, deputy: 0, absent: 0, late: 0 }]
		]);
		expect(p.departments[0].people.map((x) => x.name)).toEqual(['局长王']);
	});

	it('filters by department and meeting type, and leaves out meetings yet to start', async () => {
		const w = await june(db());
		const fin = await periodAttendance(
			db(),
			w.director.actor,
			{ ...JUNE, departmentId: w.finance },
			NOW
		);
		expect(fin.departments.map((d) => d.name)).toEqual(['财务科']);
		expect(fin.total).toMatchObject({ expected: 4, present: 2 });
		const special = await meetingTypeId(db(), '专题会议');
		const typed = await periodAttendance(db(), w.clerk.actor, { ...JUNE, typeId: special }, NOW);
		expect(typed.meetingCount).toBe(1);
		expect(typed.total).toEqual({
			expected: 3,
			present: 2,
			excused: 1,
			deputy: 1,
			absent: 0,
			late: 1
		});
		// On 2026-06-05 only meeting A had started.
		const early = await periodAttendance(
			db(),
			w.clerk.actor,
			JUNE,
			new Date('2026-06-05T00:00:00Z')
		);
		expect(early.meetingCount).toBe(1);
		expect(early.total).toMatchObject({ expected: 2, present: 1, absent: 1 });
	});

	it('is for the office, admin and leaders only, and checks the range', async () => {
		const w = await june(db());
		const before = await snapshot(db());
		await expect(periodAttendance(db(), w.alice.actor, JUNE, NOW)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(
			periodAttendance(db(), w.clerk.actor, { from: JUNE.to, to: JUNE.from }, NOW)
		).rejects.toMatchObject({ fields: { to: '截止日期不能早于起始日期' } });
		await expect(
			periodAttendance(db(), w.clerk.actor, { from: 'yesterday', to: JUNE.to }, NOW)
		).rejects.toBeInstanceOf(ValidationError);
		expect(await snapshot(db())).toEqual(before);
	});
});
