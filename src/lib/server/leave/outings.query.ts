/**
 * The 外出报备 page: my outings and the form; for a department head their department's outings
 * of the day, for the office and leaders everyone's — each with its state (超时未返回 when the
 * back-by time has passed and nobody marked it back).
 */
import type { Actor } from '../actor';
import * as clock from '../clock';
import type { DB } from '../db';
import { canRequestLeave, canSeeAllLeave, canSeeDepartmentLeave } from '../permissions';
import { outingState, type OutingState } from './outing-times';
import { listOutingsOfUser, listOutingsOn, type Outing } from './outings.repository';
import { leaveViewer, officeMoment } from './outings.service';

export type OutingView = Outing & { state: OutingState };

export interface OutingsPage {
	today: string;
	canReport: boolean;
	mine: OutingView[];
	/** null when the viewer sees no one else's outings. */
	others: OutingView[] | null;
	/** 'all' for the office and leaders, 'department' for a head. */
	scope: 'all' | 'department' | null;
}

export async function outingsPage(
	db: DB,
	actor: Actor,
	at: Date = clock.now()
): Promise<OutingsPage> {
	const viewer = await leaveViewer(db, actor);
	const { today, time } = await officeMoment(db, at.toISOString());
	const view = (o: Outing): OutingView => ({ ...o, state: outingState(o, today, time) });
	const mine = (await listOutingsOfUser(db, actor.id)).map(view);
	let others: OutingView[] | null = null;
	let scope: OutingsPage['scope'] = null;
	if (canSeeAllLeave(viewer)) {
		scope = 'all';
		others = (await listOutingsOn(db, today)).map(view);
	} else if (viewer.departmentId !== null && canSeeDepartmentLeave(viewer, viewer.departmentId)) {
		scope = 'department';
		others = (await listOutingsOn(db, today, viewer.departmentId)).map(view);
	}
	return { today, canReport: canRequestLeave(actor), mine, others, scope };
}
