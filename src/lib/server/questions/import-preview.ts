import type { RowDuplicates } from '../../domain/import/duplicates';
import type { SkippedQuestion } from '../../domain/import/skips';
import type { ImportResult, ImportedQuestion } from '../../domain/import/types';
import {
	isChoiceType,
	type NumericSettings,
	type OrderScoring,
	type TextMatchSettings
} from '../../domain/question-kinds';
import { foldVietnamese } from '../../domain/text';
import type { QuestionType } from '../../domain/types';

export interface ImportPreview {
	total: number;
	byType: Record<string, number>;
	byDifficulty: Record<string, number>;
	byTopic: { name: string; count: number; isNew: boolean }[];
	issues: { line: number; message: string }[];
	issueCount: number;
	/** questions that look like one of the bank or an earlier one of the file, in file order */
	duplicates: PreviewDuplicate[];
	duplicateCount: number;
	/** questions of unsupported types left out on request, in file order */
	skipped: SkippedQuestion[];
	/** questions of unsupported types that refuse the file (none when they were skipped) */
	unsupportedCount: number;
	/** the template's example rows left out */
	examplesSkipped: number;
	/** what the import left out of questions it keeps (a Moodle answer worth part of the points…) */
	notices: { line: number; message: string }[];
	/** the questions of the kinds beyond choices, with their key, for the organizer to check, in file order */
	kinds: PreviewKind[];
	kindCount: number;
}

/** A question of a kind beyond choices as the preview shows it: what it asks and what counts as right. */
export interface PreviewKind {
	/** the question's number in the file, from 1 */
	number: number;
	type: QuestionType;
	text: string;
	/** ordering: the items in the right order; short_text: the accepted answers; poll: the options */
	items: string[];
	scoring?: OrderScoring;
	numeric?: NumericSettings;
	match?: TextMatchSettings;
}

export interface PreviewSkips {
	skipped: SkippedQuestion[];
	unsupportedCount: number;
	examplesSkipped: number;
}

export interface PreviewDuplicate {
	/** the question's number in the file, from 1 */
	number: number;
	text: string;
	/** best first: a bank question, or an earlier question of the file (its `number`) */
	matches: { source: 'bank' | 'file'; number?: number; text: string; similarity: number }[];
}

const MAX_ISSUES_SHOWN = 500;

/**
 * What the dry run tells the organizer: counts by type, difficulty and topic, every issue, and the
 * likely duplicates.
 */
export function previewImport(
	result: ImportResult,
	existingTopics: string[],
	duplicates: readonly RowDuplicates[] = [],
	skips: PreviewSkips = { skipped: [], unsupportedCount: 0, examplesSkipped: 0 },
	notices: readonly { line: number; message: string }[] = []
): ImportPreview {
	const known = new Set(existingTopics.map((t) => foldVietnamese(t)));
	const byType: Record<string, number> = {};
	const byDifficulty: Record<string, number> = {};
	const byTopic = new Map<string, { name: string; count: number; isNew: boolean }>();
	for (const q of result.questions) {
		byType[q.type] = (byType[q.type] ?? 0) + 1;
		byDifficulty[q.difficulty] = (byDifficulty[q.difficulty] ?? 0) + 1;
		const name = q.topic.trim() || 'Chung';
		const key = foldVietnamese(name);
		const entry = byTopic.get(key) ?? { name, count: 0, isNew: !known.has(key) };
		entry.count += 1;
		byTopic.set(key, entry);
	}
	const issues = result.ok ? [] : result.issues;
	return {
		total: result.questions.length,
		byType,
		byDifficulty,
		byTopic: [...byTopic.values()],
		issues: issues.slice(0, MAX_ISSUES_SHOWN).map((i) => ({ line: i.line, message: i.message })),
		issueCount: issues.length,
		duplicates: duplicates.slice(0, MAX_ISSUES_SHOWN).map((d) => ({
			number: d.index + 1,
			text: result.questions[d.index].text,
			matches: d.matches.map((m) => ({
				source: m.source,
				...(m.index === undefined ? {} : { number: m.index + 1 }),
				text: m.text,
				similarity: m.similarity
			}))
		})),
		duplicateCount: duplicates.length,
		skipped: skips.skipped.slice(0, MAX_ISSUES_SHOWN),
		unsupportedCount: skips.unsupportedCount,
		examplesSkipped: skips.examplesSkipped,
		notices: notices.slice(0, MAX_ISSUES_SHOWN).map((n) => ({ line: n.line, message: n.message })),
		...previewKinds(result.questions)
	};
}

function previewKinds(questions: readonly ImportedQuestion[]): Pick<ImportPreview, 'kinds' | 'kindCount'> {
	const kinds: PreviewKind[] = [];
	let kindCount = 0;
	questions.forEach((q, i) => {
		if (isChoiceType(q.type)) return;
		kindCount += 1;
		if (kinds.length >= MAX_ISSUES_SHOWN) return;
		const kind: PreviewKind = { number: i + 1, type: q.type, text: q.text, items: q.options.map((o) => o.text) };
		if (q.settings?.ordering) kind.scoring = q.settings.ordering.scoring;
		if (q.settings?.numeric) kind.numeric = q.settings.numeric;
		if (q.settings?.text) kind.match = q.settings.text;
		kinds.push(kind);
	});
	return { kinds, kindCount };
}
