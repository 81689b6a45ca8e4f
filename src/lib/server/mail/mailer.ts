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
	send(message: MailMessage): Promise<void>;
	close(): void;
}

export function createMailer(url: string, from: string): Mailer {
	const transport = nodemailer.createTransport(url);
	return {
		async send(message) {
			// the sender addresses the message to itself; the recipients are all in Bcc
			await transport.sendMail({ from, to: from, ...message });
		},
		close: () => transport.close()
	};
}
