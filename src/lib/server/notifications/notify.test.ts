import { afterEach, beforeEach, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { dutyBureau } from '../duty/duty.test-helpers';
import { acknowledgeHandover, writeHandover } from '../duty/log.service';
import { DAY, D1, logFixtures } from '../duty/log.test-helpers';
import { createPeriod } from '../duty/periods.service';
import { generatePeriodRoster, publishPeriod } from '../duty/roster.service';
import { describeEachDialect } from '../testing/each-dialect';

// The acting user's UI language must not leak into stored notices others read later.
const uiLocale = getLocale;
beforeEach(() => overwriteGetLocale(() => 'en'));
afterEach(() => overwriteGetLocale(uiLocale));

describeEachDialect('notices in the office language', ({ db }) => {
	const { roster } = logFixtures(db);

	it('words a roster notice in Chinese whatever the acting user reads', async () => {
		const { office } = await dutyBureau(db(), { leaders: 3, officers: 6 });
		const id = await createPeriod(db(), office.actor, {
			source: 'range',
			startDate: '2026-10-01',
			endDate: '2026-10-03'
		});
		await generatePeriodRoster(db(), office.actor, id);
		await publishPeriod(db(), office.actor, id);
		const notes = await db().selectFrom('notifications').select(['title', 'body']).execute();
		expect(notes.length).toBeGreaterThan(0);
		for (const n of notes) {
			expect(n.title).toContain('值班表已发布');
			expect(n.body).not.toMatch(/[a-z]{3}/i);
			// One date presentation (issue 9): 10月1日（星期四）, not 10/01.
			expect(n.body).toMatch(/10月[123]日（星期[四五六]）/);
			expect(n.body).not.toMatch(/\d+\/\d+/);
		}
	});

	it('words a handover notice in Chinese whatever the acting user reads', async () => {
		const { wang, chen, p, at } = await roster();
		await writeHandover(db(), wang.actor, { ...at(DAY, D1), note: '无' });
		await acknowledgeHandover(db(), chen.actor, { shiftId: p.shiftIds[DAY], date: D1 });
		const notes = await db().selectFrom('notifications').select('title').execute();
		expect(notes.map((n) => n.title)).toEqual(['陈静 已确认接班：2026年10月1日（星期四）白班']);
	});
});
