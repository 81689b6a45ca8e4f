// The live-game forms' limits, apart from their zod schemas (live-game.ts): the studio pages show
// them in the browser, which then need not download zod.

/** A game holds between 1 and this many questions. */
export const MAX_GAME_QUESTIONS = 100;
export const MIN_TIME_LIMIT_SECONDS = 5;
export const MAX_TIME_LIMIT_SECONDS = 120;
export const DEFAULT_TIME_LIMIT_SECONDS = 20;
export const MIN_QUESTION_POINTS = 100;
export const MAX_QUESTION_POINTS = 10_000;
