import { beforeEach, expect, it } from 'vitest';
import { login } from '../auth/auth.service';
import { validateSessionToken } from '../auth/session';
import type { DB } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { findUserById } from '../org/users.repository';
import { forgetCachedSettings, getSettings } from '../settings/settings.service';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { isSetupNeeded, runSetup } from './setup.service';

beforeEach(() => forgetCachedSettings());

const ctx = { ip: '192.168.1.20' };
const form = {
	officeName: '某某市交通运输局',
	timeZone: 'Asia/Shanghai',
	username: 'admin',
	name: '系统管理员',
	password: 'Huiban@2026',
	confirm: 'Huiban@2026'
};

async function snapshot(db: DB) {
	const users = await db.selectFrom('users').select('id').execute();
	const settings = await db.selectFrom('settings').selectAll().orderBy('key').execute();
	const sessions = await db.selectFrom('sessions').select('id').execute();
	return { users, settings, sessions, audits: await auditCount(db) };
}

describeEachDialect('first-run setup', ({ db }) => {
	it('creates the administrator and the office settings on an empty database', async () => {
		expect(await isSetupNeeded(db())).toBe(true);
		const { userId } = await runSetup(db(), form, ctx);
		expect(await isSetupNeeded(db())).toBe(false);

		expect(await findUserById(db(), userId)).toMatchObject({
			username: 'admin',
			name: '系统管理员',
			departmentId: null,
			isActive: true,
			isPasswordChangeRequired: false,
			roles: ['admin']
		});
		expect(await getSettings(db())).toMatchObject({
			officeName: '某某市交通运输局',
			timeZone: 'Asia/Shanghai'
		});
		expect(await auditRows(db())).toMatchObject([
			{
				actorId: userId,
				actorName: '系统管理员',
				ip: '192.168.1.20',
				action: 'setup.complete',
				entity: 'settings',
				changes: { officeName: '某某市交通运输局', timeZone: 'Asia/Shanghai', admin: 'admin' }
			}
		]);
		const r = await login(
			db(),
			{ username: 'admin', password: 'Huiban@2026' },
			{
				...ctx,
				userAgent: 'vitest'
			}
		);
		expect(r).toMatchObject({ userId, mustChangePassword: false });
	});

	it('signs the administrator in from the setup page, audited like any sign-in', async () => {
		const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
		const { userId, signedIn } = await runSetup(db(), form, { ...ctx, userAgent: firefox });
		expect(signedIn?.session).toMatchObject({ userId, ip: '192.168.1.20' });
		const aMinuteLater = new Date(Date.parse(signedIn!.session.createdAt) + 60_000);
		const limits = { idleMinutes: 120, absoluteHours: 12 };
		const valid = await validateSessionToken(db(), signedIn!.token, limits, aMinuteLater);
		expect(valid).toMatchObject({ id: signedIn!.session.id, userAgent: firefox });
		const sessions = await db().selectFrom('sessions').select('user_id').execute();
		expect(sessions).toEqual([{ user_id: userId }]);
		expect((await auditRows(db())).map((r) => [r.action, r.actorId, r.ip, r.entityId])).toEqual([
			['setup.complete', userId, '192.168.1.20', null],
			['auth.login', userId, '192.168.1.20', String(userId)]
		]);
		const [viaSetup] = await auditRows(db(), 'auth.login');
		expect(viaSetup.changes).toEqual({ browser: 'Firefox 133 · Linux' });
		const signIn = { username: 'admin', password: 'Huiban@2026' };
		await login(db(), signIn, { ...ctx, userAgent: firefox });
		const [, viaLogin] = await auditRows(db(), 'auth.login');
		const shape = ({
			actorId,
			actorName,
			ip,
			action,
			entity,
			entityId,
			changes
		}: typeof viaSetup) => ({ actorId, actorName, ip, action, entity, entityId, changes });
		expect(shape(viaSetup)).toEqual(shape(viaLogin));
	});

	it('signs nobody in when set up by a script', async () => {
		const { signedIn } = await runSetup(db(), form, ctx);
		expect(signedIn).toBeNull();
		expect(await db().selectFrom('sessions').select('id').execute()).toEqual([]);
		expect((await auditRows(db())).map((r) => r.action)).toEqual(['setup.complete']);
	});

	it('rejects bad input on its field and writes nothing', async () => {
		const cases: [Record<string, string>, string, string][] = [
			[
				{ password: 'huiban2026', confirm: 'huiban2026' },
				'password',
				'密码须包含大写字母、小写字母、数字、符号中的至少三类'
			],
			[{ password: 'Admin@2026', confirm: 'Admin@2026' }, 'password', '密码不能包含用户名'],
			[{ confirm: 'Huiban@2027' }, 'confirm', '两次输入的密码不一致'],
			[{ timeZone: 'China/Beijing' }, 'timeZone', '时区无效，例如 Asia/Shanghai'],
			[{ username: '张三' }, 'username', '用户名为 2–32 位字母、数字或 _ . -']
		];
		for (const [bad, field, message] of cases) {
			const e = await runSetup(db(), { ...form, ...bad }, { ...ctx, userAgent: 'Firefox' }).catch(
				(x) => x
			);
			expect(e).toBeInstanceOf(ValidationError);
			expect(e.fields).toEqual({ [field]: message });
		}
		expect(await snapshot(db())).toEqual({ users: [], settings: [], sessions: [], audits: 0 });
		expect(await isSetupNeeded(db())).toBe(true);
	});

	it('cannot run a second time', async () => {
		await runSetup(db(), form, ctx);
		const before = await snapshot(db());
		const again = { ...form, username: 'intruder', name: '入侵者' };
		await expect(runSetup(db(), again, { ...ctx, userAgent: 'Firefox' })).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await snapshot(db())).toEqual(before);
	});

	it('is not needed on a database that already has people', async () => {
		await newUser(db(), { roles: ['staff'] });
		expect(await isSetupNeeded(db())).toBe(false);
		await expect(runSetup(db(), form, ctx)).rejects.toBeInstanceOf(NotFoundError);
		expect(await auditCount(db())).toBe(0);
	});
});
