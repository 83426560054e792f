/**
 * The field kit's shared state (issue 9): one `<Form>` provides it, every `<Field name=…>`
 * inside reads its error and posted value by name and registers its label, so the summary at
 * the top can list every error of a submit at once, each linked to its field.
 */
import { getContext, setContext } from 'svelte';

/** What a form action hands back after a refusal (see `actionFailure` on the server). */
export interface FormResult {
	errors?: Record<string, string>;
	values?: Record<string, unknown>;
	message?: string;
}

const KEY = Symbol('form-kit');

export class FormKit {
	/** Labels of the fields on the form, by field name, in the order they registered. */
	labels: Record<string, string> = $state({});

	constructor(
		private readonly source: () => FormResult | null | undefined,
		/** Prefix of the fields' element ids, so two forms on one page do not collide. */
		private readonly prefix: () => string
	) {}

	get errors(): Record<string, string> {
		return this.source()?.errors ?? {};
	}

	/** A refusal's message that names no field (e.g. a failed sign-in). */
	get message(): string | undefined {
		const r = this.source();
		return r?.errors ? r.message : undefined;
	}

	/** The field's element id. */
	idOf(name: string): string {
		return `${this.prefix()}-${name.replace(/[^\w-]/g, '_')}`;
	}

	error(name: string): string | undefined {
		return this.errors[name];
	}

	/** After a refusal, the value the user posted; otherwise `fallback` (the record's value). */
	value(name: string, fallback: unknown = ''): string {
		const r = this.source();
		if (r?.errors && r.values && name in r.values) {
			const v = r.values[name];
			return Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '');
		}
		return fallback == null ? '' : String(fallback);
	}

	/** The same for a field posted several times (checkbox group, chips, table rows). */
	values(name: string, fallback: readonly unknown[] = []): string[] {
		const r = this.source();
		if (r?.errors && r.values) {
			const v = r.values[name];
			if (v == null) return [];
			return (Array.isArray(v) ? v : [v]).map(String);
		}
		return fallback.map(String);
	}

	register(name: string, label: string): void {
		if (this.labels[name] !== label) this.labels[name] = label;
	}
}

export function provideFormKit(kit: FormKit): FormKit {
	return setContext(KEY, kit);
}

/** The kit of the enclosing `<Form>`, if any. */
export function formKit(): FormKit | undefined {
	return getContext<FormKit | undefined>(KEY);
}
