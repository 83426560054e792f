import { expect, it } from 'vitest';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import type { HolidayInput } from './holidays.schema';
import {
	deleteHoliday,
	getHolidayYear,
	listHolidayYears,
	loadHolidayCalendar,
	saveHoliday
} from './holidays.service';

async function auditRows(db: DB, action: string) {
	const rows = await db
		.selectFrom('audit_log')
		.selectAll()
		.where('action', '=', action)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) }));
}

describeEachDialect('holiday calendar', ({ db }) => {
	it('has the seeded 2026 schedule for any signed-in person', async () => {
		const staff = await newUser(db(), { roles: ['staff'] });
		const entries = await getHolidayYear(db(), staff.actor, 2026);
		expect(entries).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
		expect(entries).toContainEqual({ date: '2026-09-20', kind: 'workday', name: '国庆节' });
		expect(entries.filter((e) => e.kind === 'holiday')).toHaveLength(33);
		expect(entries.filter((e) => e.kind === 'workday')).toHaveLength(6);
		expect(entries.map((e) => e.date)).toEqual([...entries.map((e) => e.date)].sort());
	});

	it('loads a calendar map for a date range, both ends included', async () => {
		const cal = await loadHolidayCalendar(db(), '2026-02-14', '2026-02-28');
		expect(cal.size).toBe(11);
		expect(cal.get('2026-02-14')).toBe('workday');
		expect(cal.get('2026-02-15')).toBe('holiday');
		expect(cal.get('2026-02-28')).toBe('workday');
		expect(cal.has('2026-02-24')).toBe(false);
	});

	it('lists the years that have data', async () => {
		const years = await listHolidayYears(db());
		expect(years[0]).toBe(2004);
		expect(years.at(-1)).toBe(2026);
		expect(years).toHaveLength(23);
	});

	it('lets the admin add, edit and delete a day, auditing each change', async () => {
		const admin = await newUser(db(), { roles: ['admin'] });
		expect(await getHolidayYear(db(), admin.actor, 2027)).toEqual([]);

		const added = await saveHoliday(db(), admin.actor, {
			date: '2027-01-01',
			kind: 'holiday',
			name: ' 元旦 '
		});
		expect(added).toEqual({
			entry: { date: '2027-01-01', kind: 'holiday', name: '元旦' },
			created: true
		});
		expect(await listHolidayYears(db())).toContain(2027);

		const edited = await saveHoliday(db(), admin.actor, {
			date: '2027-01-01',
			kind: 'workday',
			name: '元旦调休'
		});
		expect(edited.created).toBe(false);
		expect(await getHolidayYear(db(), admin.actor, 2027)).toEqual([
			{ date: '2027-01-01', kind: 'workday', name: '元旦调休' }
		]);

		const saves = await auditRows(db(), 'holiday.save');
		expect(saves).toHaveLength(2);
		expect(saves[0]).toMatchObject({
			actor_id: admin.id,
			entity: 'holiday',
			entity_id: '2027-01-01'
		});
		expect(saves[0].changes).toEqual({
			before: null,
			after: { date: '2027-01-01', kind: 'holiday', name: '元旦' }
		});
		expect(saves[1].changes.before).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
		expect(saves[1].changes.after).toEqual({
			date: '2027-01-01',
			kind: 'workday',
			name: '元旦调休'
		});

		await deleteHoliday(db(), admin.actor, '2027-01-01');
		expect(await getHolidayYear(db(), admin.actor, 2027)).toEqual([]);
		const deletes = await auditRows(db(), 'holiday.delete');
		expect(deletes).toHaveLength(1);
		expect(deletes[0].changes.before).toMatchObject({ kind: 'workday', name: '元旦调休' });
	});

	it('reports a missing or malformed date as not found on delete', async () => {
		const admin = await newUser(db(), { roles: ['admin'] });
		const before = await auditCount(db());
		await expect(deleteHoliday(db(), admin.actor, '2027-05-01')).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(deleteHoliday(db(), admin.actor, '2026-02-30')).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await auditCount(db())).toBe(before);
	});

	it('refuses staff and the auditor, changing nothing and auditing nothing', async () => {
		const staff = await newUser(db(), { roles: ['staff'] });
		const auditor = await newUser(db(), { roles: ['auditor'] });
		const before = await auditCount(db());
		for (const u of [staff, auditor]) {
			await expect(
				saveHoliday(db(), u.actor, { date: '2026-10-01', kind: 'workday', name: '改' })
			).rejects.toBeInstanceOf(ForbiddenError);
			await expect(
				saveHoliday(db(), u.actor, { date: '2027-01-01', kind: 'holiday', name: '元旦' })
			).rejects.toBeInstanceOf(ForbiddenError);
			await expect(deleteHoliday(db(), u.actor, '2026-10-01')).rejects.toBeInstanceOf(
				ForbiddenError
			);
		}
		const entries = await getHolidayYear(db(), staff.actor, 2026);
		expect(entries).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
		expect(await getHolidayYear(db(), staff.actor, 2027)).toEqual([]);
		expect(await auditCount(db())).toBe(before);
	});

	it.each([
		[{ date: '2026-13-40', kind: 'holiday', name: '假日' }, 'date', '日期格式应为 YYYY-MM-DD'],
		[{ date: '2027-02-29', kind: 'holiday', name: '假日' }, 'date', '日期格式应为 YYYY-MM-DD'],
		[{ date: '2027-01-01', kind: 'weekend', name: '假日' }, 'kind', '请选择一项'],
		[{ date: '2027-01-01', kind: 'holiday', name: '  ' }, 'name', '此项必填'],
		[{ date: '2027-01-01', kind: 'holiday', name: '节'.repeat(41) }, 'name', '最多 40 个字符']
	])('rejects bad input %o on the field %s and writes nothing', async (input, field, message) => {
		const admin = await newUser(db(), { roles: ['admin'] });
		const before = await auditCount(db());
		const err = await saveHoliday(db(), admin.actor, input as HolidayInput).catch((e) => e);
		expect(err).toBeInstanceOf(ValidationError);
		expect(err.fields).toEqual({ [field]: message });
		expect(await getHolidayYear(db(), admin.actor, 2027)).toEqual([]);
		expect(await auditCount(db())).toBe(before);
	});

	it('treats years outside the supported range as not found', async () => {
		const staff = await newUser(db(), { roles: ['staff'] });
		await expect(getHolidayYear(db(), staff.actor, 0)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getHolidayYear(db(), staff.actor, 2026.5)).rejects.toBeInstanceOf(NotFoundError);
	});
});
