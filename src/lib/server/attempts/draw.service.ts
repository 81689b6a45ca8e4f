import { randomBytes } from 'node:crypto';
import {
	arrangeOptions,
	pickQuestions,
	type BlueprintItem,
	type DrawnItem,
	type QuestionCandidate
} from '../../domain/draw';
import type { Difficulty, OptionDef } from '../../domain/types';
import { listBlueprint } from '../contests/contest.repository';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { newId } from '../ids';
import type { ClientSignals } from '../fair-play/client-signals';
import {
	insertAttempt,
	listBankRevisions,
	listDrawCandidates,
	listPickCandidates,
	listVersionOptions
} from './attempt.repository';

/** The round's blueprint lines for one group: the shared lines plus that group's own. */
async function groupBlueprint(db: Db, roundId: string, groupId: string) {
	return (await listBlueprint(db, roundId)).filter((b) => b.group_id === null || b.group_id === groupId);
}

function toBlueprint(rows: Awaited<ReturnType<typeof groupBlueprint>>): BlueprintItem[] {
	return rows.map((b) => ({ topicId: b.topic_id, difficulty: b.difficulty as Difficulty, count: b.count }));
}

/** Đúng stays before Sai, as every Vietnamese quiz shows it: true/false options keep their order. */
function shufflesOptions(type: string): boolean {
	// a bank keeps "always Đúng" from paying by balancing its keys, and the round statistics flag
	// it when it does not.
	return type !== 'true_false';
}

/** The round's blueprint for one group (shared lines plus that group's own) and its candidates. */
export async function loadDrawInputs(db: Db, roundId: string, groupId: string) {
	const rows = await groupBlueprint(db, roundId, groupId);
	const candidates = (await listDrawCandidates(db, [...new Set(rows.map((b) => b.bank_id))])).map((c) => ({
		questionId: c.questionId,
		versionId: c.versionId,
		topicId: c.topicId,
		difficulty: c.difficulty as Difficulty,
		optionKeys: (JSON.parse(c.options_json) as OptionDef[]).map((o) => o.key),
		shuffleOptions: shufflesOptions(c.type)
	}));
	return { blueprint: toBlueprint(rows), candidates };
}

type PickCandidate = QuestionCandidate;

/** Kept candidate lists, per database, by banks, topics and the banks' revisions. */
const candidateCache = new WeakMap<Db, Map<string, PickCandidate[]>>();
const CANDIDATE_LISTS_KEPT = 64;

/**
 * The questions a draw may pick from the banks' topics. Kept in this process while the banks'
 * revisions (moved by a trigger on every write to their questions) stay the same, so a rush of
 * starts reads one small row per bank instead of the whole candidate list every time. The
 * revisions are read before the list: a write in between leaves a newer list under an older key,
 * which the next start, seeing the newer revision, does not use.
 */
async function pickCandidates(db: Db, bankIds: string[], topicIds: string[]): Promise<PickCandidate[]> {
	const revisions = new Map((await listBankRevisions(db, bankIds)).map((r) => [r.bank_id, r.revision]));
	const key = `${bankIds.map((id) => `${id}@${revisions.get(id) ?? 0}`).join(',')}|${topicIds.join(',')}`;
	let lists = candidateCache.get(db);
	const kept = lists?.get(key);
	if (kept) return kept;
	const candidates = (await listPickCandidates(db, bankIds, topicIds))
		.map((c) => ({ ...c, difficulty: c.difficulty as Difficulty }))
		// in the draw's own order, so its sort finds the list already sorted
		.sort((a, b) => compareIds(a.questionId, b.questionId) || compareIds(a.versionId, b.versionId));
	if (!lists) candidateCache.set(db, (lists = new Map()));
	if (lists.size >= CANDIDATE_LISTS_KEPT) lists.clear();
	lists.set(key, candidates);
	return candidates;
}

function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The same draw as drawAttempt over loadDrawInputs, reading less: the questions are picked from
 * the bank without their options, then only the picked ones' options are read and arranged.
 */
export async function drawForAttempt(
	db: Db,
	roundId: string,
	groupId: string,
	seed: string
): Promise<DrawnItem[] | null> {
	const rows = await groupBlueprint(db, roundId, groupId);
	const candidates = await pickCandidates(
		db,
		[...new Set(rows.map((b) => b.bank_id))].sort(),
		[...new Set(rows.map((b) => b.topic_id))].sort()
	);
	const pick = pickQuestions(seed, toBlueprint(rows), candidates);
	if (!pick.ok || pick.picked.length === 0) return null;
	const versions = new Map(
		(
			await listVersionOptions(
				db,
				pick.picked.map((c) => c.versionId)
			)
		).map((v) => [v.id, { optionKeys: (JSON.parse(v.options_json) as OptionDef[]).map((o) => o.key), type: v.type }])
	);
	return arrangeOptions(
		pick.rng,
		pick.picked.map((c) => {
			const version = versions.get(c.versionId);
			return {
				questionId: c.questionId,
				versionId: c.versionId,
				optionKeys: version?.optionKeys ?? [],
				shuffleOptions: shufflesOptions(version?.type ?? ''),
				avoidAuthoredOrder: version?.type === 'ordering'
			};
		})
	);
}

export interface NewAttemptSpec {
	roundId: string;
	userId: string;
	groupId: string;
	unitId: string;
	ordinal: number;
	/** ms since epoch */
	startedAt: number;
	/** ms since epoch */
	deadline: number;
	isPreview: boolean;
	/** the device, hashed address and user agent of the start (fair play, issue 14) */
	client?: ClientSignals;
}

export type CreateAttemptResult = { ok: true; attemptId: string } | { ok: false; reason: 'no_questions' | 'conflict' };

/**
 * Draws the attempt's questions with a fresh recorded seed and stores the attempt with its items.
 * 'conflict' means a unique index refused it (another attempt in progress, or a raced ordinal).
 */
export async function createAttempt(db: Db, spec: NewAttemptSpec): Promise<CreateAttemptResult> {
	const seed = randomBytes(12).toString('hex');
	const drawn = await drawForAttempt(db, spec.roundId, spec.groupId, seed);
	if (!drawn) return { ok: false, reason: 'no_questions' };
	const attemptId = newId();
	try {
		await db.transaction().execute((trx) =>
			insertAttempt(
				trx,
				{
					id: attemptId,
					round_id: spec.roundId,
					user_id: spec.userId,
					group_id: spec.groupId,
					unit_id: spec.unitId,
					ordinal: spec.ordinal,
					status: 'in_progress',
					seed,
					started_at: spec.startedAt,
					deadline: spec.deadline,
					max_score: drawn.length,
					disqualified: 0,
					is_preview: spec.isPreview ? 1 : 0,
					device_id: spec.client?.deviceId ?? null,
					ip_hash: spec.client?.ipHash ?? null,
					user_agent: spec.client?.userAgent ?? null
				},
				drawn.map((item: DrawnItem) => ({
					attempt_id: attemptId,
					position: item.position,
					question_version_id: item.versionId,
					option_keys_json: JSON.stringify(item.optionKeys),
					option_ids_json: JSON.stringify(item.optionIds),
					answer_json: null,
					answer_rev: 0,
					answered_at: null,
					is_correct: null
				}))
			)
		);
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' };
		throw error;
	}
	return { ok: true, attemptId };
}
