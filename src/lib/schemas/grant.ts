import { z } from 'zod';

/** An admin's grant of organizer rights (/studio/nguoi-dung): a phone, and a contest or '' for all. */
export const grantSchema = z.object({ phone: z.string(), contestId: z.string() });
