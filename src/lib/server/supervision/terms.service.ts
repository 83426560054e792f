import { DEFAULT_SUPERVISION_TERMS, type SupervisionTerms } from '$lib/domain/supervision';
import type { Actor } from '../actor';
import { audit, diff } from '../audit';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { canManageSupervision, requirePermission } from '../permissions';
import { readSettingGroup, writeSettingGroup } from '../settings/settings.service';
import { parseInput } from '../validation';
import { supervisionSettingsSchema, type SupervisionSettingsInput } from './terms.schema';

// The 督办 terms the office set (deadlines, colours, signing, urging, 考评 weights), stored as
// settings under `supervision_`; the defaults are PRODUCT.md's. Saving them: settings page of
// the supervision module (terms.schema.ts / saveSupervisionSettings).

/** Weights of the 考评 score per department in the 督办通报 (points; see the bulletin). */
export interface ScoreWeights {
	/** Points for each item closed on time. */
	onTime: number;
	/** Points (usually negative) for each item closed late. */
	late: number;
	/** Points (negative) for each item open and overdue at the period's end. */
	overdueOpen: number;
	/** Points (negative) for each late 签收. */
	lateSign: number;
	/** Points (negative) for each missed feedback cycle. */
	missedCycle: number;
}

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = {
	onTime: 2,
	late: -1,
	overdueOpen: -2,
	lateSign: -0.5,
	missedCycle: -0.5
};

export type SupervisionSettings = SupervisionTerms & { weights: ScoreWeights };

export const SETTINGS_PREFIX = 'supervision';

function num(raw: Record<string, string>, key: string, dflt: number): number {
	const v = raw[key];
	if (v === undefined || v === '') return dflt;
	const n = Number(v);
	return Number.isFinite(n) ? n : dflt;
}

/** The office's supervision terms now (defaults for anything never set). */
export async function getSupervisionSettings(db: DB): Promise<SupervisionSettings> {
	const raw = await readSettingGroup(db, SETTINGS_PREFIX);
	const terms = Object.fromEntries(
		Object.entries(DEFAULT_SUPERVISION_TERMS).map(([k, d]) => [k, num(raw, k, d)])
	) as unknown as SupervisionTerms;
	const weights = Object.fromEntries(
		Object.entries(DEFAULT_SCORE_WEIGHTS).map(([k, d]) => [k, num(raw, `weight_${k}`, d)])
	) as unknown as ScoreWeights;
	return { ...terms, weights };
}

/** The settings keys (without the prefix) of the form's fields. */
const SETTING_KEYS: Record<keyof SupervisionSettingsInput, string> = {
	decisionDays: 'decisionDays',
	instructionDays: 'instructionDays',
	otherDays: 'otherDays',
	dueSoonDays: 'dueSoonDays',
	yellowDays: 'yellowDays',
	signDays: 'signDays',
	urgeBeforeDays: 'urgeBeforeDays',
	urgeEveryDays: 'urgeEveryDays',
	weightOnTime: 'weight_onTime',
	weightLate: 'weight_late',
	weightOverdueOpen: 'weight_overdueOpen',
	weightLateSign: 'weight_lateSign',
	weightMissedCycle: 'weight_missedCycle'
};

/** The current settings as the form's fields (the page fills the form with them). */
export function settingsFormValues(
	s: SupervisionSettings
): Record<keyof SupervisionSettingsInput, number> {
	return {
		decisionDays: s.decisionDays,
		instructionDays: s.instructionDays,
		otherDays: s.otherDays,
		dueSoonDays: s.dueSoonDays,
		yellowDays: s.yellowDays,
		signDays: s.signDays,
		urgeBeforeDays: s.urgeBeforeDays,
		urgeEveryDays: s.urgeEveryDays,
		weightOnTime: s.weights.onTime,
		weightLate: s.weights.late,
		weightOverdueOpen: s.weights.overdueOpen,
		weightLateSign: s.weights.lateSign,
		weightMissedCycle: s.weights.missedCycle
	};
}

/**
 * Saves the 督办 terms and 考评 weights (督办员, 局领导): validated, in one transaction with the
 * audit row 'supervision.settings' naming only the changed keys; a save of the same values
 * writes nothing. Returns the names of the changed fields.
 */
export async function saveSupervisionSettings(
	db: DB,
	actor: Actor,
	input: SupervisionSettingsInput
): Promise<string[]> {
	requirePermission(actor, canManageSupervision);
	const data = parseInput(supervisionSettingsSchema, input);
	return inTransaction(db, async (trx) => {
		// Saves take turns, each comparing with what the previous one stored.
		await lockName(trx, 'settings');
		const before = settingsFormValues(await getSupervisionSettings(trx));
		const changes = diff(before, data);
		const changed = Object.keys(changes) as (keyof SupervisionSettingsInput)[];
		if (changed.length === 0) return [];
		await writeSettingGroup(
			trx,
			SETTINGS_PREFIX,
			Object.fromEntries(changed.map((k) => [SETTING_KEYS[k], data[k]]))
		);
		await audit(trx, actor, 'supervision.settings', 'settings', null, changes);
		return changed;
	});
}
