import { describe, expect, it } from 'vitest';
import { attendanceLines, attendanceText, type MinutesParticipant } from './minutes';
import { documentNumber, parseDocumentNumber, supervisionNumber } from './document-numbers';

const people: MinutesParticipant[] = [
	{ name: '王建国', role: 'attendee', reply: 'attend' },
	{ name: '李四', role: 'attendee', reply: 'deputy', deputyName: '张三' },
	{ name: '赵敏', role: 'attendee', reply: 'excused', reason: '出差' },
	{ name: '钱坤', role: 'attendee', reply: 'excused', reason: '  ' },
	{ name: '孙丽', role: 'attendee', reply: 'pending' },
	{ name: '周文斌', role: 'observer', reply: 'attend' },
	{ name: '吴晓燕', role: 'observer', reply: 'excused', reason: '病假' },
	{ name: '郑凯', role: 'staff', reply: 'attend' }
];

describe('minutes attendance lines', () => {
	it('writes 出席 with deputies as 张三（代李四）, 列席, 请假 with reasons and 记录', () => {
		const lines = attendanceLines(people, '郑凯');
		expect(lines).toEqual({
			present: ['王建国', '张三（代李四）'],
			observers: ['周文斌'],
			excused: ['赵敏（出差）', '钱坤', '吴晓燕（病假）'],
			recorder: '郑凯'
		});
		expect(attendanceText('出席', lines.present)).toBe('出席：王建国、张三（代李四）');
		expect(attendanceText('列席', [])).toBeNull();
	});

	it('leaves out people who never replied and the 会务 staff', () => {
		const all = Object.values(attendanceLines(people)).flat().join('、');
		expect(all).not.toContain('孙丽');
		expect(all).not.toContain('郑凯');
	});
});

describe('document numbers', () => {
	it('writes and reads 〔2026〕3号 and 督〔2026〕12号', () => {
		expect(documentNumber(2026, 3)).toBe('〔2026〕3号');
		expect(supervisionNumber(2026, 12)).toBe('督〔2026〕12号');
		expect(parseDocumentNumber('督〔2026〕12号')).toEqual({ prefix: '督', year: 2026, n: 12 });
		expect(parseDocumentNumber('〔2026〕03号')).toBeNull();
		expect(parseDocumentNumber('[2026]3号')).toBeNull();
	});

	it('refuses numbers that cannot be issued', () => {
		expect(() => documentNumber(2026, 0)).toThrow();
		expect(() => documentNumber(2026, 1.5)).toThrow();
		expect(() => documentNumber(26, 1)).toThrow();
	});
});
