// Vietnamese messages of the live games (game-play).
export const gamePlayVi = {};
