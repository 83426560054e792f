import type { DepartmentKind, Role } from '$lib/domain/roles';
import type { Actor } from '../actor';
import { hashPassword } from '../auth/password';
import type { DB } from '../db';
import { insertDepartment } from '../org/departments.repository';
import { insertUser, replaceUserRoles } from '../org/users.repository';
import { nowIso } from '../clock';
import { countAuditRows } from '../audit.repository';

export const FIXTURE_PASSWORD = 'Fixture-Pass-1';
let fixtureHash: Promise<string> | undefined;
let seq = 0;

export async function newDepartment(
	db: DB,
	o: { name?: string; kind?: DepartmentKind; parentId?: number | null; sortOrder?: number } = {}
): Promise<number> {
	seq++;
	return insertDepartment(db, {
		name: o.name ?? `测试科${seq}`,
		kind: o.kind ?? 'section',
		parentId: o.parentId ?? null,
		sortOrder: o.sortOrder ?? seq
	});
}

export interface FixtureUser {
	id: number;
	username: string;
	name: string;
	actor: Actor;
}

export async function newUser(
	db: DB,
	o: {
		username?: string;
		name?: string;
		roles?: Role[];
		departmentId?: number | null;
		mustChangePassword?: boolean;
		isActive?: boolean;
		email?: string;
	} = {}
): Promise<FixtureUser> {
	seq++;
	fixtureHash ??= hashPassword(FIXTURE_PASSWORD);
	const now = nowIso();
	const username = o.username ?? `user${seq}`;
	const name = o.name ?? `测试用户${seq}`;
	const id = await insertUser(db, {
		username,
		name,
		passwordHash: await fixtureHash,
		departmentId: o.departmentId ?? null,
		email: o.email ?? `${username}@huiban.test`,
		isPasswordChangeRequired: o.mustChangePassword ?? false,
		isActive: o.isActive ?? true,
		createdAt: now,
		updatedAt: now
	});
	const roles = o.roles ?? ['staff'];
	await replaceUserRoles(db, id, roles);
	return { id, username, name, actor: { id, name, roles, ip: '127.0.0.1' } };
}

export function auditCount(db: DB): Promise<number> {
	return countAuditRows(db);
}
