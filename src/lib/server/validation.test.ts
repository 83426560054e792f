import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from './errors';
import { parseInput } from './validation';

const schema = z.object({ name: z.string().trim(), items: z.array(z.string()).default([]) });

describe('parseInput', () => {
	it('parses good input', () => {
		expect(parseInput(schema, { name: ' 张三 ', items: ['a'] })).toEqual({
			name: '张三',
			items: ['a']
		});
	});

	it('refuses text holding a NUL character, naming the field', () => {
		for (const [input, key] of [
			[{ name: 'a\0b' }, 'name'],
			[{ name: 'ok', items: ['x', 'y\0'] }, 'items.1'],
			['\0', '_']
		] as const) {
			let thrown: unknown;
			try {
				parseInput(z.unknown(), input);
			} catch (e) {
				thrown = e;
			}
			expect(thrown, key).toBeInstanceOf(ValidationError);
			expect((thrown as ValidationError).fields).toEqual({ [key]: '内容不能包含控制字符' });
		}
	});
});
