import QRCode from 'qrcode';

/**
 * A QR code for `text` as an SVG document, black on white with a quiet zone, scaled by its
 * container (no fixed width). Built from our own input only, so pages may inline it.
 */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 2,
		color: { dark: '#000000', light: '#ffffff' }
	});
}
