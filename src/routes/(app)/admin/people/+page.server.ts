import { isRole } from '$lib/domain/roles';
import { getDb } from '$lib/server/db';
import { queryParams, requireActor } from '$lib/server/http';
import { getDepartments } from '$lib/server/org/departments.service';
import { searchPeople } from '$lib/server/org/users.service';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sp = event.url.searchParams;
	const query = queryParams(event.url);
	const role = sp.get('role') ?? '';
	const status = sp.get('status') ?? 'active';
	const filter = {
		q: query.text('q') || undefined,
		departmentId: query.id('department'),
		role: isRole(role) ? role : undefined,
		active: status === 'all' ? undefined : status === 'active',
		page: query.page(),
		pageSize: PAGE_SIZE
	};
	const db = getDb();
	const [result, departments] = await Promise.all([
		searchPeople(db, actor, filter),
		getDepartments(db)
	]);
	return {
		...result,
		departments,
		filter: { q: filter.q ?? '', department: sp.get('department') ?? '', role, status },
		page: filter.page,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE))
	};
};
