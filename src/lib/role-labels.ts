import * as m from '$lib/paraglide/messages';
import type { Role } from '$lib/domain/roles';

export function roleLabel(role: Role): string {
	return {
		admin: m.role_admin(),
		office: m.role_office(),
		leader: m.role_leader(),
		dept_head: m.role_dept_head(),
		staff: m.role_staff(),
		supervisor: m.role_supervisor(),
		auditor: m.role_auditor()
	}[role];
}
