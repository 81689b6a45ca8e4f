// English messages of the import preview for the kinds beyond choices (issue 16).
import type { importKindsVi } from './import-kinds.vi';

export const importKindsEn: Record<keyof typeof importKindsVi, string> = {
	'import.notices_title': 'Notes on the import: {n}',
	'import.notices_hint': 'The file still imports; the parts below are not brought into the questions.',
	'import.kinds_title': 'Ordering, number, typed-answer, poll and word-cloud questions: {n}',
	'import.kinds_hint': 'Check the answers of these questions before importing.',
	'import.kind_order': 'Right order:',
	'import.kind_scoring_all': 'Scoring: the whole order must be right.',
	'import.kind_scoring_pairs': 'Scoring: by neighbouring pairs in the right order.',
	'import.kind_numeric': 'Answer: {value}',
	'import.kind_exact': 'exactly',
	'import.kind_range': 'Players enter from {min} to {max}.',
	'import.kind_step': 'Step: {step}.',
	'import.kind_distance': 'In live games, points fall to 0 at {spread} beyond the tolerance.',
	'import.kind_accepted': 'Accepted answers:',
	'import.kind_match_default': 'Case ignored; diacritics must be right.',
	'import.kind_match_no_diacritics': 'Case ignored; answers typed without diacritics accepted.',
	'import.kind_match_case': 'Case matters; diacritics must be right.',
	'import.kind_match_case_no_diacritics': 'Case matters; answers typed without diacritics accepted.',
	'import.kind_poll': 'Options (not scored):',
	'import.kind_word_cloud': 'Players type a word or phrase (not scored).',
	'import.more_kinds': 'And {n} more.'
};
