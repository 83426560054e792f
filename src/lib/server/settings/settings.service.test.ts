import { beforeEach, expect, it } from 'vitest';
import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { ForbiddenError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import {
	DEFAULT_SETTINGS,
	forgetCachedSettings,
	getSettings,
	observeDataStamp,
	updateSettings
} from './settings.service';
import { readStamp } from '../db/stamp';
import { upsertSetting } from './settings.repository';

// getSettings caches per process (until the change stamp moves, or 10 s); every test has a
// fresh database.
beforeEach(() => forgetCachedSettings());

const good = {
	officeName: ' 某某市交通运输局 ',
	timeZone: 'Asia/Urumqi',
	sessionIdleMinutes: '30',
	sessionAbsoluteHours: '8',
	mailFromAddress: ' bgs@jtj.example.gov.cn ',
	mailFromName: '市交通运输局办公室'
};

async function snapshot(db: DB) {
	const rows = await db.selectFrom('settings').selectAll().orderBy('key').execute();
	return { rows, audits: await auditCount(db) };
}

describeEachDialect('office settings', ({ db }) => {
	it('are read afresh as soon as a request reports a new change stamp', async () => {
		observeDataStamp(await readStamp(db()));
		expect((await getSettings(db())).officeName).toBe('');
		// As another process would: written straight to the database, past this one's cache.
		await upsertSetting(db(), 'office_name', '某某市水利局');
		expect((await getSettings(db())).officeName).toBe('');
		observeDataStamp(await readStamp(db()));
		expect((await getSettings(db())).officeName).toBe('某某市水利局');
	});

	it('starts from the defaults on a new database', async () => {
		expect(await getSettings(db())).toEqual(DEFAULT_SETTINGS);
	});

	it('lets the admin change name, time zone and session limits, auditing the diff', async () => {
		const { actor } = await newUser(db(), { roles: ['admin'], name: '管理员' });
		const expected = {
			officeName: '某某市交通运输局',
			timeZone: 'Asia/Urumqi',
			sessionIdleMinutes: 30,
			sessionAbsoluteHours: 8,
			mailFromAddress: 'bgs@jtj.example.gov.cn',
			mailFromName: '市交通运输局办公室'
		};
		expect(await updateSettings(db(), actor, good)).toEqual(expected);
		forgetCachedSettings();
		expect(await getSettings(db())).toEqual(expected);
		expect(await auditRows(db())).toMatchObject([
			{
				actorId: actor.id,
				actorName: '管理员',
				action: 'settings.update',
				entity: 'settings',
				changes: {
					officeName: ['', '某某市交通运输局'],
					timeZone: ['Asia/Shanghai', 'Asia/Urumqi'],
					sessionIdleMinutes: [120, 30],
					sessionAbsoluteHours: [12, 8],
					mailFromAddress: ['huiban@localhost', 'bgs@jtj.example.gov.cn'],
					mailFromName: ['', '市交通运输局办公室']
				}
			}
		]);
	});

	it('audits only the values that changed', async () => {
		const { actor } = await newUser(db(), { roles: ['admin'] });
		await updateSettings(db(), actor, good);
		await updateSettings(db(), actor, { ...good, sessionIdleMinutes: 45 });
		const [, second] = await auditRows(db(), 'settings.update');
		expect(second.changes).toEqual({ sessionIdleMinutes: [30, 45] });
	});

	it('rejects bad values on their fields and writes nothing', async () => {
		const { actor } = await newUser(db(), { roles: ['admin'] });
		const before = await snapshot(db());
		const cases: [Record<string, unknown>, string, string][] = [
			[{ officeName: '  ' }, 'officeName', '此项必填'],
			[{ timeZone: 'Asia/Beijing' }, 'timeZone', '时区无效，例如 Asia/Shanghai'],
			[{ sessionIdleMinutes: 4 }, 'sessionIdleMinutes', '空闲超时应在 5–720 分钟之间'],
			[{ sessionIdleMinutes: 721 }, 'sessionIdleMinutes', '空闲超时应在 5–720 分钟之间'],
			[{ sessionAbsoluteHours: 0 }, 'sessionAbsoluteHours', '会话最长时长应在 1–72 小时之间'],
			[{ sessionAbsoluteHours: 73 }, 'sessionAbsoluteHours', '会话最长时长应在 1–72 小时之间'],
			[{ mailFromAddress: '办公室' }, 'mailFromAddress', '邮箱格式不正确'],
			[{ mailFromAddress: 'a b@x.cn' }, 'mailFromAddress', '邮箱格式不正确'],
			[{ mailFromName: '名'.repeat(65) }, 'mailFromName', '最多 64 个字符']
		];
		for (const [bad, field, message] of cases) {
			const e = await updateSettings(db(), actor, { ...good, ...bad }).catch((x) => x);
			expect(e).toBeInstanceOf(ValidationError);
			expect(e.fields).toEqual({ [field]: message });
		}
		expect(await snapshot(db())).toEqual(before);
		forgetCachedSettings();
		expect(await getSettings(db())).toEqual(DEFAULT_SETTINGS);
	});

	it('accepts an intranet sender without a dot, like the default, and a blank name', async () => {
		const { actor } = await newUser(db(), { roles: ['admin'] });
		const saved = await updateSettings(db(), actor, {
			...good,
			mailFromAddress: 'huiban@mail-gw',
			mailFromName: ' '
		});
		expect(saved).toMatchObject({ mailFromAddress: 'huiban@mail-gw', mailFromName: '' });
	});

	it('refuses everyone but the admin, writing nothing', async () => {
		const roles: Role[] = ['office', 'leader', 'staff', 'auditor'];
		for (const role of roles) {
			const { actor } = await newUser(db(), { roles: [role] });
			await expect(updateSettings(db(), actor, good)).rejects.toBeInstanceOf(ForbiddenError);
		}
		expect(await snapshot(db())).toEqual({ rows: [], audits: 0 });
	});
});
