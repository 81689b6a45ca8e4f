import type { gameStageVi } from './game-stage.vi';

export const gameStageEn: Record<keyof typeof gameStageVi, string> = {};
