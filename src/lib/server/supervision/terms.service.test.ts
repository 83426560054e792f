import { expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDb } from '../testing/parallel';
import { supervisionWorld } from './supervision.test-helpers';
import {
	getSupervisionSettings,
	saveSupervisionSettings,
	settingsFormValues
} from './terms.service';

describeEachDialect('督办 settings', (ctx) => {
	const { db } = ctx;
	it('the defaults until saved; a save writes and audits only the changed keys', async () => {
		const w = await supervisionWorld(db());
		const before = await getSupervisionSettings(db());
		expect(before).toMatchObject({ decisionDays: 20, instructionDays: 15, otherDays: 20 });
		expect(before.weights).toEqual({
			onTime: 2,
			late: -1,
			overdueOpen: -2,
			lateSign: -0.5,
			missedCycle: -0.5
		});
		const form = { ...settingsFormValues(before), decisionDays: '25', weightLateSign: '-1.5' };
		expect(await saveSupervisionSettings(db(), w.supervisor.actor, form)).toEqual([
			'decisionDays',
			'weightLateSign'
		]);
		const after = await getSupervisionSettings(db());
		expect(after.decisionDays).toBe(25);
		expect(after.weights.lateSign).toBe(-1.5);
		expect(after.instructionDays).toBe(15);
		const rows = await auditRows(db(), 'supervision.settings');
		expect(rows.map((r) => r.changes)).toEqual([
			{ decisionDays: [20, 25], weightLateSign: [-0.5, -1.5] }
		]);
		// The same values again: nothing written, nothing audited.
		expect(await saveSupervisionSettings(db(), w.leader.actor, form)).toEqual([]);
		expect(await auditRows(db(), 'supervision.settings')).toHaveLength(1);
	});

	it('whole numbers in range and weights with one decimal; every error at once', async () => {
		const w = await supervisionWorld(db());
		const form = {
			...settingsFormValues(await getSupervisionSettings(db())),
			decisionDays: '0',
			signDays: '1.5',
			urgeEveryDays: 'abc',
			weightOnTime: '11',
			weightLate: '-0.25'
		};
		const e = await saveSupervisionSettings(db(), w.supervisor.actor, form).catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		expect(Object.keys((e as ValidationError).fields).sort()).toEqual([
			'decisionDays',
			'signDays',
			'urgeEveryDays',
			'weightLate',
			'weightOnTime'
		]);
		expect((e as ValidationError).fields.decisionDays).toBe('请填写 1 至 120 之间的整数');
		expect(await auditRows(db(), 'supervision.settings')).toHaveLength(0);
	});

	it('only supervisors and leaders change them', async () => {
		const w = await supervisionWorld(db());
		const admin = await newUser(db(), { roles: ['admin'] });
		const form = settingsFormValues(await getSupervisionSettings(db()));
		for (const u of [w.office, w.leadHead, admin])
			await expect(
				saveSupervisionSettings(db(), u.actor, { ...form, yellowDays: '9' })
			).rejects.toThrow(ForbiddenError);
		expect((await getSupervisionSettings(db())).yellowDays).toBe(7);
	});

	it('twenty identical saves at once: one change, one audit row', async () => {
		const w = await supervisionWorld(db());
		const form = { ...settingsFormValues(await getSupervisionSettings(db())), signDays: '2' };
		const wide = wideDb(ctx, 20);
		try {
			const results = await inParallel(20, () =>
				saveSupervisionSettings(wide.db, w.supervisor.actor, form)
			);
			expect(results.errors).toEqual([]);
			expect(results.ok.filter((changed) => changed.length > 0)).toEqual([['signDays']]);
			expect(onlyUserErrors(results.errors)).toBe(true);
			expect(await auditRows(db(), 'supervision.settings')).toHaveLength(1);
			expect((await getSupervisionSettings(db())).signDays).toBe(2);
		} finally {
			await wide.destroy();
		}
	});
});
