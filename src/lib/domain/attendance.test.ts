import { describe, expect, it } from 'vitest';
import {
	CHECKIN_OPENS_MINUTES_BEFORE,
	LATE_GRACE_MINUTES,
	addTallies,
	checkinOpensAt,
	checkinWindow,
	emptyTally,
	isLate,
	tally,
	type TallyRow
} from './attendance';

// 09:00–10:30 Beijing time on 2026-06-01.
const meeting = { startsAt: '2026-06-01T01:00:00.000Z', endsAt: '2026-06-01T02:30:00.000Z' };

describe('check-in window', () => {
	it('uses the agreed constants', () => {
		expect(CHECKIN_OPENS_MINUTES_BEFORE).toBe(60);
		expect(LATE_GRACE_MINUTES).toBe(10);
		expect(checkinOpensAt(meeting.startsAt)).toBe('2026-06-01T00:00:00.000Z');
	});

	it('opens exactly an hour before the start', () => {
		expect(checkinWindow(meeting, '2026-06-01T00:59:59.999Z')).toBe('open');
		expect(checkinWindow(meeting, '2026-06-01T00:00:00.000Z')).toBe('open');
		expect(checkinWindow(meeting, '2026-05-31T23:59:59.999Z')).toBe('not_open');
		expect(checkinWindow(meeting, '2026-05-31T01:00:00.000Z')).toBe('not_open');
	});

	it('stays open through the meeting and closes at its end', () => {
		expect(checkinWindow(meeting, new Date('2026-06-01T02:29:59.999Z'))).toBe('open');
		expect(checkinWindow(meeting, new Date('2026-06-01T02:30:00.000Z'))).toBe('closed');
		expect(checkinWindow(meeting, '2026-06-02T01:00:00.000Z')).toBe('closed');
	});
});

describe('lateness', () => {
	it('allows the grace period and is late one moment after it', () => {
		expect(isLate('2026-06-01T00:45:00.000Z', meeting.startsAt)).toBe(false);
		expect(isLate('2026-06-01T01:10:00.000Z', meeting.startsAt)).toBe(false);
		expect(isLate('2026-06-01T01:10:00.001Z', meeting.startsAt)).toBe(true);
		expect(isLate('2026-06-01T01:05:00.000Z', meeting.startsAt, 0)).toBe(true);
		expect(isLate('2026-06-01T01:29:00.000Z', meeting.startsAt, 30)).toBe(false);
	});
});

const S = meeting.startsAt;
const ON_TIME = '2026-06-01T00:58:00.000Z';
const LATE = '2026-06-01T01:25:00.000Z';
const row = (o: Partial<TallyRow>): TallyRow => ({
	role: 'attendee',
	reply: 'attend',
	checkedInAt: null,
	startsAt: S,
	...o
});

describe('tally', () => {
	it('counts an ordinary meeting', () => {
		const rows = [
			row({ checkedInAt: ON_TIME }),
			row({ checkedInAt: ON_TIME, role: 'observer' }),
			row({ checkedInAt: LATE }),
			row({ reply: 'excused' }),
			row({ reply: 'deputy', checkedInAt: ON_TIME }),
			row({ reply: 'pending' }),
			row({ reply: 'attend' })
		];
		expect(tally(rows)).toEqual({
			expected: 7,
			present: 4,
			excused: 1,
			deputy: 1,
			absent: 2,
			late: 1
		});
	});

	it('does not count 会务人员 at all, even when they checked in late', () => {
		const rows = [
			row({ role: 'staff', checkedInAt: LATE }),
			row({ role: 'staff', reply: 'excused' }),
			row({ checkedInAt: ON_TIME })
		];
		expect(tally(rows)).toEqual({ ...emptyTally(), expected: 1, present: 1 });
	});

	it('counts an excused person who came anyway as present, not excused', () => {
		expect(tally([row({ reply: 'excused', checkedInAt: LATE })])).toEqual({
			expected: 1,
			present: 1,
			excused: 0,
			deputy: 0,
			absent: 0,
			late: 1
		});
	});

	it('counts a principal whose deputy stayed away as 代会 and absent', () => {
		expect(tally([row({ reply: 'deputy' })])).toEqual({
			...emptyTally(),
			expected: 1,
			deputy: 1,
			absent: 1
		});
	});

	it('judges lateness against each row’s own meeting', () => {
		const afternoon = '2026-06-01T06:00:00.000Z';
		const rows = [
			row({ checkedInAt: LATE }),
			row({ checkedInAt: LATE, startsAt: afternoon }),
			row({ checkedInAt: '2026-06-01T06:11:00.000Z', startsAt: afternoon })
		];
		expect(tally(rows)).toMatchObject({ expected: 3, present: 3, late: 2 });
		expect(tally(rows, 30)).toMatchObject({ late: 0 });
	});

	it('keeps expected = present + excused + absent and gives zeros for nobody', () => {
		expect(tally([])).toEqual(emptyTally());
		const t = tally([row({}), row({ reply: 'excused' }), row({ checkedInAt: ON_TIME })]);
		expect(t.present + t.excused + t.absent).toBe(t.expected);
	});

	it('adds tallies field by field', () => {
		const a = tally([row({ checkedInAt: LATE }), row({ reply: 'excused' })]);
		const b = tally([row({ reply: 'deputy', checkedInAt: ON_TIME }), row({})]);
		expect(addTallies(a, b)).toEqual({
			expected: 4,
			present: 2,
			excused: 1,
			deputy: 1,
			absent: 1,
			late: 1
		});
	});
});

describe('tally before the meeting starts', () => {
	it('counts nobody absent until the start, but keeps excuses and early check-ins', () => {
		const startsAt = '2026-12-01T01:30:00.000Z';
		const rows = [
			{ role: 'attendee', reply: 'attend', checkedInAt: null, startsAt },
			{ role: 'attendee', reply: 'excused', checkedInAt: null, startsAt },
			{ role: 'attendee', reply: 'pending', checkedInAt: '2026-12-01T01:00:00.000Z', startsAt }
		] as const;
		const before = tally(rows, 10, '2026-12-01T01:10:00.000Z');
		expect([before.expected, before.present, before.excused, before.absent]).toEqual([3, 1, 1, 0]);
		const after = tally(rows, 10, '2026-12-01T02:00:00.000Z');
		expect(after.absent).toBe(1);
	});
});
