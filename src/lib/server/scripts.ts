import type { Role } from '$lib/domain/roles';
import type { Actor } from './actor';
import { readConfig } from './config';
import { connect } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { DEMO_OFFICE_NAME, DEMO_PEOPLE, DEMO_SAMPLE_USERNAMES } from './demo/demo-data';
import { DEMO_PASSWORD, isDemoLoaded, loadDemoOrganisation } from './demo/demo.service';
import { firstActiveWithRole } from './org/users.service';
import { getSettings } from './settings/settings.service';
import { isSetupNeeded, runSetup } from './setup/setup.service';

/** Entry points for scripts/*.js (run through Vite's SSR loader). */
export async function runMigrations(): Promise<string[]> {
	const db = connect(readConfig());
	try {
		return await migrateToLatest(db);
	} finally {
		await db.destroy();
	}
}

// The password policy forbids a password containing the username, so not "Admin@…".
export const DEMO_ADMIN = { username: 'admin', name: '系统管理员', password: 'Huiban@2026' };

const SCRIPT_IP = '127.0.0.1';

export interface DemoSummary {
	officeName: string;
	/** The password only when this run created the admin; otherwise the admin keeps theirs. */
	admin: { username: string; password: string | null };
	alreadyLoaded: boolean;
	departments: number;
	people: number;
	demoPassword: string;
	accounts: { username: string; name: string; department: string; title: string; roles: Role[] }[];
}

/** Migrates, does first-run setup if nobody exists yet, and loads the demo bureau once. */
export async function runDemo(): Promise<DemoSummary> {
	const db = connect(readConfig());
	try {
		await migrateToLatest(db);
		let adminPassword: string | null = null;
		if (await isSetupNeeded(db)) {
			const { username, name, password } = DEMO_ADMIN;
			const form = { officeName: DEMO_OFFICE_NAME, timeZone: 'Asia/Shanghai', username, name };
			await runSetup(db, { ...form, password, confirm: password }, { ip: SCRIPT_IP });
			adminPassword = password;
		}
		const admin = await firstActiveWithRole(db, 'admin');
		if (!admin) {
			throw new Error('没有可用的系统管理员账号 / no active administrator account exists');
		}
		const actor: Actor = { id: admin.id, name: admin.name, roles: admin.roles, ip: SCRIPT_IP };
		const alreadyLoaded = await isDemoLoaded(db);
		const counts = alreadyLoaded
			? { departments: 0, people: 0 }
			: await loadDemoOrganisation(db, actor);
		const samples = new Set<string>(DEMO_SAMPLE_USERNAMES);
		return {
			officeName: (await getSettings(db)).officeName,
			admin: { username: admin.username, password: adminPassword },
			alreadyLoaded,
			...counts,
			demoPassword: DEMO_PASSWORD,
			accounts: DEMO_PEOPLE.filter((p) => samples.has(p.username)).map((p) => ({
				username: p.username,
				name: p.name,
				department: p.department,
				title: p.title,
				roles: p.roles
			}))
		};
	} finally {
		await db.destroy();
	}
}
