import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { setClock } from '../clock';
import { ForbiddenError, ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { buildSupervisionBulletinWorkbook } from './bulletin-xlsx';
import { dueCycles, getSupervisionBulletin, resolveBulletinPeriod } from './bulletin.query';
import { addFeedback } from './feedback.service';
import { closeItem, requestCompletion, signItem, stopItem } from './items.service';
import { newItem, supervisionWorld } from './supervision.test-helpers';

// 10:00 in Shanghai on the given day.
const at = (date: string) => setClock(`${date}T02:00:00Z`);

describe('the bulletin period', () => {
	it('presets this month, quarter and year around today; this month by default', () => {
		expect(resolveBulletinPeriod({}, '2027-05-17')).toEqual({
			fromDate: '2027-05-01',
			toDate: '2027-05-31',
			preset: 'month'
		});
		expect(resolveBulletinPeriod({ preset: 'quarter' }, '2027-05-17')).toMatchObject({
			fromDate: '2027-04-01',
			toDate: '2027-06-30'
		});
		expect(resolveBulletinPeriod({ preset: 'year' }, '2028-02-29')).toMatchObject({
			fromDate: '2028-01-01',
			toDate: '2028-12-31'
		});
		expect(resolveBulletinPeriod({ preset: 'month' }, '2028-02-10').toDate).toBe('2028-02-29');
	});

	it('dates typed in win; the end before the start or more than five years is refused', () => {
		expect(resolveBulletinPeriod({ from: '2027-01-01', to: '2027-03-31' }, '2027-05-17')).toEqual({
			fromDate: '2027-01-01',
			toDate: '2027-03-31',
			preset: null
		});
		expect(() =>
			resolveBulletinPeriod({ from: '2027-04-01', to: '2027-03-31' }, '2027-05-17')
		).toThrow(ValidationError);
		expect(() =>
			resolveBulletinPeriod({ from: '2020-01-01', to: '2027-03-31' }, '2027-05-17')
		).toThrow(ValidationError);
	});

	it('feedback cycles fall due on each day 1–28 of the months, only those already past', () => {
		const cycles = dueCycles('2027-01-20', '2027-03-31', '2027-03-05', 'Asia/Shanghai');
		const due = cycles.map((c) => `${c.cycle}-${String(c.day).padStart(2, '0')}`);
		expect(due[0]).toBe('2027-01-20');
		expect(due.at(-1)).toBe('2027-03-04');
		expect(due).not.toContain('2027-01-29');
		const jan25 = cycles.find((c) => c.cycle === '2027-01' && c.day === 25)!;
		// The end of 25 January in Shanghai, and the previous cycle's end (25 December).
		expect(jan25.dueEnd).toBe('2027-01-25T16:00:00.000Z');
		expect(jan25.windowStart).toBe('2026-12-25T16:00:00.000Z');
	});
});

describeEachDialect('督办通报', ({ db }) => {
	/**
	 * The first quarter of 2027: 财务科 closes one item on time and one late (signed late),
	 * one is stopped, one runs with monthly feedback by the 10th (given only in February);
	 * 人事科 leaves one unsigned past its deadline; an item of 2026 closed in 2026 is not counted.
	 */
	async function quarter() {
		const w = await supervisionWorld(db());
		at('2026-12-01');
		const old = await newItem(db(), w, { stage: 'signed', form: { deadline: '2026-12-30' } });
		at('2026-12-20');
		await requestCompletion(db(), w.leadHead.actor, old.id, { summary: '已完成' });
		await closeItem(db(), w.supervisor.actor, old.id);

		at('2027-01-04'); // a Monday
		const onTime = await newItem(db(), w, { stage: 'signed', form: { deadline: '2027-01-20' } });
		const late = await newItem(db(), w, { stage: 'assigned', form: { deadline: '2027-01-15' } });
		const unsigned = await newItem(db(), w, {
			stage: 'assigned',
			form: { deadline: '2027-01-10', leadDepartmentId: String(w.co), coDepartmentIds: [] }
		});
		const stopped = await newItem(db(), w, { stage: 'assigned', form: { deadline: '2027-02-01' } });
		const cycled = await newItem(db(), w, {
			stage: 'signed',
			form: { deadline: '2027-06-30', feedbackDay: '10' }
		});
		at('2027-01-07');
		await signItem(db(), w.leadHead.actor, late.id);
		at('2027-01-10');
		await stopItem(db(), w.supervisor.actor, stopped.id, { reason: '任务调整' });
		at('2027-01-18');
		await requestCompletion(db(), w.leadHead.actor, onTime.id, { summary: '已完成' });
		await closeItem(db(), w.supervisor.actor, onTime.id);
		at('2027-01-25');
		await requestCompletion(db(), w.leadHead.actor, late.id, { summary: '已完成' });
		await closeItem(db(), w.supervisor.actor, late.id);
		at('2027-02-05');
		await addFeedback(db(), w.leadHead.actor, cycled.id, { text: '二月进展' }, []);
		at('2027-04-02');
		return { w, unsigned };
	}

	it('counts per lead department, with rate, late sign-offs, missed cycles, score and rank', async () => {
		const { w } = await quarter();
		const b = await getSupervisionBulletin(db(), w.office.actor, {
			from: '2027-01-01',
			to: '2027-03-31'
		});
		expect(b.asOf).toBe('2027-03-31');
		expect(
			b.rows.map((r) => [
				r.rank,
				r.name,
				r.registered,
				r.closed,
				r.closedOnTime,
				r.closedLate,
				r.open,
				r.overdueOpen,
				r.onTimeRate,
				r.lateSigns,
				r.missedCycles,
				r.score
			])
		).toEqual([
			// 2×1 on time − 1 late − 0.5 late sign − 0.5×2 missed cycles (January and March)
			[1, '财务科', 4, 2, 1, 1, 1, 0, 50, 1, 2, -0.5],
			// one open and overdue: −2
			[2, '人事科', 1, 0, 0, 0, 1, 1, null, 0, 0, -2]
		]);
		expect(b.total).toMatchObject({
			registered: 5,
			closed: 2,
			closedOnTime: 1,
			open: 2,
			overdueOpen: 1,
			onTimeRate: 50,
			score: -2.5
		});
	});

	it('a period still running reads open items as of today', async () => {
		const { w } = await quarter();
		at('2027-01-12');
		const b = await getSupervisionBulletin(db(), w.leader.actor, { preset: 'month' });
		expect(b.period).toMatchObject({ fromDate: '2027-01-01', toDate: '2027-01-31' });
		expect(b.asOf).toBe('2027-01-12');
		const byName = Object.fromEntries(b.rows.map((r) => [r.name, r]));
		// The items registered on 4 January exist at any clock; 人事科's is two days overdue.
		expect(byName['人事科']).toMatchObject({ open: 1, overdueOpen: 1 });
	});

	it('departments see no bulletin; the office, supervisors and leaders do', async () => {
		const w = await supervisionWorld(db());
		for (const u of [w.leadHead, w.leadStaff, w.otherHead])
			await expect(getSupervisionBulletin(db(), u.actor, {})).rejects.toThrow(ForbiddenError);
		for (const u of [w.office, w.supervisor, w.leader])
			expect((await getSupervisionBulletin(db(), u.actor, {})).rows).toEqual([]);
	});

	it('exports the table as .xlsx with the total and "—" for no rate', async () => {
		const { w } = await quarter();
		const b = await getSupervisionBulletin(db(), w.office.actor, {
			from: '2027-01-01',
			to: '2027-03-31'
		});
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(
			(await buildSupervisionBulletinWorkbook('某某局', b)) as unknown as ExcelJS.Buffer
		);
		const sheet = wb.worksheets[0];
		const rows: unknown[][] = [];
		sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
		expect(String(rows[0][0])).toContain('某某局督办通报');
		expect(rows[3]).toEqual([1, '财务科', 4, 2, 1, 1, 1, 0, '50%', 1, 2, -0.5]);
		expect(rows[4]).toEqual([2, '人事科', 1, 0, 0, 0, 1, 1, '—', 0, 0, -2]);
		expect(rows[5].slice(1)).toEqual(['合计', 5, 2, 1, 1, 2, 1, '50%', 1, 2, -2.5]);
	});
});
