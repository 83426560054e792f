/** How fair a roster is (pure): the duty year a period counts in, and load summaries. */

export interface LoadSummary {
	min: number;
	max: number;
	spread: number;
	mean: number;
}

/**
 * The year a period counts in: a holiday break belongs to the year it ends in (2023年元旦 runs
 * 2022-12-31 – 2023-01-02), any other period to the year it starts in. The roster repository's
 * sumLoads applies the same rule in SQL.
 */
export function dutyYear(p: { holidayName: string; startDate: string; endDate: string }): number {
	return Number((p.holidayName ? p.endDate : p.startDate).slice(0, 4));
}

/** Weights are decimals (1.5); sums are shown to two places, so compare and report them so. */
export const roundLoad = (n: number): number => Math.round(n * 100) / 100;

export function summarise(loads: number[]): LoadSummary {
	if (!loads.length) return { min: 0, max: 0, spread: 0, mean: 0 };
	const min = Math.min(...loads);
	const max = Math.max(...loads);
	const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
	return {
		min: roundLoad(min),
		max: roundLoad(max),
		spread: roundLoad(max - min),
		mean: roundLoad(mean)
	};
}
