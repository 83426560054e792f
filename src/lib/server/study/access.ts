import type { Actor } from '../actor';
import type { DB } from '../db';
import { findPersonById } from '../org/users.service';
import type { LeaveViewer } from '../permissions';

/** The actor with the department the study rules read (one lookup per request). */
export async function studyViewer(db: DB, actor: Actor): Promise<Actor & LeaveViewer> {
	const person = await findPersonById(db, actor.id);
	return { ...actor, departmentId: person?.departmentId ?? null };
}
