import { expect } from 'vitest';
import { login } from '../auth/auth.service';
import type { DB } from '../db';
import type { NewPersonInput } from './people.schema';
import { auditCount, FIXTURE_PASSWORD, newDepartment, newUser } from '../testing/fixtures';

export const ctx = { ip: '10.0.0.1', userAgent: 'vitest' };
export const limits = { idleMinutes: 120, absoluteHours: 12 };
export const GENERIC = '用户名或密码错误';

export async function setup(db: DB) {
	const office = await newDepartment(db, { name: '办公室' });
	const admin = await newUser(db, {
		username: 'admin1',
		name: '管理员',
		roles: ['admin'],
		departmentId: office
	});
	return { office, admin: admin.actor };
}

export function person(departmentId: number, o: Record<string, unknown> = {}): NewPersonInput {
	// Overrides may be deliberately bad (a test of the refusal), hence the cast.
	return {
		username: 'wangfang',
		name: '王芳',
		departmentId,
		title: '科员',
		precedence: 20,
		phone: '13800000001',
		email: 'wangfang@example.gov.cn',
		workStartDate: '2010-07-01',
		roles: ['staff'],
		...o
	} as NewPersonInput;
}

/** Everything a refused call must leave alone. */
export async function snapshot(db: DB) {
	const users = await db.selectFrom('users').selectAll().orderBy('id').execute();
	const roles = await db
		.selectFrom('user_roles')
		.selectAll()
		.orderBy('user_id')
		.orderBy('role')
		.execute();
	const sessions = await db.selectFrom('sessions').select('id').orderBy('id').execute();
	return { users, roles, sessions, audits: await auditCount(db) };
}

export async function lockOut(db: DB, username: string) {
	for (let i = 0; i < 5; i++) {
		await login(db, { username, password: 'Wrong-pass-1' }, ctx).catch(() => undefined);
	}
	await expect(login(db, { username, password: FIXTURE_PASSWORD }, ctx)).rejects.toThrow(/已锁定/);
}
