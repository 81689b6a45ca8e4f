/** Shared vocabulary of the pure domain rules. Imports nothing. */

export type QuestionType = 'single' | 'multiple' | 'true_false';
export type Difficulty = 'easy' | 'medium' | 'hard';
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];
export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'true_false'];

/** One option of a question as authored: `key` is the stable authoring letter ('A'..'H'). */
export interface OptionDef {
	key: string;
	text: string;
	correct: boolean;
}

/** Final-ranking criteria, applied in the order a round lists them. */
export type RankCriterion = 'score' | 'prediction' | 'duration' | 'submittedAt';
export const DEFAULT_CRITERIA: readonly RankCriterion[] = ['score', 'prediction', 'duration', 'submittedAt'];

export type PredictionKind = 'perfect_scores' | 'participants';
