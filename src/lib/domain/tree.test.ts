import { describe, expect, it } from 'vitest';
import { flattenTree } from './tree';

describe('flattenTree', () => {
	it('puts children right after their parent, with depth', () => {
		const rows = flattenTree([
			{ id: 1, parentId: null, n: '局领导' },
			{ id: 2, parentId: null, n: '直属单位' },
			{ id: 3, parentId: 2, n: '信息中心' },
			{ id: 4, parentId: null, n: '办公室' }
		]);
		expect(rows.map((r) => [r.n, r.depth])).toEqual([
			['局领导', 0],
			['直属单位', 0],
			['信息中心', 1],
			['办公室', 0]
		]);
	});

	it('treats a child of a missing parent as a root', () => {
		expect(flattenTree([{ id: 5, parentId: 99 }]).map((r) => r.depth)).toEqual([0]);
	});
});
