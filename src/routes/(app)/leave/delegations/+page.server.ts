import { getDb } from '$lib/server/db';
import { formAction, formInput, recordId, requirePage } from '$lib/server/http';
import { canManageLeave, canRequestLeave } from '$lib/server/permissions';
import { listActivePeople } from '$lib/server/org/directory.service';
import { pinyinInitials } from '$lib/server/person-initials';
import {
	endDelegation,
	listDelegations,
	setDelegation
} from '$lib/server/approval/delegations.service';
import { delegationSchema } from '$lib/server/approval/delegations.schema';
import { officeDate } from '$lib/server/settings/settings.service';
import * as clock from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canRequestLeave);
	const db = getDb();
	const [lists, people, today] = await Promise.all([
		listDelegations(db, actor),
		listActivePeople(db),
		officeDate(db, clock.now())
	]);
	return {
		...lists,
		today,
		me: actor.id,
		canManage: canManageLeave(actor),
		people: people.map((p) => ({
			id: p.id,
			name: p.name,
			title: p.title,
			department: p.departmentName,
			initials: pinyinInitials(p.name)
		}))
	};
};

export const actions: Actions = {
	save: (event) => {
		requirePage(event, canRequestLeave);
		return formAction((actor, form) =>
			setDelegation(getDb(), actor, formInput(form, delegationSchema))
		)(event);
	},
	end: (event) => {
		requirePage(event, canRequestLeave);
		return formAction((actor, form) => endDelegation(getDb(), actor, recordId(form.get('id'))))(
			event
		);
	}
};
