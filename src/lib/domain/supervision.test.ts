import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json';
import {
	DEFAULT_SUPERVISION_TERMS,
	defaultDeadline,
	closedOnTime,
	OPEN_STATUSES,
	supervisionColour,
	SUPERVISION_STATUSES,
	SUPERVISION_STEPS,
	type SupervisionStatus
} from './supervision';
import {
	addDays,
	addWorkingDays,
	countWorkingDays,
	isWorkingDay,
	type DayKind
} from './working-days';

// The State Council schedule the app seeds from (holidays and 调休 make-up workdays).
const cal = new Map<string, DayKind>([
	...Object.keys(data.holidays).map((d): [string, DayKind] => [d, 'holiday']),
	...Object.keys(data.workdays).map((d): [string, DayKind] => [d, 'workday'])
]);

describe('deadlines in working days', () => {
	it('skips the 2026 Spring Festival and counts its make-up workdays', () => {
		// 2026 春节: 2月15日–23日 off; 2月14日 (Sat) and 2月28日 (Sat) are make-up workdays.
		expect(isWorkingDay('2026-02-14', cal)).toBe(true);
		expect(isWorkingDay('2026-02-16', cal)).toBe(false);
		// Registered on Friday 13 February: the next working day is the make-up Saturday.
		expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-14');
		// …and the one after it is Tuesday 24 February, after the holiday.
		expect(addWorkingDays('2026-02-13', 2, cal)).toBe('2026-02-24');
	});

	it('gives a decision 20 working days and an instruction 15 by default', () => {
		const decision = defaultDeadline('decision', '2026-02-10', cal);
		const instruction = defaultDeadline('instruction', '2026-02-10', cal);
		expect(countWorkingDays(addDays('2026-02-10', 1), decision, cal)).toBe(20);
		expect(countWorkingDays(addDays('2026-02-10', 1), instruction, cal)).toBe(15);
		// The holiday pushes both well past four and three calendar weeks.
		expect(decision > '2026-03-10').toBe(true);
		// 2月11–13日 (3), 14日 调休 (4), 15–23日 春节, 24–27日 (8), 28日 调休 (9), 3月2–6日 (14), 9日 (15).
		expect(instruction).toBe('2026-03-09');
	});

	it('gives an urgent instruction 1 to 5 working days and refuses anything else', () => {
		// 2026 国庆: 10月1–7日 off, so one working day after 9月30日 is 10月8日.
		expect(defaultDeadline('instruction', '2026-09-30', cal, DEFAULT_SUPERVISION_TERMS, 1)).toBe(
			'2026-10-08'
		);
		expect(() => defaultDeadline('instruction', '2026-09-30', cal, undefined, 0)).toThrow();
		expect(() => defaultDeadline('instruction', '2026-09-30', cal, undefined, 6)).toThrow();
		expect(() => defaultDeadline('instruction', '2026-09-30', cal, undefined, 2.5)).toThrow();
	});

	it('always lands on a working day exactly n working days later (any start, any n)', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
				fc.integer({ min: 1, max: 60 }),
				(d, n) => {
					const start = d.toISOString().slice(0, 10);
					const due = addWorkingDays(start, n, cal);
					return isWorkingDay(due, cal) && countWorkingDays(addDays(start, 1), due, cal) === n;
				}
			)
		);
	});
});

describe('colour escalation', () => {
	const open = (deadline: string) => ({ status: 'in_progress' as const, deadline });

	it('is normal, then blue within three days, yellow up to a week late, then red', () => {
		expect(supervisionColour(open('2026-12-10'), '2026-12-05')).toBe('normal');
		expect(supervisionColour(open('2026-12-08'), '2026-12-05')).toBe('blue');
		expect(supervisionColour(open('2026-12-05'), '2026-12-05')).toBe('blue');
		expect(supervisionColour(open('2026-12-04'), '2026-12-05')).toBe('yellow');
		expect(supervisionColour(open('2026-11-28'), '2026-12-05')).toBe('yellow');
		expect(supervisionColour(open('2026-11-27'), '2026-12-05')).toBe('red');
	});

	it('follows the office settings and shows nothing once closed or stopped', () => {
		const terms = { dueSoonDays: 0, yellowDays: 0 };
		expect(supervisionColour(open('2026-12-06'), '2026-12-05', terms)).toBe('normal');
		expect(supervisionColour(open('2026-12-04'), '2026-12-05', terms)).toBe('red');
		for (const status of ['closed', 'stopped'] as SupervisionStatus[])
			expect(supervisionColour({ status, deadline: '2020-01-01' }, '2026-12-05')).toBe('none');
	});

	it('never gets better as days pass (any deadline, any open status)', () => {
		const rank = { normal: 0, blue: 1, yellow: 2, red: 3, none: -1 };
		const open = SUPERVISION_STATUSES.filter((s) => s !== 'closed' && s !== 'stopped');
		fc.assert(
			fc.property(
				fc.constantFrom(...open),
				fc.integer({ min: -400, max: 400 }),
				fc.integer({ min: 0, max: 60 }),
				(status, offset, later) => {
					const deadline = addDays('2026-06-01', offset);
					const a = supervisionColour({ status, deadline }, '2026-06-01');
					const b = supervisionColour({ status, deadline }, addDays('2026-06-01', later));
					return rank[b] >= rank[a];
				}
			)
		);
	});
});

describe('the flow of an item', () => {
	it('runs 立项 → 交办 → 签收 → 承办中 → 申请办结 → 办结, with 退回 back to 承办中', () => {
		const path: SupervisionStatus[] = [
			'registered',
			'assigned',
			'signed',
			'in_progress',
			'completion_requested',
			'closed'
		];
		for (let i = 0; i + 1 < path.length; i++)
			expect(SUPERVISION_STEPS[path[i]]).toContain(path[i + 1]);
		expect(SUPERVISION_STEPS.completion_requested).toContain('in_progress');
		// Nothing is skipped: an item is never closed before completion is asked for.
		expect(SUPERVISION_STEPS.registered).not.toContain('closed');
		expect(SUPERVISION_STEPS.in_progress).not.toContain('closed');
	});

	it('may be stopped from every open status and goes nowhere once finished', () => {
		for (const s of OPEN_STATUSES) expect(SUPERVISION_STEPS[s]).toContain('stopped');
		expect(SUPERVISION_STEPS.closed).toEqual([]);
		expect(SUPERVISION_STEPS.stopped).toEqual([]);
		expect([...OPEN_STATUSES, 'closed', 'stopped'].sort()).toEqual(
			[...SUPERVISION_STATUSES].sort()
		);
	});

	it('counts a close on the deadline day as on time and a day later as late', () => {
		expect(closedOnTime({ closedOn: '2026-12-18', deadline: '2026-12-18' })).toBe(true);
		expect(closedOnTime({ closedOn: '2026-12-19', deadline: '2026-12-18' })).toBe(false);
		expect(closedOnTime({ closedOn: null, deadline: '2026-12-18' })).toBe(false);
	});
});
