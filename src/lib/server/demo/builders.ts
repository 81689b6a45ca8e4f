import {
	DEFAULT_CRITERIA,
	type Difficulty,
	type OptionDef,
	type PrizeCounts,
	type QuestionType,
	type RankCriterion
} from '../../domain/types';
import { settingsToJson, type QuestionSettings } from '../../domain/question-kinds';
import { questionSearchText, tagsText } from '../../domain/questions';
import { foldVietnamese, toNfc } from '../../domain/text';
import type { Db } from '../db/database';
import { newId } from '../ids';

// Writers of whole aggregates (a bank with its questions, a contest with its rounds), used by
// the demo data and by test fixtures alike, so both go through one path.

export interface UnitSpec {
	code: string;
	name: string;
	parentCode: string | null;
	kind: string;
	headcount: number;
}

/** Inserts units parent-first; returns ids by code. */
export async function insertUnitTree(db: Db, units: UnitSpec[], now: number): Promise<Map<string, string>> {
	const ids = new Map(units.map((u) => [u.code, newId()]));
	const rows = units.map((u) => ({
		id: ids.get(u.code)!,
		code: u.code,
		name: toNfc(u.name),
		name_folded: foldVietnamese(u.name),
		parent_id: u.parentCode ? (ids.get(u.parentCode) ?? null) : null,
		kind: u.kind,
		headcount: u.headcount,
		created_at: now
	}));
	const inserted = new Set<string>();
	while (inserted.size < rows.length) {
		const ready = rows.filter((r) => !inserted.has(r.id) && (r.parent_id === null || inserted.has(r.parent_id)));
		if (ready.length === 0) throw new Error('Unit tree has a cycle or a missing parent');
		await db.insertInto('unit').values(ready).execute();
		for (const r of ready) inserted.add(r.id);
	}
	return ids;
}

export interface QuestionSpec {
	topic: string;
	type: QuestionType;
	difficulty: Difficulty;
	text: string;
	options: { text: string; correct: boolean }[];
	explanation: string;
	legalReference: string | null;
	tags: string[];
	/** what the kind holds beyond its options (ordering's scoring, the number, text matching) */
	settings?: QuestionSettings | null;
}

export interface BankIds {
	bankId: string;
	topicIds: Map<string, string>;
}

export async function insertQuestionBank(
	db: Db,
	bank: { name: string; topics: { code: string; name: string }[]; questions: QuestionSpec[] },
	now: number
): Promise<BankIds> {
	const bankId = newId();
	await db.insertInto('question_bank').values({ id: bankId, name: bank.name, created_at: now }).execute();
	const topicIds = new Map(bank.topics.map((t) => [t.code, newId()]));
	await db
		.insertInto('topic')
		.values(
			bank.topics.map((t, i) => ({
				id: topicIds.get(t.code)!,
				bank_id: bankId,
				parent_id: null,
				code: t.code,
				name: t.name,
				position: i + 1
			}))
		)
		.execute();
	for (const [index, q] of bank.questions.entries()) {
		const questionId = newId();
		const versionId = newId();
		const options: OptionDef[] = q.options.map((o, i) => ({
			key: String.fromCharCode(65 + i),
			text: toNfc(o.text),
			correct: o.correct
		}));
		await db
			.insertInto('question')
			.values({
				id: questionId,
				bank_id: bankId,
				topic_id: topicIds.get(q.topic)!,
				type: q.type,
				difficulty: q.difficulty,
				status: 'active',
				current_version_id: null,
				created_at: now,
				position: index + 1
			})
			.execute();
		await db
			.insertInto('question_version')
			.values({
				id: versionId,
				question_id: questionId,
				version: 1,
				type: q.type,
				text: toNfc(q.text),
				options_json: JSON.stringify(options),
				explanation: toNfc(q.explanation),
				legal_reference: q.legalReference,
				tags_json: JSON.stringify(q.tags),
				created_at: now,
				// only when there are settings: the migration tests build banks on schemas before 0026
				...(q.settings ? { settings_json: settingsToJson(q.settings) } : {})
			})
			.execute();
		await db
			.updateTable('question')
			.set({
				current_version_id: versionId,
				search_text: questionSearchText(q),
				tags_text: tagsText(q.tags),
				updated_at: now
			})
			.where('id', '=', questionId)
			.execute();
	}
	return { bankId, topicIds };
}

export interface RoundSpec {
	name: string;
	/** ms since epoch */
	opensAt: number;
	/** ms since epoch */
	closesAt: number;
	timeLimitMs: number;
	maxAttempts: number;
	graceMs: number;
	predictionQuestion: string;
	criteria?: RankCriterion[];
	visibility?: 'live' | 'after_close' | 'never';
	blueprint: { topic: string; difficulty: Difficulty; count: number }[];
	/** the same prize counts for every group */
	prizesPerGroup?: PrizeCounts;
}

export interface ContestSpec {
	slug: string;
	title: string;
	summary: string;
	rulesMarkdown: string;
	consentText: string;
	groups: { code: string; name: string }[];
	rounds: RoundSpec[];
}

export interface ContestIds {
	contestId: string;
	groupIds: Map<string, string>;
	roundIds: string[];
}

export async function insertContest(db: Db, spec: ContestSpec, bank: BankIds, now: number): Promise<ContestIds> {
	const contestId = newId();
	await db
		.insertInto('contest')
		.values({
			id: contestId,
			slug: spec.slug,
			title: spec.title,
			summary: spec.summary,
			rules_md: spec.rulesMarkdown,
			consent_text: spec.consentText,
			status: 'published',
			created_at: now
		})
		.execute();
	const groupIds = new Map(spec.groups.map((g) => [g.code, newId()]));
	await db
		.insertInto('contest_group')
		.values(
			spec.groups.map((g, i) => ({
				id: groupIds.get(g.code)!,
				contest_id: contestId,
				code: g.code,
				name: g.name,
				position: i + 1
			}))
		)
		.execute();
	// The contest's rounds draw from the bank, so the bank belongs to the contest (migration 0008).
	await db
		.insertInto('bank_contest')
		.values({ bank_id: bank.bankId, contest_id: contestId, granted_by: null, created_at: now })
		.execute();
	const roundIds: string[] = [];
	for (const [i, r] of spec.rounds.entries()) {
		const roundId = newId();
		roundIds.push(roundId);
		await db
			.insertInto('round')
			.values({
				id: roundId,
				contest_id: contestId,
				ordinal: i + 1,
				name: r.name,
				opens_at: r.opensAt,
				closes_at: r.closesAt,
				time_limit_ms: r.timeLimitMs,
				max_attempts: r.maxAttempts,
				grace_ms: r.graceMs,
				prediction_question: r.predictionQuestion,
				prediction_kind: 'perfect_scores',
				ranking_criteria_json: JSON.stringify(r.criteria ?? DEFAULT_CRITERIA),
				leaderboard_visibility: r.visibility ?? 'live',
				show_answers_after_close: 1,
				leaderboard_version: 0,
				created_at: now,
				prize_counts_json: JSON.stringify(
					r.prizesPerGroup ? Object.fromEntries([...groupIds.values()].map((id) => [id, r.prizesPerGroup])) : {}
				)
			})
			.execute();
		await db
			.insertInto('blueprint_item')
			.values(
				r.blueprint.map((b) => ({
					id: newId(),
					round_id: roundId,
					group_id: null,
					bank_id: bank.bankId,
					topic_id: bank.topicIds.get(b.topic)!,
					difficulty: b.difficulty,
					count: b.count
				}))
			)
			.execute();
	}
	return { contestId, groupIds, roundIds };
}
