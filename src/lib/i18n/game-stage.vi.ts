// Vietnamese messages of the live games (game-stage).
export const gameStageVi = {};
