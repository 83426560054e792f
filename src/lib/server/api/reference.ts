/**
 * The reference page's model (/api/docs): the OpenAPI document read back as operations with
 * their parameters, body and responses, and the schemas as field lists — so the page shows
 * exactly what the document says.
 */
import { PROBLEM_KINDS, problemType } from './problem';
import { openApiDocument } from './openapi';

type Schema = Record<string, unknown>;

/** A schema in a few words: `Meeting`, `string (date-time) | null`, `attend | excused`, `Reply[]`. */
export function typeWords(s: Schema | undefined): string {
	if (!s) return '';
	if (typeof s.$ref === 'string') return s.$ref.split('/').pop()!;
	if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
		return ((s.oneOf ?? s.anyOf) as Schema[]).map(typeWords).join(' | ');
	}
	if (Array.isArray(s.enum)) return s.enum.map(String).join(' | ');
	if ('const' in s) return JSON.stringify(s.const);
	const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [String(s.type)] : [];
	const words = types.map((t) => {
		if (t === 'array') return `${typeWords(s.items as Schema)}[]`;
		if (t === 'string' && s.format) return `string (${String(s.format)})`;
		return t;
	});
	const limits = [
		s.minimum !== undefined ? `≥ ${String(s.minimum)}` : '',
		s.maximum !== undefined ? `≤ ${String(s.maximum)}` : '',
		s.maxLength !== undefined ? `≤ ${String(s.maxLength)}` : ''
	].filter(Boolean);
	return (words.join(' | ') || 'any') + (limits.length ? ` (${limits.join(', ')})` : '');
}

export interface ReferenceField {
	name: string;
	type: string;
	required: boolean;
}

function fieldsOf(s: Schema): ReferenceField[] {
	const props = (s.properties ?? {}) as Record<string, Schema>;
	const required = new Set((s.required ?? []) as string[]);
	return Object.entries(props).map(([name, p]) => ({
		name,
		type: typeWords(p),
		required: required.has(name)
	}));
}

export function apiReference() {
	const doc = openApiDocument();
	const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
		Object.entries(methods as Record<string, Schema>).map(([method, op]) => {
			const params = ((op.parameters ?? []) as Schema[]).map((p) => ({
				name: String(p.name),
				in: String(p.in),
				required: !!p.required,
				type: typeWords(p.schema as Schema),
				description: String(p.description ?? '')
			}));
			const body = (op.requestBody as Schema | undefined)?.content as
				Record<string, { schema: Schema }> | undefined;
			const responses = Object.entries(op.responses as Record<string, Schema>).map(
				([status, r]) => {
					const content = (r.content ?? {}) as Record<string, { schema: Schema }>;
					const [type, media] = Object.entries(content)[0] ?? ['', undefined];
					return {
						status,
						description: String(r.description ?? ''),
						type: media ? `${typeWords(media.schema)} (${type})` : ''
					};
				}
			);
			return {
				id: String(op.operationId),
				method: method.toUpperCase(),
				path: `/api/v1${path}`,
				tag: String((op.tags as string[])[0]),
				summary: String(op.summary),
				params,
				body: body ? typeWords(body['application/json'].schema) : null,
				responses
			};
		})
	);
	const schemas = Object.entries(doc.components.schemas).map(([name, s]) => ({
		name,
		fields: fieldsOf(s)
	}));
	const problems = Object.entries(PROBLEM_KINDS).map(([kind, status]) => ({
		kind,
		type: problemType(kind as keyof typeof PROBLEM_KINDS),
		status
	}));
	return {
		title: doc.info.title,
		description: doc.info.description,
		tags: doc.tags,
		operations,
		schemas,
		problems
	};
}
