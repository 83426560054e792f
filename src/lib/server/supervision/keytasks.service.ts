/**
 * 年度重点工作 import (issue 10): a supervisor or leader uploads the year's key tasks, sees every
 * row checked (unknown department, person, bad date, a quarter after the deadline), and imports
 * them all in one transaction — each an item with source 'key_task', source_ref
 * "2027年度重点工作第N项" and a milestone per quarter filled in, due at the quarter's end —
 * through registerItem, so numbering, events and audit are the usual ones. Any row with a
 * problem refuses the whole import.
 */
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { ValidationError } from '../errors';
import { getDepartments } from '../org/departments.service';
import { listActivePeople } from '../org/directory.service';
import { canManageSupervision, requirePermission } from '../permissions';
import { parseInput } from '../validation';
import type { ItemInput } from './items.schema';
import { officeToday } from './items.service';
import { registerItem } from './registration.service';
import {
	checkKeyTaskRows,
	keyTaskTemplate,
	loadKeyTaskWorkbook,
	parseKeyTasks,
	quarterEnd,
	quarterStart,
	type KeyTaskCells,
	type ParsedKeyTask
} from './keytasks.parse';
import { keyTaskImportSchema, type KeyTaskImportInput } from './keytasks.schema';

const QUARTERS = ['q1', 'q2', 'q3', 'q4'] as const;
const quarterName = [
	m.sup_bulletin_import_col_q1,
	m.sup_bulletin_import_col_q2,
	m.sup_bulletin_import_col_q3,
	m.sup_bulletin_import_col_q4
];

/** A row as the preview shows it and the import creates it. */
export interface KeyTaskRow {
	row: number;
	cells: KeyTaskCells;
	/** 序号 (N of 第N项). */
	seq: number | null;
	deadline: string | null;
	errors: string[];
	/** The item the row becomes, when it has no errors. */
	item: ItemInput | null;
}

export interface KeyTaskPreview {
	year: number;
	rows: KeyTaskRow[];
	badCount: number;
}

interface Directory {
	today: string;
	departments: Map<string, number[]>;
	people: { id: number; name: string; departmentId: number | null }[];
}

async function loadDirectory(db: DB): Promise<Directory> {
	const [{ today }, departments, people] = await Promise.all([
		officeToday(db),
		getDepartments(db),
		listActivePeople(db)
	]);
	const byName = new Map<string, number[]>();
	for (const d of departments)
		if (d.isActive) byName.set(d.name, [...(byName.get(d.name) ?? []), d.id]);
	return { today, departments: byName, people };
}

/** The checks that read the organisation: departments and people by name, dates against today. */
function resolveRow(p: ParsedKeyTask, year: number, dir: Directory): KeyTaskRow {
	const errors = [...p.errors];
	const dept = (name: string): number | null => {
		const ids = dir.departments.get(name) ?? [];
		if (ids.length !== 1) errors.push(m.sup_bulletin_import_err_dept({ name }));
		return ids.length === 1 ? ids[0] : null;
	};
	const lead = p.cells.lead ? dept(p.cells.lead) : null;
	const co: number[] = [];
	for (const name of p.coDepartments) {
		if (name === p.cells.lead) {
			errors.push(m.sup_bulletin_import_err_co_is_lead({ name }));
			continue;
		}
		const id = dept(name);
		if (id !== null) co.push(id);
	}
	let responsibleId: number | null = null;
	const who = p.cells.responsible;
	if (who) {
		const named = dir.people.filter((x) => x.name === who);
		const inLead = named.filter((x) => x.departmentId === lead);
		const pick = inLead.length === 1 ? inLead : named;
		if (pick.length === 0) errors.push(m.sup_bulletin_import_err_person({ name: who }));
		else if (pick.length > 1) errors.push(m.sup_bulletin_import_err_person_many({ name: who }));
		else responsibleId = pick[0].id;
	}
	const milestoneTitle: string[] = [];
	const milestoneDue: string[] = [];
	if (p.deadline) {
		if (p.deadline < dir.today) errors.push(m.sup_bulletin_import_err_deadline_past());
		QUARTERS.forEach((q, i) => {
			const title = p.cells[q];
			if (!title) return;
			if (quarterStart(year, i + 1) > p.deadline!) {
				errors.push(m.sup_bulletin_import_err_quarter({ quarter: quarterName[i]() }));
				return;
			}
			const end = quarterEnd(year, i + 1);
			milestoneTitle.push(title);
			// A deadline inside the quarter ends that quarter's milestone with it.
			milestoneDue.push(end < p.deadline! ? end : p.deadline!);
		});
	}
	const n = p.seq ?? p.row - 1;
	const item: ItemInput | null =
		errors.length || lead === null
			? null
			: {
					title: p.cells.title,
					requirement: p.cells.requirement,
					source: 'key_task',
					sourceRef: m.sup_bulletin_import_source_ref({ year, n }),
					leadDepartmentId: lead,
					coDepartmentIds: co,
					responsibleId,
					deadline: p.deadline ?? '',
					priority: 'normal',
					classification: 'none',
					milestoneTitle,
					milestoneDue
				};
	return { row: p.row, cells: p.cells, seq: p.seq, deadline: p.deadline, errors, item };
}

function summarise(year: number, rows: KeyTaskRow[]): KeyTaskPreview {
	return { year, rows, badCount: rows.filter((r) => r.errors.length > 0).length };
}

/** Reads an uploaded file and checks every row; nothing is written. */
export async function previewKeyTasks(
	db: DB,
	actor: Actor,
	input: { year: number; fileName: string; bytes: Buffer }
): Promise<KeyTaskPreview> {
	requirePermission(actor, canManageSupervision);
	const workbook = await loadKeyTaskWorkbook(input.fileName, input.bytes);
	const parsed = parseKeyTasks(workbook, input.year);
	const dir = await loadDirectory(db);
	return summarise(
		input.year,
		parsed.map((p) => resolveRow(p, input.year, dir))
	);
}

/**
 * Imports the previewed rows: all checked again, then every item registered in one
 * transaction — all or nothing. Returns the items' ids and numbers in row order.
 */
export async function importKeyTasks(
	db: DB,
	actor: Actor,
	input: KeyTaskImportInput
): Promise<{ created: { id: number; number: string }[] }> {
	requirePermission(actor, canManageSupervision);
	const v = parseInput(keyTaskImportSchema, input);
	return inTransaction(db, async (trx) => {
		const dir = await loadDirectory(trx);
		const rows = checkKeyTaskRows(v.rows, v.year).map((p) => resolveRow(p, v.year, dir));
		const bad = rows.filter((r) => r.errors.length > 0);
		if (bad.length)
			throw new ValidationError(
				{ _: m.sup_bulletin_import_err_rows({ bad: bad.length }) },
				m.sup_bulletin_import_err_rows({ bad: bad.length })
			);
		const created: { id: number; number: string }[] = [];
		for (const r of rows) {
			try {
				created.push(await registerItem(trx, actor, r.item!));
			} catch (e) {
				// A refusal of one row names the row; the transaction takes nothing.
				if (!(e instanceof ValidationError)) throw e;
				const detail = Object.values(e.fields).join(m.audit_join_list()) || e.message;
				const message = m.sup_bulletin_import_err_row({ row: r.row, detail });
				throw new ValidationError({ _: message }, message);
			}
		}
		await audit(trx, actor, 'supervision.import', 'supervision', null, {
			year: v.year,
			count: created.length,
			numbers: created.map((c) => c.number)
		});
		return { created };
	});
}

/** The year an import is for by default: this year, or the next from October on. */
export async function defaultKeyTaskYear(db: DB): Promise<number> {
	const { today } = await officeToday(db);
	const year = Number(today.slice(0, 4));
	return Number(today.slice(5, 7)) >= 10 ? year + 1 : year;
}

/** The template .xlsx with the active departments' names in its notes. */
export async function keyTaskTemplateFile(db: DB, actor: Actor): Promise<Buffer> {
	requirePermission(actor, canManageSupervision);
	const departments = (await getDepartments(db)).filter((d) => d.isActive).map((d) => d.name);
	return keyTaskTemplate(await defaultKeyTaskYear(db), departments);
}
