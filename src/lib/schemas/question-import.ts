import { z } from 'zod';

/** The confirmation of a checked question import. */
export const confirmImportSchema = z.object({
	token: z.string().regex(/^[0-9a-f]{32}$/),
	/** leave out the questions the preview flagged as likely duplicates */
	skipDuplicates: z.boolean().default(false)
});
