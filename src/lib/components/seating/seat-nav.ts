/**
 * Keyboard movement on a seat map: the seat an arrow key goes to from `from`, by the drawn
 * positions (x to the right, y down, as the audience sees the map). The nearest seat in that
 * direction wins; one on the same line beats one off it; an aisle or a gap is jumped.
 */
export type Direction = 'left' | 'right' | 'up' | 'down';

export interface Placed {
	key: string;
	x: number;
	y: number;
}

export const ARROWS: Record<string, Direction> = {
	ArrowLeft: 'left',
	ArrowRight: 'right',
	ArrowUp: 'up',
	ArrowDown: 'down'
};

export function nextSeat<T extends Placed>(seats: readonly T[], from: T, dir: Direction): T | null {
	let best: T | null = null;
	let bestScore = Infinity;
	for (const s of seats) {
		if (s.key === from.key) continue;
		const dx = s.x - from.x;
		const dy = s.y - from.y;
		const [along, across] = dir === 'left' || dir === 'right' ? [dx, dy] : [dy, dx];
		const ahead = dir === 'left' || dir === 'up' ? -along : along;
		if (ahead <= 0) continue;
		// Off the line costs more than any distance along it.
		const score = Math.abs(across) * 10_000 + ahead;
		if (score < bestScore || (score === bestScore && best && s.key < best.key)) {
			best = s;
			bestScore = score;
		}
	}
	return best;
}
