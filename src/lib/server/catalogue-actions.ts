import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Actor } from './actor';
import { getDb, type DB } from './db';
import { formAction, formInput, recordId } from './http';

/** The services behind a small admin catalogue (departments, rooms, meeting types). */
export interface CatalogueService<S extends z.ZodObject> {
	/** The form's schema: the fields `save` reads and hands to create / update. */
	schema: S;
	create(db: DB, actor: Actor, input: z.input<S>): Promise<unknown>;
	update(db: DB, actor: Actor, id: number, input: z.input<S>): Promise<unknown>;
	setActive(db: DB, actor: Actor, id: number, isActive: boolean): Promise<unknown>;
}

/**
 * The two form actions every catalogue page has, on `formAction`: `save` (create without an
 * id, else update) answers `{ done, result, saved }` with the saved name, `toggle` (activate /
 * deactivate) `{ done, result, toggled: { id, isActive } }`; refusals as formAction gives them.
 */
export function catalogueActions<S extends z.ZodObject>(service: CatalogueService<S>) {
	const save = formAction(async (actor, form) => {
		const input = formInput(form, service.schema);
		const id = form.get('id');
		if (id) await service.update(getDb(), actor, recordId(id), input);
		else await service.create(getDb(), actor, input);
		return String(form.get('name') ?? '').trim();
	});
	const toggle = formAction(async (actor, form) => {
		const id = recordId(form.get('id'));
		const isActive = form.get('active') === 'true';
		await service.setActive(getDb(), actor, id, isActive);
		return { id, isActive };
	});
	return {
		save: async (event: RequestEvent) => {
			const r = await save(event);
			return 'result' in r ? { ...r, saved: r.result as string } : r;
		},
		toggle: async (event: RequestEvent) => {
			const r = await toggle(event);
			return 'result' in r ? { ...r, toggled: r.result as { id: number; isActive: boolean } } : r;
		}
	};
}
