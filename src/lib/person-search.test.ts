import { describe, expect, it } from 'vitest';
import {
	choosableIn,
	departmentState,
	filterGroups,
	groupByDepartment,
	matchesPerson,
	visibleRows,
	type PickerPerson
} from './person-search';

const p = (
	id: number,
	name: string,
	initials: string,
	department: string | null
): PickerPerson => ({
	id,
	name,
	initials,
	department
});
const people = [
	p(1, '周文斌', 'zwb', '办公室'),
	p(2, '王芳', 'wf', '办公室'),
	p(3, '林海燕', 'lhy', '政策法规科'),
	p(4, '单雄信', 'sxx', '政策法规科'),
	p(5, '外聘专家', 'wpzj', null)
];

describe('matchesPerson', () => {
	it('finds a name by any part of it', () => {
		expect(matchesPerson(people[0], '文斌')).toBe(true);
		expect(matchesPerson(people[0], ' 周 ')).toBe(true);
		expect(matchesPerson(people[0], '王')).toBe(false);
	});
	it('finds a name by the start of its pinyin initials, in either case', () => {
		expect(matchesPerson(people[0], 'zwb')).toBe(true);
		expect(matchesPerson(people[0], 'ZW')).toBe(true);
		expect(matchesPerson(people[0], 'wb')).toBe(false);
		expect(matchesPerson(people[3], 'sx')).toBe(true);
	});
	it('matches everyone on an empty query', () => {
		expect(people.every((x) => matchesPerson(x, '  '))).toBe(true);
	});
});

describe('groupByDepartment and filterGroups', () => {
	it('keeps the server order of departments and people, with no department last', () => {
		const expected = [
			['办公室', [1, 2]],
			['政策法规科', [3, 4]],
			[null, [5]]
		];
		const shape = (list: PickerPerson[]) =>
			groupByDepartment(list).map((g) => [g.department, g.people.map((x) => x.id)]);
		expect(shape(people)).toEqual(expected);
		// SQLite sorts NULL first, PostgreSQL last.
		expect(shape([people[4], ...people.slice(0, 4)])).toEqual(expected);
	});
	it('keeps only departments with a match, each with only its matching people', () => {
		const groups = groupByDepartment(people);
		expect(filterGroups(groups, 'w').map((g) => [g.department, g.people.map((x) => x.id)])).toEqual(
			[
				['办公室', [2]],
				[null, [5]]
			]
		);
		expect(filterGroups(groups, '')).toHaveLength(3);
		expect(filterGroups(groups, 'qq')).toEqual([]);
	});
});

describe('the tree model', () => {
	const groups = groupByDepartment([
		...people,
		{ ...p(6, '熊伟', 'xw', '政策法规科'), note: '请假' }
	]);
	const rowIds = (query: string, open: string[]) =>
		visibleRows(filterGroups(groups, query), (k) => query !== '' || open.includes(k), 'x').map(
			(r) => r.domId
		);

	it('shows departments, and the people of open ones, in screen order', () => {
		expect(rowIds('', [])).toEqual(['x-d0', 'x-d1', 'x-d2']);
		expect(rowIds('', ['政策法规科'])).toEqual(['x-d0', 'x-d1', 'x-p3', 'x-p4', 'x-p6', 'x-d2']);
		expect(rowIds('', [''])).toEqual(['x-d0', 'x-d1', 'x-d2', 'x-p5']);
	});
	it('opens every department with a match while searching', () => {
		expect(rowIds('w', [])).toEqual(['x-d0', 'x-p2', 'x-d1', 'x-p5']);
	});
	it('ticks a whole department, leaving out whoever may not be chosen', () => {
		expect(choosableIn(groups, '政策法规科').map((x) => x.id)).toEqual([3, 4]);
		expect(departmentState(groups, '政策法规科', [])).toBe('false');
		expect(departmentState(groups, '政策法规科', [3])).toBe('mixed');
		expect(departmentState(groups, '政策法规科', [4, 3, 1])).toBe('true');
	});
});
