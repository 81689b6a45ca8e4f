import type { gamePlayVi } from './game-play.vi';

export const gamePlayEn: Record<keyof typeof gamePlayVi, string> = {};
