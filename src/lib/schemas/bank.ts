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
