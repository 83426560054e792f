import * as m from '$lib/paraglide/messages';
import type { DepartmentKind } from '$lib/domain/roles';

export function kindLabel(kind: DepartmentKind): string {
	return {
		leadership: m.dept_kind_leadership(),
		office: m.dept_kind_office(),
		section: m.dept_kind_section(),
		unit: m.dept_kind_unit()
	}[kind];
}
