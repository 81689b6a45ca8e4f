/**
 * How an answer option looks everywhere in a live game — the screen, the host console and the
 * phones — so a player matches the tile on the projector to their button by colour, shape and
 * letter (colour is never the only cue).
 */
export type AnswerShapeName = 'triangle' | 'diamond' | 'circle' | 'square' | 'star' | 'hexagon' | 'pentagon' | 'heart';

export interface AnswerStyle {
	/** the tile's background */
	color: string;
	/** text on the tile: at least 4.5:1 against `color` */
	ink: string;
	shape: AnswerShapeName;
	/** A, B, C, … */
	letter: string;
}

const STYLES: readonly Omit<AnswerStyle, 'letter'>[] = [
	{ color: '#e21b3c', ink: '#ffffff', shape: 'triangle' },
	{ color: '#1368ce', ink: '#ffffff', shape: 'diamond' },
	{ color: '#d89e00', ink: '#1a1200', shape: 'circle' },
	{ color: '#26890c', ink: '#ffffff', shape: 'square' },
	{ color: '#864cbf', ink: '#ffffff', shape: 'star' },
	{ color: '#0a7f86', ink: '#ffffff', shape: 'hexagon' },
	{ color: '#c85000', ink: '#ffffff', shape: 'pentagon' },
	{ color: '#d6246e', ink: '#ffffff', shape: 'heart' }
];

/** The style of option `i` (0-based); past the eighth, colours and shapes repeat, letters go on. */
export function answerStyle(i: number): AnswerStyle {
	const n = Math.max(0, Math.floor(i));
	return { ...STYLES[n % STYLES.length], letter: String.fromCharCode(65 + (n % 26)) };
}
