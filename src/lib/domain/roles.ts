export const ROLES = [
	'admin',
	'office',
	'leader',
	'dept_head',
	'staff',
	'supervisor',
	'auditor'
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: string): v is Role {
	return (ROLES as readonly string[]).includes(v);
}

/** 等保 三员分立: the security auditor holds no other role. */
export function rolesConflict(roles: readonly Role[]): boolean {
	return roles.includes('auditor') && roles.length > 1;
}

/** 三员分立: a security auditor holds no other role and sees only the audit log. */
export function isAuditorOnly(roles: readonly string[]): boolean {
	return roles.length === 1 && roles[0] === 'auditor';
}

export const DEPARTMENT_KINDS = ['leadership', 'office', 'section', 'unit'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];
