import { ZodError } from 'zod';
import * as m from '$lib/paraglide/messages';
import { LAYOUT_LIMITS, checkLayout, type Layout } from '$lib/domain/seating';
import type { Actor } from '../actor';
import { audit } from '../audit';
import { nowIso } from '../clock';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError, withUniqueField } from '../errors';
import { canManageRooms, requirePermission } from '../permissions';
import { listRooms } from '../rooms/rooms.service';
import { parseInput } from '../validation';
import {
	deleteTemplateRow,
	findTemplateById,
	findTemplateNamed,
	insertTemplate,
	listTemplatesOfRoom,
	updateTemplate
} from './templates.repository';
import { templateSchema, type TemplateInput } from './seating.schema';
import type { SeatingTemplate } from './seating.types';

// 座位模板: a room's seating layouts, kept by the office (canManageRooms); a meeting's plan
// starts from one or draws its own (seating.service.ts). Every layout that enters is checked
// by layoutFrom, which names the field and its bounds when it is wrong.

export type { TemplateInput };

/** The words for a layout's field, and the bounds it must keep (seating.ts LAYOUT_LIMITS). */
function layoutField(path: PropertyKey[]): { name: string; min: number; max: number } | null {
	const [a, b] = path;
	const L = LAYOUT_LIMITS;
	if (a === 'rostrum')
		return typeof b === 'number'
			? { name: m.seating_field_rostrum_seats(), min: 1, max: L.rostrumSeats }
			: { name: m.seating_field_rostrum_rows(), min: 0, max: L.rostrumRows };
	if (a === 'floor' && b === 'rows')
		return { name: m.seating_field_floor_rows(), min: 0, max: L.floorRows };
	if (a === 'floor' && b === 'blocks')
		return path.length > 2
			? { name: m.seating_field_block_seats(), min: 1, max: L.blockSeats }
			: { name: m.seating_field_blocks(), min: 1, max: L.blocks };
	if (a === 'hostSeats') return { name: m.seating_field_host_seats(), min: 1, max: L.talksSide };
	if (a === 'guestSeats') return { name: m.seating_field_guest_seats(), min: 1, max: L.talksSide };
	return null;
}

/** A layout from input, or a ValidationError on `field` naming what to change. */
export function layoutFrom(input: unknown, field = 'layout'): Layout {
	try {
		return checkLayout(input);
	} catch (e) {
		if (!(e instanceof ZodError)) throw e;
		const issue = e.issues[0];
		const at = issue ? layoutField(issue.path) : null;
		let detail = m.seating_err_layout_shape();
		if (issue?.code === 'custom')
			detail =
				at?.name === m.seating_field_blocks()
					? m.seating_err_floor_block()
					: m.seating_err_no_seat();
		else if (at) detail = m.seating_err_layout_field(at);
		throw new ValidationError({ [field]: m.seating_err_layout({ detail }) });
	}
}

/** The templates of a room (the rooms' editor). */
export async function listTemplates(
	db: DB,
	actor: Actor,
	roomId: number
): Promise<SeatingTemplate[]> {
	requirePermission(actor, canManageRooms);
	return listTemplatesOfRoom(db, roomId);
}

/** Adds a template to a room, or changes one (`id`). */
export async function saveTemplate(
	db: DB,
	actor: Actor,
	input: TemplateInput
): Promise<SeatingTemplate> {
	requirePermission(actor, canManageRooms);
	const data = parseInput(templateSchema, input);
	const layout = layoutFrom(data.layout);
	const rooms = await listRooms(db, { includeInactive: true });
	if (!rooms.some((r) => r.id === data.roomId)) throw new NotFoundError();
	const taken = m.seating_err_template_name_taken();
	return inTransaction(db, async (trx) => {
		await lockName(trx, `seating_templates:${data.roomId}`);
		const at = nowIso();
		const same = await findTemplateNamed(trx, data.roomId, data.name);
		if (data.id == null) {
			if (same) throw new ValidationError({ name: taken });
			const id = await withUniqueField(
				insertTemplate(trx, { roomId: data.roomId, name: data.name, layout }, actor.id, at),
				'name',
				taken
			);
			await audit(trx, actor, 'seating.template_save', 'seating_template', id, {
				roomId: data.roomId,
				name: data.name,
				layout
			});
			return { id, roomId: data.roomId, name: data.name, layout, updatedAt: at };
		}
		const before = await findTemplateById(trx, data.id);
		if (!before || before.roomId !== data.roomId) throw new NotFoundError();
		if (same && same.id !== before.id) throw new ValidationError({ name: taken });
		const changes: Record<string, unknown> = {};
		if (before.name !== data.name) changes.name = [before.name, data.name];
		if (JSON.stringify(before.layout) !== JSON.stringify(layout)) changes.layout = layout;
		if (!Object.keys(changes).length) return before;
		const won = await withUniqueField(
			updateTemplate(trx, before.id, before.updatedAt, { name: data.name, layout }, actor.id, at),
			'name',
			taken
		);
		if (!won) throw new ValidationError({ _: m.seating_err_changed() });
		await audit(trx, actor, 'seating.template_save', 'seating_template', before.id, changes);
		return { ...before, name: data.name, layout, updatedAt: at };
	});
}

export async function deleteTemplate(db: DB, actor: Actor, id: number): Promise<void> {
	requirePermission(actor, canManageRooms);
	await inTransaction(db, async (trx) => {
		const before = await findTemplateById(trx, id);
		if (!before || !(await deleteTemplateRow(trx, id))) throw new NotFoundError();
		await audit(trx, actor, 'seating.template_delete', 'seating_template', id, {
			roomId: before.roomId,
			name: before.name
		});
	});
}
