import type { bulkVi } from './bulk.vi';

export const bulkEn: Record<keyof typeof bulkVi, string> = {
	'bulk.title': 'Bulk actions',
	'bulk.scope': 'Apply to',
	'bulk.scope_ticked': 'The questions ticked on this page ({n})',
	'bulk.scope_all': 'All {n} questions matching the filter',
	'bulk.action': 'Action',
	'bulk.action.retire': 'Retire',
	'bulk.action.restore': 'Restore',
	'bulk.action.topic': 'Move to topic',
	'bulk.action.difficulty': 'Set difficulty',
	'bulk.action.tag_add': 'Add tag',
	'bulk.action.tag_remove': 'Remove tag',
	'bulk.action.move': 'Move to another bank',
	'bulk.action.copy': 'Copy to another bank',
	'bulk.target_topic': 'Target topic',
	'bulk.target_bank': 'Target bank',
	'bulk.no_other_bank': 'You have no other bank to move or copy to.',
	'bulk.move_hint': 'Questions go to the topic of the same name in the target bank (created if missing).',
	'bulk.tag': 'Tag',
	'bulk.apply': 'Apply',
	'bulk.select_page': 'Select every question on the page',
	'bulk.select_question': 'Select: {text}',
	'bulk.done': 'Applied to {n} questions.',
	'bulk.done_none': 'No question needed a change.',
	'bulk.undone': 'Undone for {n} questions.',
	'bulk.last': 'Your last bulk action: {action}, {n} questions, at {at}.',
	'bulk.undo': 'Undo',
	'bulk.shortfall':
		'Round "{round}" needs {needed} {difficulty} questions of topic "{topic}"; after this action only {available} would be left. Lower the blueprint count or select fewer questions.',
	'bulk.merge_title': 'Merge topics',
	'bulk.merge_sources': 'Topics to merge',
	'bulk.merge_target': 'Merge into',
	'bulk.merge_button': 'Merge topics',
	'bulk.merge_hint':
		"The selected topics' questions and blueprint lines move to the topic kept; the selected topics are deleted.",
	'bulk.merged': 'Topics merged, {n} questions moved.',
	'error.nothing_selected':
		'No question selected: tick questions in the table or choose "All questions matching the filter".',
	'error.same_bank': 'The target bank must be another bank.',
	'error.blueprint_short': 'Not done: a round not yet closed would not have enough questions to draw.',
	'error.nothing_to_undo': 'There is no bulk action to undo.',
	'error.bulk_changed_since': 'Cannot undo: {n} questions changed after this action (edited or another action).',
	'error.bulk_used_since':
		'Cannot undo: a question version this action made has been shown in an attempt or a live game.',
	'error.bulk_topic_required': 'Choose the target topic.',
	'error.bulk_tag_required': 'Enter a tag (at most 100 characters).',
	'error.bulk_bank_required': 'Choose the target bank.',
	'error.merge_needs_topics': 'Select at least one topic to merge, other than the topic kept.',
	'error.merge_open_round':
		'Cannot merge: round "{round}" is open and its blueprint has lines on several of these topics; merging now would change its draw.',
	'import.skip_unsupported': 'Skip questions of unsupported types',
	'import.unsupported_found':
		'The file has {n} questions of unsupported types. You may skip them and import the others.',
	'import.skipped_title': 'Questions to be skipped: {n}',
	'import.skipped_unsupported': 'Line {line}: {name} (type {kind})',
	'import.examples_skipped': "Skipped {n} example questions of the template (identical to the template's own examples)."
};
