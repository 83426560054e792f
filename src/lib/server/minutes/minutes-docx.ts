/**
 * Minutes (纪要) as a Word document (.docx, opens in WPS and Word), laid out like the printed
 * page (GB/T 9704-2012): A4 with the standard margins, the red 版头 "…会议纪要" and rule, the
 * number 〔2026〕3号, the title, the body in 3号仿宋 at 22 lines a page, the decisions numbered
 * 一、二、…, then 出席 / 请假 / 列席 / 记录 and the 版记 with the 印发 date.
 *
 * Fonts are named as offices install them (仿宋_GB2312, 方正小标宋简体, 黑体) with a Latin font for
 * digits; a computer without them substitutes its own 仿宋 / 宋体 (Word and WPS both map the
 * names), so nothing is embedded.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	LineRuleType,
	Packer,
	Paragraph,
	TextRun,
	type IRunOptions
} from 'docx';

/** What the document says, already in words (the caller formats dates and labels). */
export interface MinutesDocContent {
	/** 版头: 局长办公会议纪要. */
	masthead: string;
	/** 〔2026〕3号, or '' before issue. */
	number: string;
	/** 草稿 / 征求意见稿 before issue, '' once issued. */
	draftMark: string;
	/** 秘密 / 机密 for a classified meeting, else ''. */
	classification: string;
	/** The title under the 版头 (the meeting's title). */
	title: string;
	/** The body; each line a paragraph. */
	body: string;
	/** 会议议定以下事项： — the lead-in of the decisions ('' when none). */
	decisionsLead: string;
	/** Each decision as printed: 一、text（牵头单位：…；配合单位：…；完成时限：…）. */
	decisions: string[];
	/** 出席：… / 请假：… / 列席：… / 记录：… lines. */
	attendance: string[];
	/** 版记: who prints it and 2026年12月7日印发. */
	printedBy: string;
	printedOn: string;
}

// GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, right 26 mm, foot 35 mm (1 mm = 56.7 twips).
const mm = (n: number) => Math.round(n * 56.6929);
const PT = 2; // docx sizes are in half-points
const BODY = 16 * PT; // 3号
const TITLE = 22 * PT; // 2号
const MASTHEAD = 36 * PT;
const RECORD = 14 * PT; // 4号
/** 22 lines in the 225 mm text block: exact line spacing in twips. */
const LINE = Math.round(mm(225) / 22);
const RED = 'E60012';

const FANG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const TITLE_FONT = {
	ascii: 'Times New Roman',
	hAnsi: 'Times New Roman',
	eastAsia: '方正小标宋简体'
};
const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };

const run = (text: string, o: IRunOptions = {}) =>
	new TextRun({ text, font: FANG, size: BODY, ...o });
const exact = { line: LINE, lineRule: LineRuleType.EXACT };

/** A body paragraph: two characters indented, 3号仿宋. */
function bodyParagraph(text: string): Paragraph {
	return new Paragraph({
		children: [run(text)],
		indent: { firstLine: 2 * BODY * 10 },
		spacing: exact
	});
}

/** 出席：张三、李四 — two characters in, later lines under the names (hanging indent). */
function attendanceParagraph(text: string): Paragraph {
	return new Paragraph({ children: [run(text)], indent: { left: 0 }, spacing: exact });
}

export function minutesDocxParagraphs(c: MinutesDocContent): Paragraph[] {
	const out: Paragraph[] = [];
	const marks = [c.classification, c.draftMark].filter(Boolean);
	if (marks.length) {
		out.push(
			new Paragraph({
				children: [new TextRun({ text: marks.join('  '), font: HEI, size: BODY })],
				spacing: exact
			})
		);
	}
	out.push(
		new Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { before: mm(10), after: mm(6) },
			children: [
				new TextRun({ text: c.masthead, font: TITLE_FONT, size: MASTHEAD, bold: true, color: RED })
			]
		})
	);
	// The number over the red rule (the rule is this paragraph's bottom border).
	out.push(
		new Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { ...exact, after: mm(8) },
			border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } },
			children: [run(c.number)]
		})
	);
	out.push(
		new Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { before: LINE, after: LINE },
			children: [new TextRun({ text: c.title, font: TITLE_FONT, size: TITLE })]
		})
	);
	for (const line of c.body.split(/\r?\n/)) {
		if (line.trim()) out.push(bodyParagraph(line.trim()));
	}
	if (c.decisions.length) {
		if (c.decisionsLead) out.push(bodyParagraph(c.decisionsLead));
		for (const d of c.decisions) out.push(bodyParagraph(d));
	}
	if (c.attendance.length) {
		// GB/T 9704 10.3: one blank line after the body, then the names.
		out.push(new Paragraph({ children: [], spacing: exact }));
		for (const a of c.attendance) out.push(attendanceParagraph(a));
	}
	if (c.printedBy) {
		const rule = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
		out.push(new Paragraph({ children: [], spacing: { before: LINE * 2 } }));
		out.push(
			new Paragraph({
				border: { top: rule, bottom: rule },
				indent: { left: RECORD * 10, right: RECORD * 10 },
				tabStops: [{ type: 'right', position: mm(156) - RECORD * 20 }],
				children: [
					new TextRun({ text: c.printedBy, font: FANG, size: RECORD }),
					new TextRun({ text: `\t${c.printedOn}`, font: FANG, size: RECORD })
				]
			})
		);
	}
	return out;
}

/** The .docx bytes. */
export async function buildMinutesDocx(c: MinutesDocContent): Promise<Buffer> {
	const doc = new Document({
		title: c.title,
		creator: c.printedBy,
		styles: { default: { document: { run: { font: FANG, size: BODY } } } },
		sections: [
			{
				properties: {
					page: {
						size: { width: mm(210), height: mm(297) },
						margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) }
					}
				},
				children: minutesDocxParagraphs(c)
			}
		]
	});
	return Packer.toBuffer(doc);
}
