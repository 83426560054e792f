import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { formAction, idParam, orHttpError, recordId, requirePage } from '$lib/server/http';
import { canManageRooms } from '$lib/server/permissions';
import { listRooms } from '$lib/server/rooms/rooms.service';
import { deleteTemplate, listTemplates, saveTemplate } from '$lib/server/seating/templates.service';
import { layoutFieldsOf, layoutFromFields } from '$lib/components/seating/layout-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canManageRooms);
	const db = getDb();
	const roomId = idParam(event.params.id);
	const room = (await listRooms(db, { includeInactive: true })).find((r) => r.id === roomId);
	if (!room) error(404, m.error_not_found());
	const templates = await orHttpError(listTemplates(db, actor, roomId));
	const editId = Number(event.url.searchParams.get('edit'));
	return { room, templates, editing: templates.find((t) => t.id === editId) ?? null };
};

export const actions: Actions = {
	save: formAction((actor, form, event: RequestEvent) => {
		const id = String(form.get('id') ?? '').trim();
		return saveTemplate(getDb(), actor, {
			...(id ? { id } : {}),
			roomId: idParam(event.params.id),
			name: String(form.get('name') ?? ''),
			layout: layoutFromFields(layoutFieldsOf(form))
		});
	}),
	delete: formAction((actor, form) => deleteTemplate(getDb(), actor, recordId(form.get('id'))))
};
