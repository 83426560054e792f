/** Orders items depth-first under their parents (siblings keep their given order). */
export function flattenTree<T extends { id: number; parentId: number | null }>(
	items: T[]
): (T & { depth: number })[] {
	const ids = new Set(items.map((i) => i.id));
	const children = new Map<number | null, T[]>();
	for (const item of items) {
		const parent = item.parentId != null && ids.has(item.parentId) ? item.parentId : null;
		children.set(parent, [...(children.get(parent) ?? []), item]);
	}
	const out: (T & { depth: number })[] = [];
	const seen = new Set<number>();
	const walk = (parent: number | null, depth: number) => {
		for (const item of children.get(parent) ?? []) {
			if (seen.has(item.id)) continue;
			seen.add(item.id);
			out.push({ ...item, depth });
			walk(item.id, depth + 1);
		}
	};
	walk(null, 0);
	return out;
}
