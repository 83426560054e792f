import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	compareByStrokes,
	orderPeople,
	splitName,
	strokeClasses,
	type FloorOrder,
	type SeatPerson
} from './seating-order';

const sorted = (names: string[], mode: 'surname' | 'name') =>
	[...names].sort((a, b) => compareByStrokes(a, b, mode));
const before = (a: string, b: string, mode: 'surname' | 'name' = 'surname') => {
	expect(compareByStrokes(a, b, mode), `${a} < ${b} (${mode})`).toBeLessThan(0);
	expect(compareByStrokes(b, a, mode), `${b} > ${a} (${mode})`).toBeGreaterThan(0);
};

describe('stroke data (cnchar + cnchar-order, offline)', () => {
	it('folds shapes into 横 丨 丿 丶 乛', () => {
		expect(strokeClasses('王')).toBe('1121');
		expect(strokeClasses('文')).toBe('4134'); // 点 横 撇 捺: 捺 counts as 丶
		expect(strokeClasses('冯')).toBe('41551'); // 点 提 横折 竖折折钩 横: 提 as 横, turning as 乛
		expect(strokeClasses('丁')).toBe('12'); // 竖钩 is the 附形 of 竖
		expect(strokeClasses('官')).toBe('44525151'); // the short 点 of 宀 is 丶, 横钩 is 乛
		expect(strokeClasses('乙')).toBe('5');
		expect(strokeClasses('A')).toBe('');
		expect(strokeClasses('龘')).toBe(''); // no data
	});
});

describe('compareByStrokes (以姓氏笔画为序)', () => {
	it('PRODUCT.md vectors: 王 < 文, 林 < 欧, 欧阳少东 < 洪少东', () => {
		before('王', '文');
		before('王', '文', 'name');
		before('林', '欧');
		before('林', '欧', 'name');
		before('欧阳少东', '洪少东');
		before('欧阳少东', '洪少东', 'name');
	});

	it('fewer strokes first', () => {
		before('丁一', '王一'); // 2 < 4
		before('马明', '王丽'); // 3 < 4
		expect(sorted(['谢明', '王明', '丁明', '张明'], 'surname')).toEqual([
			'丁明',
			'王明',
			'张明',
			'谢明'
		]);
	});

	it('equal counts: the first stroke decides (横 丨 丿 丶 乛), then the next stroke', () => {
		before('王刚', '文刚'); // 4: 横 < 点
		before('田刚', '白刚'); // 5: 丨 < 丿
		before('白刚', '冯刚'); // 5: 丿 < 丶
		before('冯刚', '司刚'); // 5: 丶 < 乛
		before('林刚', '欧刚'); // 8: 横 = 横, then 丨 < 丿
		before('江刚', '池刚'); // 6: 点 点 提 equal, then 横 < 横折钩
	});

	it('提 counts as 横, 捺 as 丶, any turning stroke as 乛', () => {
		before('冯', '兰'); // 点 then 提 (横) before 点 then 撇
		before('冷', '宋'); // 点 提 … before 点 点 …: 提 is not a dot
		before('何', '余'); // 撇 竖 before 撇 捺
		before('余', '邹'); // 撇 捺 (丶) before 撇 横撇 (乛)
		before('尹', '孔'); // 横折 横 before 横撇 竖钩: both turning strokes start alike
		before('阮', '孙'); // 横折折折钩 = 横撇 as 乛; 竖 = 竖钩; 提 = 横; then 横 < 竖钩
	});

	it('a full stroke tie is decided by the next character', () => {
		// 叶 and 申 have the same strokes (丨 乛 一 一 丨), so do 田 and 由.
		expect(strokeClasses('叶')).toBe(strokeClasses('申'));
		expect(strokeClasses('田')).toBe(strokeClasses('由'));
		before('叶丽', '申明'); // 丽 7 < 明 8
		before('申丽', '叶明');
		before('由丽', '田明', 'name');
		before('田丽', '由明', 'name');
		before('王丽', '王明');
		before('王小红', '王小明'); // the third character: 红 6 < 明 8
	});

	it('only identical names compare equal; strokes-equal names fall back to code points', () => {
		expect(compareByStrokes('王明', '王明', 'surname')).toBe(0);
		expect(compareByStrokes('王明', '王明', 'name')).toBe(0);
		expect(compareByStrokes('叶一', '申一', 'name')).toBe(-1); // U+53F6 < U+7533
	});

	it('compound surnames count as one surname; the empty place sorts before any stroke', () => {
		expect(splitName('欧阳少东')).toEqual([
			['欧', '阳'],
			['少', '东']
		]);
		expect(splitName('司马光')).toEqual([['司', '马'], ['光']]);
		expect(splitName('上官婉儿')).toEqual([
			['上', '官'],
			['婉', '儿']
		]);
		expect(splitName('诸葛亮')).toEqual([['诸', '葛'], ['亮']]);
		expect(splitName('司马')).toEqual([['司'], ['马']]); // two characters: 司 + 马
		expect(splitName('王小明')).toEqual([['王'], ['小', '明']]);
		expect(splitName(' 阿沛·阿旺晋美 ')).toEqual([['阿'], ['沛', '阿', '旺', '晋', '美']]);
		// 姓氏笔画: the surname 欧 ends where 欧阳 goes on, so 欧 comes first whatever follows.
		before('欧丽', '欧阳一', 'surname');
		before('欧阳一', '欧丽', 'name'); // 姓名笔画: 阳 (6) < 丽 (7)
		before('司丽', '司马光', 'surname');
		before('司马光', '司丽', 'name');
		before('司马光', '诸葛亮'); // 司 5 < 诸 10
		before('上官婉儿', '王一'); // 上 3 < 王 4
	});

	it('a shorter name sorts before a longer one where it runs out', () => {
		before('王', '王一');
		before('王', '王一', 'name');
		before('王一', '王一一');
		before('王明', '王明一', 'name');
		// 姓氏笔画: surname tie, then the given name: 王 (no given name) first.
		expect(sorted(['王明', '王', '王丁'], 'surname')).toEqual(['王', '王丁', '王明']);
	});

	it('characters without stroke data come after every character with data', () => {
		before('龘一', '龘二'); // same unknown surname: the given name decides
		before('鑫', '龘'); // 24 strokes of data before none
		before('王', 'Wang');
		before('Anna', 'Bob');
		before('Bob', '𠮷'); // by code point among characters without data
	});

	it('is a total order: antisymmetric and transitive on random names', () => {
		const chars = [...'王文林欧阳少东洪司马上官诸葛叶申田由丁一龘冯兰余邹A'];
		const name = fc
			.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 4 })
			.map((a) => a.join(''));
		for (const mode of ['surname', 'name'] as const)
			fc.assert(
				fc.property(name, name, name, (a, b, c) => {
					const ab = Math.sign(compareByStrokes(a, b, mode));
					expect(Math.sign(compareByStrokes(b, a, mode)) + ab).toBe(0);
					expect(ab === 0).toBe(a === b);
					if (ab <= 0 && compareByStrokes(b, c, mode) <= 0)
						expect(compareByStrokes(a, c, mode)).toBeLessThanOrEqual(0);
				}),
				{ numRuns: 300 }
			);
	});
});

const person = (
	participantId: number,
	name: string,
	precedence = 10,
	departmentOrder = 1
): SeatPerson => ({
	participantId,
	userId: 100 + participantId,
	name,
	precedence,
	departmentOrder,
	role: 'observer'
});

describe('orderPeople', () => {
	const people = [
		person(1, '洪少东', 3, 2),
		person(2, '欧阳少东', 1, 2),
		person(3, '王刚', 2, 1),
		person(4, '文刚', 2, 1),
		person(5, '林一', 5, 3),
		person(6, '王刚', 2, 1) // the same name and rank as 3
	];
	const ids = (by: FloorOrder) => orderPeople(people, by).map((p) => p.participantId);

	it('by precedence: rank, then department order, then 姓氏笔画, then participantId', () => {
		expect(ids('precedence')).toEqual([2, 3, 6, 4, 1, 5]);
	});

	it('by department: department order, then rank, then 姓氏笔画', () => {
		expect(ids('department')).toEqual([3, 6, 4, 2, 1, 5]);
	});

	it('by 姓氏笔画 and 姓名笔画', () => {
		// 王 4 = 文 4 (横 < 点), 林 8 < 欧 8 < 洪 9.
		expect(ids('surname_strokes')).toEqual([3, 6, 4, 5, 2, 1]);
		expect(ids('name_strokes')).toEqual([3, 6, 4, 5, 2, 1]);
		const modes = [person(1, '欧丽'), person(2, '欧阳一')];
		expect(orderPeople(modes, 'surname_strokes').map((p) => p.participantId)).toEqual([1, 2]);
		expect(orderPeople(modes, 'name_strokes').map((p) => p.participantId)).toEqual([2, 1]);
	});

	it('never depends on the input order and leaves the input alone', () => {
		const copy = people.map((p) => ({ ...p }));
		for (const by of ['precedence', 'department', 'surname_strokes', 'name_strokes'] as const) {
			const expected = ids(by);
			fc.assert(
				fc.property(fc.shuffledSubarray(people, { minLength: people.length }), (shuffled) => {
					expect(orderPeople(shuffled, by).map((p) => p.participantId)).toEqual(expected);
				}),
				{ numRuns: 50 }
			);
		}
		expect(people).toEqual(copy);
	});
});
