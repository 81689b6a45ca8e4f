/**
 * Bulk changes to a bank must not leave a round that still draws from it unable to draw: a round
 * not yet closed whose blueprint was satisfiable before the change must stay so after it.
 */
import { checkBlueprint, type BlueprintItem, type QuestionCandidate } from '../../domain/draw';
import type { Difficulty } from '../../domain/types';
import type { Db } from '../db/database';
import { listOpenBlueprintLines } from './bulk.repository';
import { listActiveQuestionKeys, topicNamesOfBank } from './question.repository';

export interface BlueprintShortfall {
	roundName: string;
	topic: string;
	difficulty: Difficulty;
	needed: number;
	available: number;
}

/** Per round and group (`roundId|groupId`, '' for the shared lines): the first line it cannot fill. */
export async function findShortfalls(
	db: Db,
	bankIds: readonly string[],
	now: number
): Promise<Map<string, BlueprintShortfall>> {
	const lines = await listOpenBlueprintLines(db, bankIds, now);
	const found = new Map<string, BlueprintShortfall>();
	if (lines.length === 0) return found;
	const banks = [...new Set(lines.map((l) => l.bankId))];
	const candidates: QuestionCandidate[] = [];
	const topicNames = new Map<string, string>();
	for (const bankId of banks) {
		for (const r of await listActiveQuestionKeys(db, bankId)) {
			candidates.push({
				questionId: r.questionId,
				versionId: r.versionId ?? '',
				topicId: r.topicId,
				difficulty: r.difficulty as Difficulty
			});
		}
		for (const [id, name] of await topicNamesOfBank(db, bankId)) topicNames.set(id, name);
	}
	const rounds = new Map<string, typeof lines>();
	for (const line of lines) rounds.set(line.roundId, [...(rounds.get(line.roundId) ?? []), line]);
	for (const [roundId, roundLines] of rounds) {
		const groups = new Set(['', ...roundLines.flatMap((l) => (l.groupId ? [l.groupId] : []))]);
		for (const group of groups) {
			const mine: BlueprintItem[] = roundLines
				.filter((l) => l.groupId === null || l.groupId === group)
				.map((l) => ({ topicId: l.topicId, difficulty: l.difficulty as Difficulty, count: l.count }));
			const check = checkBlueprint(mine, candidates);
			if (check.ok) continue;
			found.set(`${roundId}|${group}`, {
				roundName: roundLines[0].roundName,
				topic: topicNames.get(check.topicId) ?? check.topicId,
				difficulty: check.difficulty,
				needed: check.needed,
				available: check.available
			});
		}
	}
	return found;
}

/** The first shortfall `after` has that `before` had not: what the change broke. */
export function newShortfall(
	before: Map<string, BlueprintShortfall>,
	after: Map<string, BlueprintShortfall>
): BlueprintShortfall | null {
	for (const [key, shortfall] of after) if (!before.has(key)) return shortfall;
	return null;
}
