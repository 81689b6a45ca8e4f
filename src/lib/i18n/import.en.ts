// English messages of the question import's duplicate check and caps, and of the statistics'
// check of how the answer keys are spread.
import type { importVi } from './import.vi';

export const importEn: Record<keyof typeof importVi, string> = {
	'import.duplicates_title': 'Possible duplicates: {n}',
	'import.duplicates_hint':
		'The questions below are the same as, or nearly the same as, a question already in the bank or an earlier question of the same file.',
	'import.question_number': 'Question {n}',
	'import.duplicate_of_bank': '{percent}% like a question in the bank:',
	'import.duplicate_of_row': '{percent}% like question {n} of the file:',
	'import.more_duplicates': 'And {n} more possible duplicates.',
	'import.skip_duplicates': 'Skip duplicates',
	'import.skip_duplicates_hint': 'The {n} possible duplicates are not imported; the other questions are.',
	'import.skipped': 'Skipped {n} duplicates.',
	'error.import_busy': 'The server holds too many unconfirmed imports. Please try again in a few minutes.',
	'error.banner_dimensions':
		'The image is too large in pixels (at most 8192 a side and 20 million in all); shrink it and upload again.',

	'stats.keys_title': 'Where the right answers are',
	'stats.keys_hint':
		'The position of the right answer in the questions drawn, in the order contestants saw them. If right answers pile up on one side, a contestant who always guesses that side scores.',
	'stats.keys_true_false': 'True/false questions',
	'stats.keys_single': 'Single-answer questions with {n} options',
	'stats.keys_position': 'Option {letter}',
	'stats.keys_true': 'True',
	'stats.keys_false': 'False',
	'stats.keys_drawn': 'Questions drawn',
	'stats.keys_lopsided':
		'Lopsided: the right answer is "{side}" in {share}% of the questions. Rebalance the keys in the bank or turn on option shuffling.',
	'stats.keys_balanced': 'Balanced',
	'stats.keys_too_few': 'Too few questions to judge'
};
