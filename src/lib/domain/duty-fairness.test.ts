import { describe, expect, it } from 'vitest';
import { dutyYear, summarise } from './duty-fairness';

describe('dutyYear', () => {
	it('counts a holiday break in the year it ends in, any other period where it starts', () => {
		expect(dutyYear({ holidayName: '元旦', startDate: '2022-12-31', endDate: '2023-01-02' })).toBe(
			2023
		);
		expect(dutyYear({ holidayName: '', startDate: '2022-12-31', endDate: '2023-01-02' })).toBe(
			2022
		);
	});
});

describe('summarise', () => {
	it('gives min, max, spread and mean to two places', () => {
		expect(summarise([])).toEqual({ min: 0, max: 0, spread: 0, mean: 0 });
		expect(summarise([1.5, 3, 4.5])).toEqual({ min: 1.5, max: 4.5, spread: 3, mean: 3 });
		expect(summarise([1, 1, 2])).toEqual({ min: 1, max: 2, spread: 1, mean: 1.33 });
	});
});
