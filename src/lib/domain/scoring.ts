/** Scoring of an attempt: all-or-nothing per item, points summed over items. */

export interface ScoredItem {
	correctKeys: readonly string[];
	chosenKeys: readonly string[];
	/** Points for a correct answer; defaults to 1. */
	points?: number;
}

export interface AttemptScore {
	score: number;
	maxScore: number;
	correctCount: number;
}

/**
 * True iff the chosen keys form exactly the set of correct keys (order and duplicates ignored).
 * The same rule serves single, multiple (every correct option and no other) and true_false.
 * An empty choice is never correct.
 */
export function isItemCorrect(correctKeys: readonly string[], chosenKeys: readonly string[]): boolean {
	if (chosenKeys.length === 0) return false;
	const correct = new Set(correctKeys);
	const chosen = new Set(chosenKeys);
	if (correct.size !== chosen.size) return false;
	for (const key of chosen) {
		if (!correct.has(key)) return false;
	}
	return true;
}

/** Sums points of correctly answered items; `maxScore` is the sum of all items' points. */
export function scoreAttempt(items: readonly ScoredItem[]): AttemptScore {
	let score = 0;
	let maxScore = 0;
	let correctCount = 0;
	for (const item of items) {
		const points = item.points ?? 1;
		maxScore += points;
		if (isItemCorrect(item.correctKeys, item.chosenKeys)) {
			score += points;
			correctCount += 1;
		}
	}
	return { score, maxScore, correctCount };
}

/** A perfect score ("đúng tất cả các câu"), counted for the prediction question. */
export function isPerfect(score: number, maxScore: number): boolean {
	return maxScore > 0 && score === maxScore;
}
