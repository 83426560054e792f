import { DEFAULT_SUPERVISION_TERMS, type SupervisionTerms } from '$lib/domain/supervision';
import type { DB } from '../db';
import { readSettingGroup } from '../settings/settings.service';

// The 督办 terms the office set (deadlines, colours, signing, urging, 考评 weights), stored as
// settings under `supervision_`; the defaults are PRODUCT.md's. Saving them: settings page of
// the supervision module (terms.schema.ts / saveSupervisionTerms).

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
