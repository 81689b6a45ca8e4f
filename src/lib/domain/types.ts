/** Shared vocabulary of the pure domain rules. Imports nothing. */

/** Every kind of question; see question-kinds.ts for what each means and how it is graded. */
export type QuestionType =
	'single' | 'multiple' | 'true_false' | 'ordering' | 'numeric' | 'short_text' | 'poll' | 'word_cloud';
export type Difficulty = 'easy' | 'medium' | 'hard';
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];
/** The kinds chosen among options (before issue 16, the only ones); ALL_QUESTION_TYPES has every kind. */
export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'true_false'];

/** One option of a question as authored: `key` is the stable authoring letter ('A'..'H'). */
export interface OptionDef {
	key: string;
	text: string;
	correct: boolean;
	/** an optional picture: the stored file's id (a content hash) and its alt text */
	image?: { media: string; alt: string };
}

/** Final-ranking criteria, applied in the order a round lists them. */
export type RankCriterion = 'score' | 'prediction' | 'duration' | 'submittedAt';
export const DEFAULT_CRITERIA: readonly RankCriterion[] = ['score', 'prediction', 'duration', 'submittedAt'];

export type PredictionKind = 'perfect_scores' | 'participants';

/** Individual prizes of a round, per group: Nhất, Nhì, Ba, Khuyến khích. */
export type PrizeTier = 'first' | 'second' | 'third' | 'consolation';
export const PRIZE_TIERS: readonly PrizeTier[] = ['first', 'second', 'third', 'consolation'];
export type PrizeCounts = Record<PrizeTier, number>;

/** What collective (unit) prizes reward. */
export type CollectiveCriterion = 'participation_rate' | 'participants' | 'mean_score';
export interface CollectivePrizeRule {
	by: CollectiveCriterion;
	/** how many units win a collective prize */
	count: number;
	/** the minimum participation rate (0–1) a unit needs to win */
	minRate: number;
}
