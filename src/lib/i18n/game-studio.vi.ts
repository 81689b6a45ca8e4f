// Vietnamese messages of the live games (game-studio).
export const gameStudioVi = {};
