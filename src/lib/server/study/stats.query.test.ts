import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import type { DB } from '../db';
import { addStudyEntry } from './entries.service';
import { buildStudyStatsWorkbook } from './stats-xlsx';
import { getStudyStats } from './stats.query';
import { myStudyProgress } from './study.query';
import { monthsCounted, targetFor, windowTarget, type StudyTarget } from './study-rules';
import { setStudyTarget } from './targets.service';
import { at, entry, studyWorld, type StudyWorld } from './study.test-helpers';

describe('study targets as rules', () => {
	const t = (
		role: StudyTarget['role'],
		period: StudyTarget['period'],
		metric: StudyTarget['metric'],
		amount: number
	): StudyTarget => ({ id: 0, role, period, metric, amount });
	const targets = [
		t('all', 'month', 'sessions', 1),
		t('all', 'year', 'hours', 20),
		t('staff', 'year', 'hours', 40),
		t('leader', 'year', 'hours', 30)
	];

	it('a role’s own target wins over everyone’s, the highest of several roles', () => {
		expect(targetFor(targets, ['staff'], 'year', 'hours')).toBe(40);
		expect(targetFor(targets, ['dept_head'], 'year', 'hours')).toBe(20);
		expect(targetFor(targets, ['leader', 'staff'], 'year', 'hours')).toBe(40);
		expect(targetFor(targets, ['staff'], 'month', 'hours')).toBeNull();
	});

	it('a monthly target adds up over the months counted in a year', () => {
		expect(monthsCounted(2027, '2027-03-15')).toBe(3);
		expect(monthsCounted(2026, '2027-03-15')).toBe(12);
		expect(monthsCounted(2028, '2027-03-15')).toBe(0);
		expect(
			windowTarget(targets, ['staff'], 'sessions', { year: 2027, month: null }, '2027-03-15')
		).toBe(3);
		expect(
			windowTarget(targets, ['staff'], 'sessions', { year: 2027, month: 2 }, '2027-03-15')
		).toBe(1);
		expect(
			windowTarget(targets, ['staff'], 'hours', { year: 2027, month: 2 }, '2027-03-15')
		).toBeNull();
	});
});

/**
 * 2027 up to 15 March. Targets: everyone 1 集中学习 a month and 20 hours a year, staff 40 hours.
 * 集中学习 in January (check-ins: 张三, 李四, 孙科长; 郑五 only replied 参加 — not counted since
 * check-in was taken), February (no check-in taken: 张三 and 郑五 replied 参加, 李四 请假) and
 * March (张三 checked in). A 局务会议 and a draft 集中学习 do not count.
 */
async function year2027(db: DB): Promise<StudyWorld> {
	const w = await studyWorld(db);
	at('2027-01-02');
	await setStudyTarget(db, w.office.actor, {
		role: 'all',
		period: 'month',
		metric: 'sessions',
		amount: '1'
	});
	await setStudyTarget(db, w.office.actor, {
		role: 'all',
		period: 'year',
		metric: 'hours',
		amount: '20'
	});
	await setStudyTarget(db, w.office.actor, {
		role: 'staff',
		period: 'year',
		metric: 'hours',
		amount: '40'
	});
	const study = (startsAt: string, status: 'issued' | 'draft' = 'issued', typeName = '集中学习') =>
		newMeeting(db, { createdBy: w.office.id, typeName, startsAt, status, title: '机关集中学习' });
	const checkedIn = async (meeting: number, userId: number) => {
		const p = await addParticipant(db, meeting, userId, { reply: 'attend' });
		await db
			.updateTable('meeting_participants')
			.set({ checked_in_at: '2027-01-08T01:00:00.000Z', checked_in_by: userId })
			.where('id', '=', p)
			.execute();
	};
	const jan = await study('2027-01-08T01:00:00.000Z');
	for (const p of [w.alice, w.bob, w.financeHead]) await checkedIn(jan, p.id);
	await addParticipant(db, jan, w.carol.id, { reply: 'attend' });
	const feb = await study('2027-02-05T01:00:00.000Z');
	await addParticipant(db, feb, w.alice.id, { reply: 'attend' });
	await addParticipant(db, feb, w.carol.id, { reply: 'attend' });
	await addParticipant(db, feb, w.bob.id, { reply: 'excused' });
	const mar = await study('2027-03-05T01:00:00.000Z');
	await checkedIn(mar, w.alice.id);
	await addParticipant(db, mar, w.bob.id, { reply: 'attend' });
	await checkedIn(await study('2027-03-01T01:00:00.000Z', 'issued', '局务会议'), w.bob.id);
	await checkedIn(await study('2027-03-02T01:00:00.000Z', 'draft'), w.bob.id);

	at('2027-03-15');
	for (const d of ['2027-01-10', '2027-02-10', '2027-03-01', '2027-03-10'])
		await addStudyEntry(db, w.alice.actor, entry({ entryDate: d, hours: '10' }));
	await addStudyEntry(db, w.bob.actor, entry({ entryDate: '2027-02-01', hours: '5' }));
	for (const [d, h] of [
		['2027-01-03', '12'],
		['2027-01-04', '12'],
		['2027-01-05', '12'],
		['2027-03-14', '5']
	])
		await addStudyEntry(db, w.carol.actor, entry({ entryDate: d, hours: h }));
	return w;
}

describeEachDialect('学习统计', ({ db }) => {
	it('counts sessions from check-ins (or replies) and hours, those behind first', async () => {
		const w = await year2027(db());
		const s = await getStudyStats(db(), w.leader.actor, {});
		expect(s.window).toEqual({ year: 2027, month: null });
		const byName = new Map(s.rows.map((r) => [r.name, r]));
		expect(byName.get('张三')).toMatchObject({
			sessions: { done: 3, target: 3, met: true },
			hours: { done: 40, target: 40, met: true },
			met: true
		});
		expect(byName.get('李四')).toMatchObject({
			sessions: { done: 1, target: 3, met: false },
			hours: { done: 5, target: 40, met: false },
			met: false
		});
		expect(byName.get('郑五')).toMatchObject({
			sessions: { done: 1 },
			hours: { done: 41, met: true },
			met: false
		});
		expect(byName.get('孙科长')).toMatchObject({
			sessions: { done: 1 },
			hours: { done: 0, target: 20 }
		});
		expect(byName.has('系统管理员')).toBe(false);
		expect(s.rows.map((r) => r.name)).toEqual([
			'孙科长',
			'吴科长',
			'王办公',
			'钱局长',
			'李四',
			'郑五',
			'张三'
		]);
		const finance = s.summary.find((d) => d.departmentId === w.finance)!;
		expect(finance).toMatchObject({
			name: '财务科',
			people: 3,
			met: 1,
			behind: 2,
			sessions: 5,
			hours: 45,
			averageHours: 15
		});
		expect(s.total).toMatchObject({ people: 7, met: 1, behind: 6, sessions: 6, hours: 86 });
	});

	it('a month asks the monthly target; a year with no year target has none', async () => {
		const w = await year2027(db());
		const s = await getStudyStats(db(), w.office.actor, { year: 2027, month: 3 });
		const byName = new Map(s.rows.map((r) => [r.name, r]));
		expect(byName.get('张三')).toMatchObject({
			sessions: { done: 1, target: 1, met: true },
			hours: { done: 20, target: null, met: null },
			met: true
		});
		expect(byName.get('李四')?.met).toBe(false);
		expect(s.rows[s.rows.length - 1].name).toBe('张三');
	});

	it('my progress this month and year for /study and 工作台', async () => {
		const w = await year2027(db());
		const p = await myStudyProgress(db(), w.bob.actor);
		expect(p?.month).toMatchObject({ sessions: { done: 0, target: 1 }, met: false });
		expect(p?.year).toMatchObject({ hours: { done: 5, target: 40 }, sessions: { done: 1 } });
		expect(await myStudyProgress(db(), w.admin.actor)).toBeNull();
	});

	it('a department head sees their own department only; staff see no statistics', async () => {
		const w = await year2027(db());
		const own = await getStudyStats(db(), w.financeHead.actor, {});
		expect(own.rows.map((r) => r.name).sort()).toEqual(['孙科长', '张三', '李四'].sort());
		expect(own.departments).toEqual([{ id: w.finance, name: '财务科' }]);
		expect(own.canSeeAll).toBe(false);
		await expect(
			getStudyStats(db(), w.financeHead.actor, { department: w.personnel })
		).rejects.toThrow(ForbiddenError);
		await expect(getStudyStats(db(), w.alice.actor, {})).rejects.toThrow(ForbiddenError);
		await expect(getStudyStats(db(), w.admin.actor, {})).rejects.toThrow(ForbiddenError);
		const one = await getStudyStats(db(), w.office.actor, { department: w.personnel });
		expect(one.rows.map((r) => r.name).sort()).toEqual(['吴科长', '郑五'].sort());
	});

	it('the .xlsx reads back with the page’s rows and 达标 in words', async () => {
		const w = await year2027(db());
		const s = await getStudyStats(db(), w.office.actor, {});
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await buildStudyStatsWorkbook('某某局', s)) as unknown as ExcelJS.Buffer);
		const people = book.worksheets[0];
		expect(String(people.getCell(1, 1).value)).toBe('某某局2027年学习情况统计');
		expect(people.getRow(2).values).toContain('是否达标');
		expect(people.getCell(3, 1).value).toBe('孙科长');
		const last = people.getRow(2 + s.rows.length);
		expect(last.getCell(1).value).toBe('张三');
		expect(last.getCell(3).value).toBe(3);
		expect(last.getCell(5).value).toBe(40);
		expect(last.getCell(7).value).toBe('达标');
		expect(people.getCell(3, 7).value).toBe('未达标');
		const depts = book.worksheets[1];
		expect(depts.getCell(3, 1).value).toBe('财务科');
		expect(depts.getCell(3, 6).value).toBe(45);
	});
});
