import { z } from 'zod';
import { TEAM_MODES, TEAM_NAME_MAX, TEAM_SCORINGS, TEAMS_MAX } from '../domain/live-game-teams';

// The studio's team setup form (live-game-teams.ts): the mode, the scoring, and the named teams as
// `team.<i>.name` and `team.<i>.stage` (a ticked checkbox), i from 0.

export const gameTeamsSchema = z.object({
	mode: z.enum(TEAM_MODES as [string, ...string[]]).transform((m) => m as 'off' | 'unit' | 'named'),
	scoring: z.enum(TEAM_SCORINGS as [string, ...string[]]).transform((s) => s as 'mean' | 'best'),
	teams: z
		.array(z.object({ name: z.string().max(TEAM_NAME_MAX * 4), stage: z.boolean() }))
		// a few more than allowed, so that "too many" is the rule's message, not a parse error
		.max(TEAMS_MAX + 10)
});
export type GameTeamsForm = z.infer<typeof gameTeamsSchema>;

/** The form's fields as the schema reads them; rows left blank (no name, not on stage) are dropped. */
export function gameTeamsInput(form: FormData): unknown {
	const teams: { name: string; stage: boolean }[] = [];
	for (let i = 0; i < TEAMS_MAX + 10; i++) {
		const name = form.get(`team.${i}.name`);
		if (name === null) break;
		const stage = form.get(`team.${i}.stage`) === 'on';
		if (String(name).trim() || stage) teams.push({ name: String(name), stage });
	}
	return { mode: form.get('teamMode'), scoring: form.get('teamScoring'), teams };
}
