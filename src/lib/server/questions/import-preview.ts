import type { ImportResult } from '../../domain/import/types';
import { foldVietnamese } from '../../domain/text';

export interface ImportPreview {
	total: number;
	byType: Record<string, number>;
	byDifficulty: Record<string, number>;
	byTopic: { name: string; count: number; isNew: boolean }[];
	issues: { line: number; message: string }[];
	issueCount: number;
}

const MAX_ISSUES_SHOWN = 500;

/** What the dry run tells the organizer: counts by type, difficulty and topic, and every issue. */
export function previewImport(result: ImportResult, existingTopics: string[]): ImportPreview {
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
		issueCount: issues.length
	};
}
