import type { Updateable } from 'kysely';
import type { ExtensionStatus } from '$lib/domain/supervision';
import type { DB } from '../db';
import { nestedRead } from '../db/json-rows';
import type { SupervisionExtensionsTable } from '../db/schema-supervision';

// Extension requests (延期申请) of an item: at most one pending at a time (a partial unique
// index, supervision_extensions_pending_uq).

export interface Extension {
	id: number;
	itemId: number;
	requestedBy: number;
	requestedByName: string;
	requestedAt: string;
	reason: string;
	oldDeadline: string;
	newDeadline: string;
	status: ExtensionStatus;
	decidedBy: number | null;
	decidedByName: string | null;
	decidedAt: string | null;
	decisionComment: string;
}

function select(db: DB) {
	return db
		.selectFrom('supervision_extensions as x')
		.innerJoin('users as r', 'r.id', 'x.requested_by')
		.leftJoin('users as d', 'd.id', 'x.decided_by')
		.select([
			'x.id',
			'x.item_id',
			'x.requested_by',
			'r.name as requested_by_name',
			'x.requested_at',
			'x.reason',
			'x.old_deadline',
			'x.new_deadline',
			'x.status',
			'x.decided_by',
			'd.name as decided_by_name',
			'x.decided_at',
			'x.decision_comment'
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

export function toExtension(r: Row): Extension {
	return {
		id: r.id,
		itemId: r.item_id,
		requestedBy: r.requested_by,
		requestedByName: r.requested_by_name,
		requestedAt: r.requested_at,
		reason: r.reason,
		oldDeadline: r.old_deadline,
		newDeadline: r.new_deadline,
		status: r.status,
		decidedBy: r.decided_by,
		decidedByName: r.decided_by_name,
		decidedAt: r.decided_at,
		decisionComment: r.decision_comment
	};
}

/** A new pending request; a second pending one for the item violates the unique index. */
export async function insertExtension(
	db: DB,
	x: {
		itemId: number;
		requestedBy: number;
		at: string;
		reason: string;
		oldDeadline: string;
		newDeadline: string;
	}
): Promise<number> {
	const r = await db
		.insertInto('supervision_extensions')
		.values({
			item_id: x.itemId,
			requested_by: x.requestedBy,
			requested_at: x.at,
			reason: x.reason,
			old_deadline: x.oldDeadline,
			new_deadline: x.newDeadline,
			status: 'pending'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** The item's pending request, if any. */
export async function findPendingExtension(db: DB, itemId: number): Promise<Extension | undefined> {
	const r = await select(db)
		.where('x.item_id', '=', itemId)
		.where('x.status', '=', 'pending')
		.executeTakeFirst();
	return r ? toExtension(r) : undefined;
}

/** Every request of the item, oldest first (the item page). */
export async function listExtensions(db: DB, itemId: number): Promise<Extension[]> {
	return (await extensionsRead(db, itemId).query.execute()).map(toExtension);
}

/** Every request of the item, oldest first (listExtensions; the item page reads them nested). */
export function extensionsRead(db: DB, itemId: number) {
	return nestedRead(select(db).where('x.item_id', '=', itemId).orderBy('x.id'), [
		'requested_at',
		'decided_at'
	]);
}

/** Compare-and-set: decides a request only while it is pending; true for the one that won. */
export async function decidePendingExtension(
	db: DB,
	id: number,
	to: Exclude<ExtensionStatus, 'pending'>,
	set: Updateable<SupervisionExtensionsTable>
): Promise<boolean> {
	const r = await db
		.updateTable('supervision_extensions')
		.set({ ...set, status: to })
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.returning('id')
		.executeTakeFirst();
	return !!r;
}
