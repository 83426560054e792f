import type { Actor } from '../actor';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { findPersonById } from '../org/users.service';
import {
	canAnswerSupervisionItem,
	canManageSupervision,
	canSeeSupervisionItem,
	type SupervisionViewer
} from '../permissions';
import { findItemById, type SupervisionItem } from './items.repository';

/** The actor with the department the supervision rules read (one lookup per request). */
export async function supervisionViewer(db: DB, actor: Actor): Promise<Actor & SupervisionViewer> {
	const person = await findPersonById(db, actor.id);
	return { ...actor, departmentId: person?.departmentId ?? null };
}

/** An item the actor may see; anything else is "not found" (other departments see nothing). */
export async function loadVisibleItem(
	db: DB,
	viewer: SupervisionViewer,
	id: number
): Promise<SupervisionItem> {
	const item = await findItemById(db, id);
	if (!item || !canSeeSupervisionItem(viewer, item)) throw new NotFoundError();
	return item;
}

/** An item for a supervisor's or leader's decision (assign, extension, review, stop). */
export async function loadManagedItem(
	db: DB,
	viewer: SupervisionViewer,
	id: number
): Promise<SupervisionItem> {
	const item = await loadVisibleItem(db, viewer, id);
	if (!canManageSupervision(viewer)) throw new ForbiddenError();
	return item;
}

/** An item the actor answers for as the lead department (sign, tasks, extension, completion). */
export async function loadAnsweredItem(
	db: DB,
	viewer: SupervisionViewer,
	id: number
): Promise<SupervisionItem> {
	const item = await loadVisibleItem(db, viewer, id);
	if (!canAnswerSupervisionItem(viewer, item)) throw new ForbiddenError();
	return item;
}
