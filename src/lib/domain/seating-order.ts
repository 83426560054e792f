/**
 * Ordering people for seating without I/O: by precedence, by department, or by name
 * "以姓氏笔画为序".
 *
 * The name order follows GF 3003-1999《姓氏笔画排序规则》 as PRODUCT.md states it: fewer strokes
 * first; on equal counts the strokes are compared in writing order, first stroke first, by
 * shape in the order 横 丨 丿 丶 乛; on a full tie the next character decides. Shapes are folded
 * into those five classes as the 笔顺规范 (GB13000.1 字符集汉字笔顺规范, 通用规范汉字笔顺规范)
 * folds their 附形: 提 counts as 横, 竖钩 as 竖, 捺 (and the short 点 of 宀 / 火) as 点, and every
 * turning stroke (横折, 横撇, 横钩, 竖弯钩, 斜钩, 撇折 …) as 折 乛. Plain ICU stroke collation does
 * not follow that tie rule, so the data comes from `cnchar` + `cnchar-order` (offline, about
 * 6,900 common characters). A character without stroke data (a rare character, a Latin letter)
 * sorts after every character with data, and among such characters by code point; two different
 * characters with the same strokes go on to the next character; only names that tie all the way
 * fall back to code points, and `orderPeople` ends every tie on participantId — never on input
 * order.
 *
 * Two modes:
 * - 'surname' (姓氏笔画): the surname first — a compound surname (欧阳, 司马, 上官 …) is one
 *   surname of two characters — then, on a full tie, the given name. Where one runs out first, the
 *   empty place sorts before any stroke: 欧 < 欧阳 as surnames, so 欧丽 < 欧阳一.
 * - 'name' (姓名笔画): the whole name character by character, the same run-out rule
 *   (欧阳一 < 欧丽, 阳 having fewer strokes than 丽).
 */
import cnchar from 'cnchar';
import order from 'cnchar-order';

cnchar.use(order);

export type FloorOrder = 'precedence' | 'department' | 'surname_strokes' | 'name_strokes';

export interface SeatPerson {
	participantId: number;
	userId: number;
	name: string;
	/** Lower = higher rank. */
	precedence: number;
	departmentOrder: number;
	role: 'attendee' | 'observer' | 'staff';
}

/**
 * 复姓 of the 百家姓 still in use. A name of two characters is always surname + given name
 * (司马 as a whole name is 司 + 马), so a compound surname needs a name of three characters or more.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
	'欧阳',
	'司马',
	'上官',
	'诸葛',
	'东方',
	'皇甫',
	'尉迟',
	'公孙',
	'慕容',
	'长孙',
	'宇文',
	'司徒',
	'司空',
	'令狐',
	'夏侯',
	'轩辕',
	'端木',
	'独孤',
	'南宫',
	'西门',
	'万俟',
	'闻人',
	'澹台',
	'公冶',
	'宗政',
	'濮阳',
	'淳于',
	'单于',
	'太叔',
	'申屠',
	'钟离',
	'呼延',
	'赫连',
	'拓跋',
	'百里',
	'东郭',
	'南门',
	'羊舌',
	'微生',
	'梁丘',
	'左丘',
	'东门',
	'第五',
	'公羊',
	'谷梁',
	'亓官',
	'司寇',
	'巫马',
	'乐正',
	'壤驷',
	'公良',
	'漆雕',
	'段干',
	'子车',
	'颛孙',
	'仲孙',
	'叔孙',
	'公西',
	'公输'
]);

/** Stroke shape classes, in sorting order: 1 横, 2 丨, 3 丿, 4 丶, 5 乛. */
const SHAPE_CLASS: Readonly<Record<string, string>> = {
	j: '1', // 横
	i: '1', // 提
	f: '2', // 竖
	g: '2', // 竖钩
	s: '3', // 撇
	k: '4', // 点
	d: '4', // 点 (the short left dot of 宀, 火)
	l: '4' // 捺
	// every other cnchar-order letter is a turning stroke: '5'
};

/**
 * A character's sort key as a string, so a name's key is its characters' keys joined and two
 * names compare as plain strings: '0' + the stroke count in two digits + the stroke classes
 * ('王' → '041121'), or for a character without data '1' + its code point in six hex digits.
 * Keys of equal counts have equal lengths, so a difference always shows inside one character's
 * key, and a name that runs out first is a prefix: it sorts first.
 */
const charKeys = new Map<string, string>();

function strokesOf(ch: string): string {
	const letters = (cnchar.stroke(ch, 'order') as (string | undefined)[])[0];
	return letters ? [...letters].map((l) => SHAPE_CLASS[l] ?? '5').join('') : '';
}

function charKey(ch: string): string {
	let key = charKeys.get(ch);
	if (key === undefined) {
		const strokes = strokesOf(ch);
		key = strokes
			? '0' + String(strokes.length).padStart(2, '0') + strokes
			: '1' + (ch.codePointAt(0) ?? 0).toString(16).padStart(6, '0');
		charKeys.set(ch, key);
	}
	return key;
}

/** The stroke classes of one character ('' when unknown) — for tests and explanations. */
export function strokeClasses(ch: string): string {
	return strokesOf(ch);
}

// Spaces and the middle dots of names like 阿沛·阿旺晋美 are not characters of the name.
const NOT_OF_THE_NAME = /[\s·•・.．]/gu;

function charsOf(name: string): string[] {
	return [...name.normalize('NFC').replace(NOT_OF_THE_NAME, '')];
}

/** [surname, given name] as characters; a compound surname needs three characters or more. */
export function splitName(name: string): [string[], string[]] {
	const chars = charsOf(name);
	const cut = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
	return [chars.slice(0, cut), chars.slice(cut)];
}

/**
 * The stroke sort key of a whole name. In 'surname' mode a space (below every character key)
 * ends the surname, so a shorter surname sorts first whatever its given name.
 */
export function strokeKey(name: string, mode: 'surname' | 'name'): string {
	if (mode === 'name') return charsOf(name).map(charKey).join('');
	const [surname, given] = splitName(name);
	return surname.map(charKey).join('') + ' ' + given.map(charKey).join('');
}

function codePointOrder(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * 以姓氏笔画为序: negative when `a` comes first. Vectors: 王 < 文, 林 < 欧, 欧阳少东 < 洪少东.
 * Only equal names compare 0.
 */
export function compareByStrokes(a: string, b: string, mode: 'surname' | 'name'): number {
	return codePointOrder(strokeKey(a, mode), strokeKey(b, mode)) || codePointOrder(a, b);
}

const byNumber = (a: number, b: number) => a - b;

/**
 * People sorted for seating, a new array. Every order ends on participantId, so a tie never
 * depends on the input's order:
 * - precedence: rank, then department order, then 姓氏笔画;
 * - department: department order, then rank within it, then 姓氏笔画;
 * - surname_strokes / name_strokes: the name, then rank.
 */
export function orderPeople<T extends SeatPerson>(people: T[], by: FloorOrder): T[] {
	const mode = by === 'name_strokes' ? 'name' : 'surname';
	// Each name's key once, not once a comparison.
	const rows = people.map((person) => ({ person, key: strokeKey(person.name, mode) }));
	type Row = (typeof rows)[number];
	const names = (a: Row, b: Row) =>
		codePointOrder(a.key, b.key) || codePointOrder(a.person.name, b.person.name);
	const compare: (a: Row, b: Row) => number =
		by === 'precedence'
			? (a, b) =>
					byNumber(a.person.precedence, b.person.precedence) ||
					byNumber(a.person.departmentOrder, b.person.departmentOrder) ||
					names(a, b)
			: by === 'department'
				? (a, b) =>
						byNumber(a.person.departmentOrder, b.person.departmentOrder) ||
						byNumber(a.person.precedence, b.person.precedence) ||
						names(a, b)
				: (a, b) => names(a, b) || byNumber(a.person.precedence, b.person.precedence);
	return rows
		.sort((a, b) => compare(a, b) || byNumber(a.person.participantId, b.person.participantId))
		.map((r) => r.person);
}
