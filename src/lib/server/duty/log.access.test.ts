import { expect, it } from 'vitest';
import { ForbiddenError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { getShiftLog, listShiftLogs, logSearchPeriods, periodLog, searchLogs } from './log.query';
import { addLogEntry, writeHandover } from './log.service';
import { D1, D2, DAY, logFixtures, NIGHT } from './log.test-helpers';

// Who reads a duty log (callers, their units and phones, incidents, handovers): the people on
// that shift, the office and the 局领导 — the same rule for the page, the print and the search.
describeEachDialect('duty log access', ({ db }) => {
	const { roster } = logFixtures(db);

	it('another staff member cannot read the log', async () => {
		const { wang, stranger, liu, p, call } = await roster();
		await addLogEntry(db(), wang.actor, call());
		// 孙明 is on no shift; 刘洋 serves another day of the same period.
		for (const who of [stranger, liu]) {
			await expect(
				getShiftLog(db(), who.actor, p.periodId, p.shiftIds[DAY], D1)
			).rejects.toBeInstanceOf(ForbiddenError);
		}
	});

	it('lets the shift’s people, the office and any 局领导 read it', async () => {
		const { office, li, wang, zhao, p, call } = await roster();
		const leader = await newUser(db(), { roles: ['leader'], name: '周局长' });
		await addLogEntry(db(), wang.actor, call());
		for (const who of [wang, li, office, zhao, leader]) {
			const log = await getShiftLog(db(), who.actor, p.periodId, p.shiftIds[DAY], D1);
			expect(log.entries.map((e) => e.phone)).toEqual(['13800000000']);
		}
	});

	it('shows the next shift only the handover it takes over, not the entries', async () => {
		const { wang, chen, p, at, call } = await roster();
		await addLogEntry(db(), wang.actor, call());
		await writeHandover(db(), wang.actor, { ...at(DAY, D1), note: '幸福小区停水待回访' });
		await expect(
			getShiftLog(db(), chen.actor, p.periodId, p.shiftIds[DAY], D1)
		).rejects.toBeInstanceOf(ForbiddenError);
		const mine = await getShiftLog(db(), chen.actor, p.periodId, p.shiftIds[NIGHT], D1);
		expect(mine.previous?.handover?.note).toBe('幸福小区停水待回访');
		expect(mine.canAcknowledge).toBe(true);
	});

	it('marks on the index which shifts the reader may open', async () => {
		const { liu, office, p } = await roster();
		const own = await listShiftLogs(db(), liu.actor, p.periodId);
		expect(own.canReadAll).toBe(false);
		expect(own.instances.map((x) => [x.date, x.shiftName, x.canRead])).toEqual([
			[D1, '白班', false],
			[D1, '夜班', false],
			[D2, '白班', true],
			[D2, '夜班', false]
		]);
		const all = await listShiftLogs(db(), office.actor, p.periodId);
		expect(all.canReadAll).toBe(true);
		expect(all.instances.every((x) => x.canRead)).toBe(true);
	});

	it('prints and searches for the office and 局领导 only', async () => {
		const { office, li, wang, stranger, p, call } = await roster();
		await addLogEntry(db(), wang.actor, call());
		for (const who of [office, li]) {
			expect((await periodLog(db(), who.actor, p.periodId)).entryCount).toBe(1);
			expect((await searchLogs(db(), who.actor, { q: '停水', page: 1 })).total).toBe(1);
			expect((await logSearchPeriods(db(), who.actor)).length).toBeGreaterThan(0);
		}
		// On duty in one shift is not a pass to the whole period's log.
		for (const who of [wang, stranger]) {
			await expect(periodLog(db(), who.actor, p.periodId)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(searchLogs(db(), who.actor, { q: '停水', page: 1 })).rejects.toBeInstanceOf(
				ForbiddenError
			);
			await expect(logSearchPeriods(db(), who.actor)).rejects.toBeInstanceOf(ForbiddenError);
		}
	});
});
