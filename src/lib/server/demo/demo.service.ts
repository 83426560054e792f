import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { loadDemoDuty } from './demo-duty';
import { loadDemoMeetings, type HeldMeeting } from './demo-meetings';
import { loadDemoMinutes } from './demo-minutes';
import { loadDemoSupervision } from './demo-supervision';
import { loadDemoStudy } from './demo-study';
import { loadDemoLeave } from './demo-leave';
import { loadDemoSeating } from './demo-seating';
import { audit } from '../audit';
import { canAdminister, requirePermission } from '../permissions';
import { hashPassword } from '../auth/password';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { createDepartment, findDepartmentNamed } from '../org/departments.service';
import { personSchema } from '../org/people.schema';
import { findPersonByUsername, insertPerson, markPasswordChosen } from '../org/users.service';
import { parseInput } from '../validation';
import { DEMO_DEPARTMENTS, DEMO_EMAIL_DOMAIN, DEMO_PEOPLE } from './demo-data';
import { inTransaction } from '../db/transaction';

/** Every demo account signs in with this; it meets the password policy. */
export const DEMO_PASSWORD = 'Demo@2026';

/** A top-level 办公室 means the demo or a real organisation is there; either way, no demo. */
export async function isDemoLoaded(db: DB): Promise<boolean> {
	return (await findDepartmentNamed(db, '办公室', null)) !== undefined;
}

// The first admin may already use a demo username (say zhangwei): take the next free one.
async function freeUsername(trx: DB, wanted: string, reserved: Set<string>): Promise<string> {
	for (let n = 1; ; n++) {
		const candidate = n === 1 ? wanted : `${wanted}${n}`;
		if (n > 1 && reserved.has(candidate)) continue;
		if (!(await findPersonByUsername(trx, candidate))) return candidate;
	}
}

/** Loads the demo bureau (某市某局) in one transaction; refuses if it is already there. */
export async function loadDemoOrganisation(
	db: DB,
	actor: Actor
): Promise<{ departments: number; people: number; meetings: number; dutyPeriods: number }> {
	requirePermission(actor, canAdminister);
	const hashed = await hashPassword(DEMO_PASSWORD);
	return inTransaction(db, async (trx) => {
		if (await isDemoLoaded(trx)) {
			throw new ValidationError({ _: m.demo_already_loaded() });
		}
		const departmentIds = new Map<string, number>();
		for (const d of DEMO_DEPARTMENTS) {
			departmentIds.set(d.name, await createDepartment(trx, actor, { ...d, parentId: null }));
		}
		const reserved = new Set(DEMO_PEOPLE.map((p) => p.username));
		for (const p of DEMO_PEOPLE) {
			const username = await freeUsername(trx, p.username, reserved);
			const person = parseInput(personSchema, {
				...p,
				username,
				email: `${username}@${DEMO_EMAIL_DOMAIN}`,
				departmentId: departmentIds.get(p.department)
			});
			const id = await insertPerson(trx, actor, person, hashed);
			// The shared demo password is published, so forcing a change would only get in the way.
			await markPasswordChosen(trx, id);
		}
		const held: HeldMeeting[] = [];
		const upcoming: { id: number; title: string; roomId: number }[] = [];
		const meetings = await loadDemoMeetings(trx, actor, held, upcoming);
		await loadDemoSeating(trx, actor, upcoming);
		await loadDemoMinutes(trx, actor, held);
		await loadDemoSupervision(trx, actor, held);
		const dutyPeriods = await loadDemoDuty(trx, actor);
		await loadDemoStudy(trx, actor);
		await loadDemoLeave(trx, actor);
		const result = {
			departments: DEMO_DEPARTMENTS.length,
			people: DEMO_PEOPLE.length,
			meetings,
			dutyPeriods
		};
		await audit(trx, actor, 'demo.load', 'organisation', null, {
			...result,
			departmentNames: DEMO_DEPARTMENTS.map((d) => d.name).join(',')
		});
		return result;
	});
}
