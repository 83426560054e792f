/** Errors that services throw; routes turn them into 400 / 403 / 404 responses. */
export class ValidationError extends Error {
	constructor(
		public readonly fields: Record<string, string>,
		message?: string
	) {
		super(message ?? Object.values(fields)[0] ?? 'invalid input');
		this.name = 'ValidationError';
	}
}

export class ForbiddenError extends Error {
	constructor(message = 'forbidden') {
		super(message);
		this.name = 'ForbiddenError';
	}
}

/** Also used when the actor may not even know the record exists. */
export class NotFoundError extends Error {
	constructor(message = 'not found') {
		super(message);
		this.name = 'NotFoundError';
	}
}

function isUniqueViolation(e: unknown): boolean {
	const code = (e as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * A service checks a unique name first to give a clear message; two simultaneous saves of the
 * same name get past that check and hit the unique index, which must say the same thing.
 */
export async function withUniqueField<T>(
	work: Promise<T>,
	field: string,
	message: string
): Promise<T> {
	try {
		return await work;
	} catch (e) {
		if (isUniqueViolation(e)) throw new ValidationError({ [field]: message });
		throw e;
	}
}
