import { describe, expect, it } from 'vitest';
import { defaultDay, shiftInterval, shiftTimesProblem, specialDayLabel } from './duty-days';

describe('duty days', () => {
	it('knows 除夕 and 初一 of the 2026 Spring Festival and nothing else', () => {
		expect(specialDayLabel('2026-02-16')).toBe('除夕');
		expect(specialDayLabel('2026-02-17')).toBe('初一');
		expect(specialDayLabel('2026-02-18')).toBeNull();
		expect(specialDayLabel('2026-10-01')).toBeNull();
		expect(defaultDay('2026-02-16')).toEqual({ date: '2026-02-16', weight: 3, label: '除夕' });
		expect(defaultDay('2026-10-02')).toEqual({ date: '2026-10-02', weight: 1, label: '' });
	});

	it('refuses a day shift that ends before it starts, and accepts night and 24-hour shifts', () => {
		expect(shiftTimesProblem({ start_time: '17:30', end_time: '08:30', is_overnight: false })).toBe(
			'ends_before_start'
		);
		expect(shiftTimesProblem({ start_time: '08:30', end_time: '08:30', is_overnight: false })).toBe(
			'ends_before_start'
		);
		expect(
			shiftTimesProblem({ start_time: '17:30', end_time: '08:30', is_overnight: true })
		).toBeNull();
		expect(
			shiftTimesProblem({ start_time: '08:30', end_time: '08:30', is_overnight: true })
		).toBeNull();
		expect(shiftTimesProblem({ start_time: '08:30', end_time: '09:00', is_overnight: true })).toBe(
			'longer_than_a_day'
		);
	});

	it('places a night shift from 17:30 Beijing time to 08:30 the next morning', () => {
		expect(
			shiftInterval(
				'2026-10-01',
				{ start_time: '17:30', end_time: '08:30', is_overnight: true },
				'Asia/Shanghai'
			)
		).toEqual({ startsAt: '2026-10-01T09:30:00.000Z', endsAt: '2026-10-02T00:30:00.000Z' });
	});
});
