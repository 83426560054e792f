import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from './actor';
import { getDb, type DB } from './db';
import { actionFailure, formToObject, recordId, requireActor } from './http';

/** The services behind a small admin catalogue (departments, rooms, meeting types). */
export interface CatalogueService {
	create(db: DB, actor: Actor, input: Record<string, unknown>): Promise<unknown>;
	update(db: DB, actor: Actor, id: number, input: Record<string, unknown>): Promise<unknown>;
	setActive(db: DB, actor: Actor, id: number, isActive: boolean): Promise<unknown>;
}

/**
 * The two form actions every catalogue page has: `save` (create without an id, else update)
 * and `toggle` (activate / deactivate), with the usual field errors and 403 / 404.
 */
export function catalogueActions(service: CatalogueService) {
	return {
		save: async (event: RequestEvent) => {
			const actor = requireActor(event);
			const values = formToObject(await event.request.formData());
			try {
				if (values.id) await service.update(getDb(), actor, recordId(values.id), values);
				else await service.create(getDb(), actor, values);
			} catch (e) {
				return actionFailure(e, values);
			}
			return { saved: String(values.name).trim() };
		},
		toggle: async (event: RequestEvent) => {
			const actor = requireActor(event);
			const form = await event.request.formData();
			const isActive = form.get('active') === 'true';
			try {
				const id = recordId(form.get('id'));
				await service.setActive(getDb(), actor, id, isActive);
				return { toggled: { id, isActive } };
			} catch (e) {
				return actionFailure(e);
			}
		}
	};
}
