import { z } from 'zod';
import type { LivePacket, ViewerStanding } from '../domain/live-board';

// The socket wire contract, shared by the server and the browser.

const id = z.string().min(1).max(64);

/**
 * What a viewer follows: one round (its leaderboard page, result page or audience screen), a
 * contest (its screen follows the contest's current round), or a round's organizer dashboard.
 */
export const liveTargetSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('round'), id }),
	z.object({ kind: z.literal('contest'), id }),
	z.object({ kind: z.literal('dashboard'), id })
]);
export type LiveTarget = z.infer<typeof liveTargetSchema>;

export const watchLiveSchema = z.object({
	target: liveTargetSchema,
	/** the state the viewer holds, if any: the server answers "up to date" instead of a snapshot */
	epoch: z.string().max(64).optional(),
	seq: z.number().int().nonnegative().optional()
});
export type WatchLive = z.infer<typeof watchLiveSchema>;

export const standingRequestSchema = z.object({ roundId: id });

export type WatchReply =
	| { ok: true; room: string; packet: LivePacket | null; /** server time of the reply, ms */ now: number }
	| { ok: false; reason: 'invalid' | 'not_found' | 'forbidden' | 'unavailable' };

export type StandingReply = { ok: true; standing: ViewerStanding | null } | { ok: false };

export interface ServerToClientEvents {
	'live:packet': (packet: LivePacket) => void;
}

export interface ClientToServerEvents {
	'live:watch': (payload: WatchLive, ack: (reply: WatchReply) => void) => void;
	'live:unwatch': (payload: { room: string }) => void;
	'live:standing': (payload: { roundId: string }, ack: (reply: StandingReply) => void) => void;
}

export function liveRoom(target: LiveTarget): string {
	return `${target.kind}:${target.id}`;
}
