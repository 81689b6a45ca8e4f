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

/** The same QR code as a PNG of about 600 px, to save or print (a phone cannot save an inline SVG). */
export function qrPng(text: string): Promise<Buffer> {
	return QRCode.toBuffer(text, {
		type: 'png',
		errorCorrectionLevel: 'M',
		margin: 2,
		width: 600,
		color: { dark: '#000000', light: '#ffffff' }
	});
}
