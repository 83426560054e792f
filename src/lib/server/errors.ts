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
