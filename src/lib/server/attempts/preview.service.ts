import { answerLines, keyLines } from '../../domain/attempt-answers';
import { isChoiceType, settingsFromJson } from '../../domain/question-kinds';
import type { OptionDef, QuestionType } from '../../domain/types';
import type { AppContext } from '../context';
import type { PictureView } from '../../schemas/attempt';
import { canManageContest, type Actor } from '../contests/contest-access';
import { findRound } from '../contests/contest.repository';
import { findAttempt } from './attempt.repository';
import { pictureOf, questionMedia } from '../media/views';
import { listReviewItems } from './preview.repository';

// An organizer's "thi thử" reviewed: each question as it was shown, what they chose, the right
// answer and the explanation. Only for a finished preview attempt of the organizer's own, in a
// contest they still manage: a contestant's attempt never gets here, so the key of an open round
// stays on the server (DESIGN.md §3).

export interface ReviewOption {
	text: string;
	correct: boolean;
	chosen: boolean;
	image?: PictureView;
}

export interface ReviewItem {
	position: number;
	type: QuestionType;
	text: string;
	image?: PictureView;
	audio?: string;
	/** choice kinds: in the order the attempt showed them; other kinds: none (see key and answer) */
	options: ReviewOption[];
	/** other kinds: the key written out (the right order, the number ± tolerance, the accepted answers) */
	key: string[];
	/** other kinds: the answer given (the items in the order given, or what was typed) */
	answer: string[];
	correct: boolean;
	explanation: string;
	legalReference: string | null;
}

/** The preview's questions with the key, or null when this is no finished preview the actor may see. */
export async function getPreviewReview(ctx: AppContext, attemptId: string, actor: Actor): Promise<ReviewItem[] | null> {
	const attempt = await findAttempt(ctx.db, attemptId);
	if (!attempt || attempt.user_id !== actor.id || !attempt.is_preview || attempt.status !== 'finished') return null;
	const round = await findRound(ctx.db, attempt.round_id);
	if (!round || !(await canManageContest(ctx.db, actor, round.contest_id))) return null;
	const items = await listReviewItems(ctx.db, attemptId);
	return items.map((item) => {
		const authored = new Map((JSON.parse(item.options_json) as OptionDef[]).map((o) => [o.key, o]));
		const keys = JSON.parse(item.option_keys_json) as string[];
		const ids = JSON.parse(item.option_ids_json) as string[];
		const chosen = new Set(item.answer_json ? (JSON.parse(item.answer_json) as string[]) : []);
		const type = item.type as QuestionType;
		const choice = isChoiceType(type);
		return {
			position: item.position,
			type,
			text: item.text,
			...questionMedia(item),
			key: choice ? [] : keyLines(type, [...authored.values()], settingsFromJson(item.settings_json)),
			answer: choice ? [] : answerLines(item),
			options: (choice ? keys : []).map((key, i) => {
				const option: ReviewOption = {
					text: authored.get(key)?.text ?? '',
					correct: authored.get(key)?.correct ?? false,
					chosen: chosen.has(ids[i])
				};
				const image = pictureOf(authored.get(key)?.image);
				if (image) option.image = image;
				return option;
			}),
			correct: item.is_correct === 1,
			explanation: item.explanation,
			legalReference: item.legal_reference
		};
	});
}
