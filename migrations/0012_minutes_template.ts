import type { Kysely } from 'kysely';

// A minutes (纪要) template per meeting type: a new draft's body starts from it. The types
// seeded by 0004 get the usual opening of their minutes (the admin edits them under 会议类型).
const TEMPLATES: Record<string, string> = {
	党组会议: '会议传达学习了……精神，研究了……事项。会议认为……。\n会议强调……。现纪要如下：',
	局务会议: '会议听取了……工作汇报，研究了……事项。会议认为……。现纪要如下：',
	局长办公会议: '会议听取了……汇报，研究了……。会议认为……。现纪要如下：',
	专题会议: '会议专题研究了……工作，听取了……情况汇报。会议认为……。现纪要如下：',
	工作会议: '会议通报了……情况，部署了……工作。会议要求……。现纪要如下：',
	集中学习: '学习内容：……\n主讲（领学）：……\n交流发言：……\n学习要求：……'
};

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('meeting_types')
		.addColumn('minutes_template', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	for (const [name, template] of Object.entries(TEMPLATES)) {
		await db
			.updateTable('meeting_types')
			.set({ minutes_template: template })
			.where('name', '=', name)
			.execute();
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('meeting_types').dropColumn('minutes_template').execute();
}
