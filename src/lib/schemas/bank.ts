import { z } from 'zod';
import { toNfc } from '../domain/text';

// The question banks' small studio forms (/studio/ngan-hang…). Messages are catalogue keys.

export const bankCreateSchema = z.object({
	name: z.string().trim().min(3, 'error.bank_name').max(200, 'error.bank_name')
});

const topicName = z
	.string()
	.trim()
	.min(2, 'error.topic_name')
	.max(200, 'error.topic_name')
	.transform((s) => toNfc(s));
export const topicAddSchema = z.object({ name: topicName, parentId: z.string().optional() });
export const topicRenameSchema = z.object({ name: topicName, topicId: z.string().min(1) });

/** The token a bank import's dry run handed out, to write what it checked. */
export const importConfirmSchema = z.object({ token: z.string().regex(/^[0-9a-f]{32}$/) });
