import { describe, expect, it } from 'vitest';
import { pinyinInitials, withInitials } from './person-initials';

describe('pinyinInitials', () => {
	it('gives the initials of a Chinese name', () => {
		expect(pinyinInitials('周文斌')).toBe('zwb');
		expect(pinyinInitials('欧阳少东')).toBe('oysd');
	});
	it('reads polyphonic surnames as surnames (单 shàn, 曾 zēng, 解 xiè)', () => {
		expect(pinyinInitials('单雄信')).toBe('sxx');
		expect(pinyinInitials('曾国藩')).toBe('zgf');
		expect(pinyinInitials('解缙')).toBe('xj');
	});
	it('keeps Latin letters and drops spaces and punctuation', () => {
		expect(pinyinInitials('Anna 李')).toBe('annal');
	});
});

it('withInitials adds initials and keeps the other fields', () => {
	expect(withInitials([{ id: 7, name: '林海燕' }])).toEqual([
		{ id: 7, name: '林海燕', initials: 'lhy' }
	]);
});
