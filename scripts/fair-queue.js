// Requests are started in the order they arrived, one per turn of the event loop.
//
// Node's HTTP server runs a request's handler as soon as it reads the request, in whatever order
// the sockets come out of the poll. Under load (say 20 people at once on one process) some
// connections are read late again and again: measured here with a plain 5 ms handler at 20
// connections, the median wait was one round (100 ms) but 1 in 100 requests waited two rounds
// and the slowest ten. Queueing each request as it is read and starting the oldest one per turn
// lets every turn's poll read all that has arrived first, so each request waits only for those
// that came before it: the same median, p99 within a few per cent of it, the slowest two rounds.
// (npm run bench prints the pages' p99 this way; tests/scripts/fair-queue.test.ts shows the order.)

/**
 * @template {unknown[]} A
 * @param {(...args: A) => void} handle
 * @param {{ defer?: (fn: () => void) => void }} [opts] how to wait for the next turn (setImmediate)
 * @returns {((...args: A) => void) & { readonly waiting: number }}
 */
export function fairQueue(handle, opts = {}) {
	const defer = opts.defer ?? setImmediate;
	/** @type {A[]} */
	const queue = [];
	let head = 0;
	let scheduled = false;

	const next = () => {
		const args = queue[head];
		queue[head++] = /** @type {any} */ (undefined);
		if (head === queue.length) {
			queue.length = 0;
			head = 0;
		}
		scheduled = queue.length > 0;
		if (scheduled) defer(next);
		handle(...args);
	};

	const enqueue = /** @type {((...args: A) => void) & { readonly waiting: number }} */ (
		(/** @type {A} */ ...args) => {
			queue.push(args);
			if (!scheduled) {
				scheduled = true;
				defer(next);
			}
		}
	);
	Object.defineProperty(enqueue, 'waiting', { get: () => queue.length - head });
	return enqueue;
}
