/** A person as the PersonPicker receives them: initials computed on the server (pinyin-pro). */
export interface PickerPerson {
	id: number;
	name: string;
	/** Pinyin initials of the name, lower case, surname read as a surname (单 → s, 曾 → z). */
	initials: string;
	department: string | null;
	title?: string;
	/** Why this person cannot be chosen here; shown after the name. */
	note?: string | null;
}

export interface PickerGroup {
	department: string | null;
	people: PickerPerson[];
}

/** The query as typed, trimmed; Latin letters compared in lower case. */
export function normaliseQuery(query: string): string {
	return query.trim().toLowerCase().replace(/\s+/g, '');
}

/** A name containing the query, or initials starting with it ("zwb", "zw" → 周文斌). */
export function matchesPerson(person: PickerPerson, query: string): boolean {
	const q = normaliseQuery(query);
	if (!q) return true;
	return person.name.toLowerCase().includes(q) || person.initials.startsWith(q);
}

/**
 * Departments in the order their first member appears (the server sorts by department order);
 * people without a department last, wherever the database sorts NULL.
 */
export function groupByDepartment(people: readonly PickerPerson[]): PickerGroup[] {
	const groups = new Map<string | null, PickerPerson[]>();
	for (const p of people) {
		const list = groups.get(p.department);
		if (list) list.push(p);
		else groups.set(p.department, [p]);
	}
	return [...groups]
		.map(([department, members]) => ({ department, people: members }))
		.sort((a, b) => Number(a.department === null) - Number(b.department === null));
}

/** The tree filtered by a query: only departments with a match, each with its matching people. */
export function filterGroups(groups: readonly PickerGroup[], query: string): PickerGroup[] {
	if (!normaliseQuery(query)) return [...groups];
	return groups
		.map((g) => ({ ...g, people: g.people.filter((p) => matchesPerson(p, query)) }))
		.filter((g) => g.people.length > 0);
}

export type PickerRow =
	| { kind: 'dept'; domId: string; key: string; group: PickerGroup }
	| { kind: 'person'; domId: string; key: string; person: PickerPerson };

export const groupKey = (g: PickerGroup): string => g.department ?? '';

/**
 * The tree's rows in screen order: each department, followed by its people when it is open.
 * While searching every department with a match is open. `idPrefix` makes the DOM ids unique.
 */
export function visibleRows(
	shown: readonly PickerGroup[],
	isOpen: (key: string) => boolean,
	idPrefix: string
): PickerRow[] {
	return shown.flatMap((g, i): PickerRow[] => {
		const key = groupKey(g);
		const dept: PickerRow = { kind: 'dept', domId: `${idPrefix}-d${i}`, key, group: g };
		if (!isOpen(key)) return [dept];
		return [
			dept,
			...g.people.map((p): PickerRow => ({
				kind: 'person',
				domId: `${idPrefix}-p${p.id}`,
				key,
				person: p
			}))
		];
	});
}

/** The whole department (not only the people a search shows), minus those who may not be chosen. */
export function choosableIn(groups: readonly PickerGroup[], key: string): PickerPerson[] {
	return (groups.find((g) => groupKey(g) === key)?.people ?? []).filter((p) => !p.note);
}

/** A department's tick: all of its choosable people chosen, some, or none (aria-checked). */
export function departmentState(
	groups: readonly PickerGroup[],
	key: string,
	chosen: readonly number[]
): 'true' | 'false' | 'mixed' {
	const all = choosableIn(groups, key);
	const n = all.filter((p) => chosen.includes(p.id)).length;
	return n === 0 ? 'false' : n === all.length ? 'true' : 'mixed';
}
