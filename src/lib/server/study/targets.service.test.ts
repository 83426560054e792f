import { expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { auditCount } from '../testing/fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { deleteStudyTarget, getStudyTargets, setStudyTarget } from './targets.service';
import { at, studyWorld } from './study.test-helpers';

describeEachDialect('学习目标', (ctx) => {
	const db = () => ctx.db();
	const wide = wideDbPerTest(ctx, 10);
	const hours = { role: 'staff', period: 'year', metric: 'hours', amount: '40' } as const;

	it('the office sets a target, changes its amount and deletes it, each audited', async () => {
		const w = await studyWorld(db());
		at('2027-01-04');
		const before = await auditCount(db());
		const id = await setStudyTarget(db(), w.office.actor, hours);
		expect(await getStudyTargets(db())).toEqual([
			{ id, role: 'staff', period: 'year', metric: 'hours', amount: 40 }
		]);
		expect(await setStudyTarget(db(), w.office.actor, { ...hours, amount: '48' })).toBe(id);
		// The same amount again writes nothing.
		await setStudyTarget(db(), w.office.actor, { ...hours, amount: '48' });
		expect((await getStudyTargets(db()))[0].amount).toBe(48);
		await deleteStudyTarget(db(), w.office.actor, id);
		expect(await getStudyTargets(db())).toEqual([]);
		expect(await auditCount(db())).toBe(before + 3);
		await expect(deleteStudyTarget(db(), w.office.actor, id)).rejects.toThrow(NotFoundError);
	});

	it('refuses a bad amount, an unknown value and a role that keeps no records', async () => {
		const w = await studyWorld(db());
		const refused = async (input: Record<string, string>) => {
			const e = await setStudyTarget(db(), w.office.actor, { ...hours, ...input } as never).then(
				() => undefined,
				(err: unknown) => err
			);
			expect(e).toBeInstanceOf(ValidationError);
			return (e as ValidationError).fields;
		};
		expect((await refused({ amount: '0' })).amount).toBe('目标数请填写 1 到 2000 之间的整数。');
		expect((await refused({ amount: '2.5' })).amount).toBeTruthy();
		expect((await refused({ period: 'week' })).period).toBeTruthy();
		expect((await refused({ metric: 'books' })).metric).toBeTruthy();
		expect((await refused({ role: 'admin' })).role).toContain('不记录学习情况');
		expect((await refused({ role: 'auditor' })).role).toBeTruthy();
		expect(await getStudyTargets(db())).toEqual([]);
	});

	it('only the office sets targets', async () => {
		const w = await studyWorld(db());
		for (const who of [w.leader, w.financeHead, w.alice, w.admin]) {
			await expect(setStudyTarget(db(), who.actor, hours)).rejects.toThrow(ForbiddenError);
		}
		const id = await setStudyTarget(db(), w.office.actor, hours);
		await expect(deleteStudyTarget(db(), w.leader.actor, id)).rejects.toThrow(ForbiddenError);
		expect(await getStudyTargets(db())).toHaveLength(1);
	});

	it('parallel saves of a new target make one row and one audit row', async () => {
		const w = await studyWorld(db());
		const before = await auditCount(db());
		const r = await inParallel(10, () => setStudyTarget(wide(), w.office.actor, hours));
		expect(onlyUserErrors(r.errors)).toBe(true);
		expect(await getStudyTargets(db())).toHaveLength(1);
		expect(await auditCount(db())).toBe(before + 1);
		const dels = await inParallel(10, () => deleteStudyTarget(wide(), w.office.actor, r.ok[0]));
		expect(dels.ok).toHaveLength(1);
		expect(onlyUserErrors(dels.errors)).toBe(true);
	});
});
