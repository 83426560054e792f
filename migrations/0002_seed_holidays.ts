import type { Kysely } from 'kysely';
import data from 'chinese-days/dist/chinese-days.json';

/** Seeds the State Council holiday schedule 2004–2026 from the chinese-days package. */
export async function up(db: Kysely<any>): Promise<void> {
	const rows: { date: string; kind: string; name: string }[] = [];
	// Values look like "Spring Festival,春节,4": the Chinese name is the second field.
	for (const [date, v] of Object.entries(data.holidays as Record<string, string>)) {
		rows.push({ date, kind: 'holiday', name: v.split(',')[1] ?? v });
	}
	// A make-up workday (调休上班) lives in `workdays`, not `inLieuDays`.
	for (const [date, v] of Object.entries(data.workdays as Record<string, string>)) {
		rows.push({ date, kind: 'workday', name: v.split(',')[1] ?? v });
	}
	for (let i = 0; i < rows.length; i += 300) {
		await db
			.insertInto('holidays')
			.values(rows.slice(i, i + 300))
			.execute();
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.deleteFrom('holidays').execute();
}
