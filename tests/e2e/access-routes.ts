import fs from 'node:fs';
import path from 'node:path';

// Every page, endpoint and form action of the app, read from src/routes, as the keys of the
// role × route table: `GET /meetings/[id]`, `POST /meetings/[id]?/issue`, `POST /logout`.

const ROUTES = path.resolve(import.meta.dirname, '../../src/routes');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? walk(p) : [p];
	});
}

/** `src/routes/(app)/meetings/[id]` → `/meetings/[id]` (groups leave no trace in the URL). */
function routeId(dir: string): string {
	const parts = path
		.relative(ROUTES, dir)
		.split(path.sep)
		.filter((s) => s && !/^\(.*\)$/.test(s));
	return '/' + parts.join('/');
}

/** Shared action sets: `export const actions = catalogueActions({…})` serves these names. */
const FACTORIES: Record<string, string[]> = { catalogueActions: ['save', 'toggle'] };

/** The names in `export const actions = { … }`: its keys at the first level of indentation. */
export function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const factory = /export const actions[^=]*=\s*(\w+)\(/.exec(source.slice(start))?.[1];
	if (factory) {
		if (!FACTORIES[factory]) throw new Error(`unknown action factory ${factory}`);
		return FACTORIES[factory];
	}
	const body = source.slice(start);
	const end = body.search(/^\};?$/m);
	const names = [...body.slice(0, end).matchAll(/^\t(\w+)\s*[:(,]/gm)].map((m) => m[1]);
	return [...new Set(names)];
}

export interface RouteEntry {
	key: string;
	kind: 'page' | 'endpoint' | 'action';
}

export function enumerateRoutes(): RouteEntry[] {
	const found = new Map<string, RouteEntry['kind']>();
	for (const file of walk(ROUTES)) {
		const dir = path.dirname(file);
		const name = path.basename(file);
		const id = routeId(dir);
		if (/^\+page(\.server)?\.(ts|js)$/.test(name) || name === '+page.svelte') {
			found.set(`GET ${id}`, 'page');
		}
		const source = fs.readFileSync(file, 'utf8');
		if (name === '+page.server.ts') {
			for (const a of actionNames(source)) {
				found.set(a === 'default' ? `POST ${id}` : `POST ${id}?/${a}`, 'action');
			}
		}
		if (name === '+server.ts') {
			for (const m of METHODS) {
				if (new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source)) {
					found.set(`${m} ${id}`, 'endpoint');
				}
			}
		}
	}
	return [...found].map(([key, kind]) => ({ key, kind })).sort((a, b) => (a.key < b.key ? -1 : 1));
}
