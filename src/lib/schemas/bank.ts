import { z } from 'zod';
import { nameText } from './text';

// The question banks' small studio forms (/studio/ngan-hang…). Messages are catalogue keys.

export const bankCreateSchema = z.object({
	name: nameText({ min: 3, max: 200, message: 'error.bank_name' }),
	/** '' leaves the bank to admins and organizers of every contest */
	contestId: z
		.string()
		.optional()
		.transform((s) => s || null)
});

const topicName = nameText({ min: 2, max: 200, message: 'error.topic_name' });
export const topicAddSchema = z.object({ name: topicName, parentId: z.string().optional() });
export const topicRenameSchema = z.object({ name: topicName, topicId: z.string().min(1) });

/** Sharing a bank with another contest of the organizer's. */
export const bankShareSchema = z.object({ contestId: z.string().min(1, 'error.invalid') });

/** A bulk action from the bank page: what to do; the selection is read by bulkSelectionSchema. */
export const bulkOperationSchema = z.discriminatedUnion('action', [
	z.object({ action: z.enum(['retire', 'restore']) }).transform((v) => ({ kind: v.action })),
	z
		.object({ action: z.literal('topic'), topicId: z.string().min(1, 'error.bulk_topic_required') })
		.transform((v) => ({ kind: v.action, topicId: v.topicId })),
	z
		.object({ action: z.literal('difficulty'), difficulty: z.enum(['easy', 'medium', 'hard']) })
		.transform((v) => ({ kind: v.action, difficulty: v.difficulty })),
	z
		.object({
			action: z.enum(['tag_add', 'tag_remove']),
			tag: nameText({ min: 1, max: 100, message: 'error.bulk_tag_required' })
		})
		.transform((v) => ({ kind: v.action, tag: v.tag })),
	z
		.object({ action: z.enum(['move', 'copy']), bankId: z.string().min(1, 'error.bulk_bank_required') })
		.transform((v) => ({ kind: v.action, bankId: v.bankId }))
]);

/** The ticked questions of the page, or "all that match" the page's filter (its query string). */
export const bulkSelectionSchema = z.object({
	scope: z.enum(['ticked', 'all']),
	ids: z.array(z.string().max(64)).max(1000),
	filter: z.string().max(2000)
});

/** Topics merged into one of theirs. */
export const topicMergeSchema = z.object({
	sources: z.array(z.string().min(1)).min(1, 'error.merge_needs_topics').max(200),
	targetId: z.string().min(1, 'error.merge_needs_topics')
});
