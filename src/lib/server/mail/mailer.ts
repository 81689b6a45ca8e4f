import nodemailer from 'nodemailer';

// Outgoing e-mail through the SMTP server of SMTP_URL (config.ts), or none. One message goes to
// many recipients in Bcc, so no contestant sees another's address.

export interface MailMessage {
	bcc: string[];
	subject: string;
	text: string;
	html: string;
}

export interface Mailer {
	/** Resolves with the recipients the server refused (the others were accepted); rejects when none was. */
	send(message: MailMessage): Promise<{ rejected: string[] }>;
	close(): void;
}

export function createMailer(url: string, from: string): Mailer {
	const transport = nodemailer.createTransport(url);
	return {
		async send(message) {
			// the sender addresses the message to itself; the recipients are all in Bcc
			const info = await transport.sendMail({ from, to: from, ...message });
			const bcc = new Set(message.bcc);
			return {
				rejected: info.rejected
					.map((r) => String(typeof r === 'string' ? r : (r as { address: string }).address))
					.filter((a) => bcc.has(a))
			};
		},
		close: () => transport.close()
	};
}
