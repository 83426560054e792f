import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { canManageRooms, requirePermission } from '../permissions';
import { readSettingGroup, writeSettingGroup } from '../settings/settings.service';
import { parseInput } from '../validation';
import { seatingSettingsSchema, type SeatingSettingsInput } from './seating.schema';
import type { PairOrder, PlanSettings } from './seating.types';

// The office's seating settings (setting group `seating_`), kept by whoever keeps the rooms.

const SETTINGS_PREFIX = 'seating';

/** The office's seating settings: the n=2 rostrum order (PRODUCT.md: sources differ; default 1 2). */
export async function getSeatingSettings(db: DB): Promise<{ pair: PairOrder }> {
	const raw = await readSettingGroup(db, SETTINGS_PREFIX);
	return { pair: raw.pair === '21' ? '21' : '12' };
}

/** A new plan's starting values. */
export async function defaultPlanSettings(db: DB): Promise<PlanSettings> {
	return {
		convention: 'left',
		pair: (await getSeatingSettings(db)).pair,
		floorOrder: 'department',
		excusedMode: 'empty',
		seatStaff: false
	};
}

/** The office sets the default order of two people on a rostrum row. */
export async function saveSeatingSettings(
	db: DB,
	actor: Actor,
	input: SeatingSettingsInput
): Promise<void> {
	requirePermission(actor, canManageRooms);
	const data = parseInput(seatingSettingsSchema, input);
	await inTransaction(db, async (trx) => {
		await lockName(trx, 'settings');
		const before = await getSeatingSettings(trx);
		if (before.pair === data.pair) return;
		await writeSettingGroup(trx, SETTINGS_PREFIX, { pair: data.pair });
		await audit(trx, actor, 'seating.settings', 'seating_settings', null, {
			pair: [before.pair, data.pair]
		});
	});
}
