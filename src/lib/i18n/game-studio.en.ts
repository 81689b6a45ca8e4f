import type { gameStudioVi } from './game-studio.vi';

export const gameStudioEn: Record<keyof typeof gameStudioVi, string> = {};
