import { getDb } from '$lib/server/db';
import {
	createDepartment,
	getDepartments,
	setDepartmentActive,
	updateDepartment
} from '$lib/server/org/departments.service';
import { catalogueActions } from '$lib/server/catalogue-actions';
import { departmentSchema } from '$lib/server/org/departments.schema';
import { principalLeaderChoices } from '$lib/server/approval/rules.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const departments = await getDepartments(getDb());
	const editId = Number(url.searchParams.get('edit'));
	return {
		departments,
		editing: departments.find((d) => d.id === editId) ?? null,
		leaders: await principalLeaderChoices(getDb())
	};
};

export const actions: Actions = catalogueActions({
	schema: departmentSchema,
	create: createDepartment,
	update: updateDepartment,
	setActive: setDepartmentActive
});
