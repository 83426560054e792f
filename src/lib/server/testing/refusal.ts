/**
 * What a refused service call threw: the error's name ('ValidationError', 'ForbiddenError',
 * 'NotFoundError') and, for a validation error, its field messages. Fails the test when the call
 * was not refused.
 */
export async function refusal(
	work: Promise<unknown>
): Promise<{ name: string; fields: Record<string, string> | undefined }> {
	try {
		await work;
	} catch (e) {
		return { name: (e as Error).name, fields: (e as { fields?: Record<string, string> }).fields };
	}
	throw new Error('expected a refusal');
}
