import type { Db } from '../db/database';
import { attemptItemsWithVersion } from './attempt.repository';

/** A finished attempt's items with their question, authored options (the key) and explanation; server side only. */
export function listReviewItems(db: Db, attemptId: string) {
	return attemptItemsWithVersion(db, attemptId)
		.select([
			'attempt_item.position',
			'attempt_item.option_keys_json',
			'attempt_item.option_ids_json',
			'attempt_item.answer_json',
			'attempt_item.is_correct',
			'question_version.type',
			'question_version.settings_json',
			'question_version.text',
			'question_version.options_json',
			'question_version.image_media_id',
			'question_version.image_alt',
			'question_version.audio_media_id',
			'question_version.explanation',
			'question_version.legal_reference'
		])
		.execute();
}
