import QRCode from 'qrcode';

/** A QR code as inline SVG, made here: no request leaves the server for it. */
export async function qrSvg(text: string): Promise<string> {
	const svg = await QRCode.toString(text, {
		type: 'svg',
		margin: 1,
		errorCorrectionLevel: 'M',
		color: { dark: '#000000', light: '#ffffff' }
	});
	// Sized by its container; the markup comes from the qrcode library, not from any user.
	return svg.replace(/ width="\d+" height="\d+"/, '').replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
}
