// The duty roster benchmark's work, loaded through scripts/vite-load.js: a bureau of 300
// people (30 leaders), five past years of published holiday rosters as the ledger, then this
// year's holidays (≈30 days, day and night shifts, 1 leader + 2 officers each) generated with
// the real service on a real database. Deterministic except for the timings.
import { performance } from 'node:perf_hooks';
import { generateRoster } from '$lib/domain/duty-roster';
import { sampleRosterInput } from '$lib/domain/duty-roster.sample';
import type { Actor } from '$lib/server/actor';
import { connect, type DB } from '$lib/server/db/connect';
import { migrateToLatest } from '$lib/server/db/migrate';
import { createPeriod, holidayChoices, saveShift } from '$lib/server/duty/periods.service';
import { generatePeriodRoster, publishPeriod } from '$lib/server/duty/roster.service';
import { listShifts } from '$lib/server/duty/periods.repository';

const PEOPLE = 300;
const LEADERS = 30;
const THIS_YEAR = 2026;
const PAST_YEARS = [2021, 2022, 2023, 2024, 2025];

export interface DomainResult {
	slots: number;
	medianMs: number;
	spread: { leader: number; officer: number };
}

/** The pure assignment function alone, median of `runs`. */
export function benchDomain(runs = 15): DomainResult {
	const input = sampleRosterInput({
		people: PEOPLE,
		days: 30,
		shiftsPerDay: 2,
		leadersPerShift: 1,
		officersPerShift: 2,
		pastYears: 5
	});
	const times: number[] = [];
	let result = generateRoster(input);
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		result = generateRoster(input);
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	return {
		slots: input.slots.length,
		medianMs: times[Math.floor(times.length / 2)],
		spread: { leader: result.spread.leader.period, officer: result.spread.officer.period }
	};
}

async function seedPeople(db: DB): Promise<Actor> {
	const now = new Date().toISOString();
	const dept = await db
		.insertInto('departments')
		.values({ name: '办公室', kind: 'office', created_at: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	const rows = Array.from({ length: PEOPLE + 1 }, (_, i) => ({
		username: `duty${i}`,
		name: i === 0 ? '值班管理员' : `人员${i}`,
		password_hash: 'x',
		department_id: dept.id,
		precedence: i,
		created_at: now,
		updated_at: now
	}));
	const ids: number[] = [];
	for (let i = 0; i < rows.length; i += 100) {
		const got = await db
			.insertInto('users')
			.values(rows.slice(i, i + 100))
			.returning('id')
			.execute();
		ids.push(...got.map((r) => r.id));
	}
	const roles = ids.map((user_id, i) => ({
		user_id,
		role: i === 0 ? 'office' : i <= LEADERS ? 'leader' : 'staff'
	}));
	await db.insertInto('user_roles').values(roles).execute();
	return { id: ids[0], name: '值班管理员', roles: ['office'], ip: '127.0.0.1' };
}

export interface YearResult {
	periods: number;
	days: number;
	slots: number;
	totalMs: number;
	spread: { leader: number; officer: number };
	/** Max − min of ledger + this year's load after the year's last period. */
	totalSpread: { leader: number; officer: number };
	unfilled: number;
}

/** Creates, sets up and generates every holiday period of `year`; returns the generation time. */
async function rosterYear(
	db: DB,
	office: Actor,
	year: number,
	publish: boolean
): Promise<YearResult> {
	const out: YearResult = {
		periods: 0,
		days: 0,
		slots: 0,
		totalMs: 0,
		spread: { leader: 0, officer: 0 },
		totalSpread: { leader: 0, officer: 0 },
		unfilled: 0
	};
	for (const h of await holidayChoices(db, office, year)) {
		const id = await createPeriod(db, office, { source: 'holiday', year, holidayName: h.name });
		const [full] = await listShifts(db, id);
		await saveShift(db, office, id, {
			id: full.id,
			name: '白班',
			startTime: '08:30',
			endTime: '17:30',
			isOvernight: false,
			leadersNeeded: 1,
			officersNeeded: 2,
			weight: 1
		});
		await saveShift(db, office, id, {
			name: '夜班',
			startTime: '17:30',
			endTime: '08:30',
			isOvernight: true,
			leadersNeeded: 1,
			officersNeeded: 2,
			weight: 1.5
		});
		const t = performance.now();
		const report = await generatePeriodRoster(db, office, id);
		out.totalMs += performance.now() - t;
		if (publish) await publishPeriod(db, office, id);
		out.periods++;
		out.days += h.dates.length;
		out.slots += report.slots;
		out.unfilled += report.unfilled.length;
		out.spread.leader = Math.max(out.spread.leader, report.spread.leader.period);
		out.spread.officer = Math.max(out.spread.officer, report.spread.officer.period);
		out.totalSpread = { leader: report.spread.leader.total, officer: report.spread.officer.total };
	}
	return out;
}

/** The whole service path on one database: ledger of five past years, then this year. */
export async function benchService(
	databaseUrl: string | undefined,
	sqlitePath: string
): Promise<{ ledgerSlots: number; year: YearResult }> {
	const db = connect({ databaseUrl, sqlitePath });
	try {
		await migrateToLatest(db);
		const office = await seedPeople(db);
		let ledgerSlots = 0;
		for (const y of PAST_YEARS) ledgerSlots += (await rosterYear(db, office, y, true)).slots;
		return { ledgerSlots, year: await rosterYear(db, office, THIS_YEAR, false) };
	} finally {
		await db.destroy();
	}
}
