/**
 * Who holds an approver position for an applicant: the applicant's facts, the department's
 * head and 分管领导, the holders of a role (the 主要领导's candidates).
 */
import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';

export interface ApplicantFacts {
	id: number;
	name: string;
	departmentId: number | null;
	isActive: boolean;
	roles: Role[];
}

export async function findApplicantFacts(
	db: DB,
	userId: number
): Promise<ApplicantFacts | undefined> {
	const row = await db
		.selectFrom('users')
		.select(['id', 'name', 'department_id', 'is_active'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!row) return undefined;
	const roles = await db
		.selectFrom('user_roles')
		.select('role')
		.where('user_id', '=', userId)
		.execute();
	return {
		id: row.id,
		name: row.name,
		departmentId: row.department_id,
		isActive: row.is_active,
		roles: roles.map((r) => r.role as Role)
	};
}

/** The department's head: an active holder of dept_head in it, by precedence, then id. */
export async function findDepartmentHead(
	db: DB,
	departmentId: number
): Promise<{ id: number; name: string } | undefined> {
	return db
		.selectFrom('users')
		.innerJoin('user_roles', 'user_roles.user_id', 'users.id')
		.select(['users.id', 'users.name'])
		.where('users.department_id', '=', departmentId)
		.where('users.is_active', '=', true)
		.where('user_roles.role', '=', 'dept_head')
		.orderBy('users.precedence')
		.orderBy('users.id')
		.executeTakeFirst();
}

/** The department's 分管领导 while active (null when unset or no longer active). */
export async function findDepartmentLeader(
	db: DB,
	departmentId: number
): Promise<{ id: number; name: string } | undefined> {
	return db
		.selectFrom('departments')
		.innerJoin('users', 'users.id', 'departments.leader_id')
		.select(['users.id', 'users.name'])
		.where('departments.id', '=', departmentId)
		.where('users.is_active', '=', true)
		.executeTakeFirst();
}

/** An active person holding `role`, or undefined. */
export async function findActiveWithRole(
	db: DB,
	userId: number,
	role: Role
): Promise<{ id: number; name: string } | undefined> {
	return db
		.selectFrom('users')
		.innerJoin('user_roles', 'user_roles.user_id', 'users.id')
		.select(['users.id', 'users.name'])
		.where('users.id', '=', userId)
		.where('users.is_active', '=', true)
		.where('user_roles.role', '=', role)
		.executeTakeFirst();
}

/** Active people holding `role`, by precedence (pickers). */
export async function listActiveWithRole(
	db: DB,
	role: Role
): Promise<{ id: number; name: string; departmentName: string | null }[]> {
	const rows = await db
		.selectFrom('users')
		.innerJoin('user_roles', 'user_roles.user_id', 'users.id')
		.leftJoin('departments', 'departments.id', 'users.department_id')
		.select(['users.id', 'users.name', 'departments.name as department_name'])
		.where('users.is_active', '=', true)
		.where('user_roles.role', '=', role)
		.orderBy('users.precedence')
		.orderBy('users.id')
		.execute();
	return rows.map((r) => ({ id: r.id, name: r.name, departmentName: r.department_name }));
}
