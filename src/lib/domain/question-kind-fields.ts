/**
 * The studio editor's boxes for a kind's settings (issue 16), shared by its load (stored settings
 * shown back) and the page (a new question's defaults). Numbers are shown as Vietnamese writes
 * them, which parseTypedNumber reads back.
 */
import { DEFAULT_TEXT_MATCH, formatNumberVi, type QuestionSettings } from './question-kinds';

/** The kind's own fields as the editor shows them, from stored settings (defaults for a new question). */
export function kindFormValues(settings: QuestionSettings | null | undefined): {
	orderingScoring: 'all' | 'pairs';
	numericAnswer: string;
	numericTolerance: string;
	numericScoring: 'tolerance' | 'distance';
	numericSpread: string;
	numericMin: string;
	numericMax: string;
	numericStep: string;
	numericUnit: string;
	ignoreCase: boolean;
	ignoreDiacritics: boolean;
} {
	const n = settings?.numeric;
	const shown = (x: number | undefined): string => (x === undefined ? '' : formatNumberVi(x));
	return {
		orderingScoring: settings?.ordering?.scoring ?? 'all',
		numericAnswer: shown(n?.answer),
		numericTolerance: shown(n?.tolerance ?? 0),
		numericScoring: n?.scoring ?? 'tolerance',
		numericSpread: shown(n?.spread),
		numericMin: shown(n?.min),
		numericMax: shown(n?.max),
		numericStep: shown(n?.step),
		numericUnit: n?.unit ?? '',
		ignoreCase: settings?.text?.ignoreCase ?? DEFAULT_TEXT_MATCH.ignoreCase,
		ignoreDiacritics: settings?.text?.ignoreDiacritics ?? DEFAULT_TEXT_MATCH.ignoreDiacritics
	};
}
