import type { ShareCard } from './share-card';

// The share image's layout, as the element tree satori lays out (its React-like shape, written
// without JSX). 1200 × 630, the size link previews expect (Facebook, Zalo, X).

export const SHARE_WIDTH = 1200;
export const SHARE_HEIGHT = 630;
export const SHARE_FONT = 'Be Vietnam Pro';

/** The app's colours (src/app.css): what a contest without a banner is drawn in. */
const BRAND = '#0b4a8b';
const BRAND_DARK = '#073463';
const ACCENT = '#c8102e';
const GOLD = '#ffd166';
const MARGIN_X = 72;
const MARGIN_Y = 52;

type Style = Record<string, string | number>;
export interface LayoutNode {
	type: string;
	props: {
		style?: Style;
		children?: LayoutNode | string | (LayoutNode | string)[];
		src?: string;
		width?: number;
		height?: number;
	};
}

function h(type: string, style: Style, ...children: (LayoutNode | string | null | false)[]): LayoutNode {
	const kept = children.filter((c): c is LayoutNode | string => c !== null && c !== false);
	return { type, props: { style, children: kept.length === 1 ? kept[0] : kept } };
}

/** Long titles get smaller type, so three lines still hold them. */
function titleSize(title: string, crowded: boolean): number {
	if (crowded) return title.length <= 40 ? 52 : 44;
	if (title.length <= 40) return 68;
	if (title.length <= 80) return 56;
	return 46;
}

/** The element tree of a card; `banner` is the banner as a data URL, already cropped to 1200 × 630. */
export function cardLayout(card: ShareCard, banner: string | null): LayoutNode {
	const background: LayoutNode = banner
		? {
				type: 'img',
				props: {
					src: banner,
					width: SHARE_WIDTH,
					height: SHARE_HEIGHT,
					style: { position: 'absolute', top: 0, left: 0, width: SHARE_WIDTH, height: SHARE_HEIGHT }
				}
			}
		: h('div', {
				position: 'absolute',
				top: 0,
				left: 0,
				width: SHARE_WIDTH,
				height: SHARE_HEIGHT,
				backgroundImage: `linear-gradient(135deg, ${BRAND} 0%, ${BRAND_DARK} 100%)`
			});
	// over a banner, a shade that keeps white text readable whatever the picture
	const shade = banner
		? h('div', {
				position: 'absolute',
				top: 0,
				left: 0,
				width: SHARE_WIDTH,
				height: SHARE_HEIGHT,
				backgroundImage: 'linear-gradient(180deg, rgba(7,52,99,0.45) 0%, rgba(7,52,99,0.92) 62%)'
			})
		: null;
	const clamp = (lines: number): Style => ({ display: 'block', lineClamp: lines, overflow: 'hidden' });
	const content = h(
		'div',
		{
			// inset by the margins (satori sizes boxes without their padding)
			position: 'absolute',
			top: MARGIN_Y,
			left: MARGIN_X,
			width: SHARE_WIDTH - 2 * MARGIN_X,
			height: SHARE_HEIGHT - 2 * MARGIN_Y,
			display: 'flex',
			flexDirection: 'column',
			justifyContent: 'flex-end',
			color: '#ffffff'
		},
		h(
			'div',
			{ display: 'flex', alignItems: 'center', marginBottom: 20 },
			h('div', { width: 10, height: 40, backgroundColor: ACCENT, marginRight: 18 }),
			h('div', { ...clamp(1), fontSize: 30, maxWidth: SHARE_WIDTH - 2 * MARGIN_X - 28, opacity: 0.92 }, card.eyebrow)
		),
		h(
			'div',
			{ ...clamp(3), fontSize: titleSize(card.title, card.winners.length > 0), fontWeight: 700, lineHeight: 1.18 },
			card.title
		),
		card.pin !== null &&
			h(
				'div',
				{ display: 'flex', marginTop: 28 },
				h(
					'div',
					{
						backgroundColor: '#ffffff',
						color: BRAND_DARK,
						borderRadius: 18,
						padding: '8px 36px',
						fontSize: 96,
						fontWeight: 700,
						letterSpacing: 12
					},
					card.pin
				)
			),
		card.winners.length > 0 &&
			h(
				'div',
				{ display: 'flex', flexDirection: 'column', marginTop: 22 },
				...card.winners.map((w) =>
					h(
						'div',
						{ display: 'flex', fontSize: 28, lineHeight: 1.45, maxWidth: SHARE_WIDTH - 2 * MARGIN_X },
						h('div', { color: GOLD, fontWeight: 700, marginRight: 16, flexShrink: 0 }, w.prize),
						h('div', { fontWeight: 700, marginRight: 14, flexShrink: 0 }, w.name),
						h('div', { ...clamp(1), opacity: 0.88 }, w.unit)
					)
				)
			),
		...card.lines.map((line) => h('div', { ...clamp(2), fontSize: 34, marginTop: 18, opacity: 0.96 }, line))
	);
	return h(
		'div',
		{ display: 'flex', position: 'relative', width: SHARE_WIDTH, height: SHARE_HEIGHT, fontFamily: SHARE_FONT },
		background,
		shade,
		content
	);
}

/** Every text the layout draws, in order: what tests read to prove what an image shows. */
export function layoutTexts(node: LayoutNode | string): string[] {
	if (typeof node === 'string') return [node];
	const { children } = node.props;
	if (children === undefined) return [];
	return (Array.isArray(children) ? children : [children]).flatMap(layoutTexts);
}
