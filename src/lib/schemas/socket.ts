import { z } from 'zod';

// The socket wire contract, shared by the server and the browser.

export const watchLeaderboardSchema = z.object({ roundId: z.string().min(1).max(64) });

export interface ServerToClientEvents {
	'leaderboard:version': (payload: { roundId: string; version: number }) => void;
}

export interface ClientToServerEvents {
	'leaderboard:watch': (payload: { roundId: string }, ack: (reply: { ok: boolean; version?: number }) => void) => void;
	'leaderboard:unwatch': (payload: { roundId: string }) => void;
}

export const roundRoom = (roundId: string): string => `round:${roundId}`;
