import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export type MailAttachment = { filename: string; content: Buffer; contentType: string };
export type Mail = { to: string; subject: string; text: string; attachments?: MailAttachment[] };

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** SMTP delivery (SMTP_URL, e.g. smtp://user:pass@mail.example.com:587). */
export class SmtpMailer implements Mailer {
  private readonly transport;
  constructor(url: string, private readonly from: string) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...mail });
  }
}

/**
 * Without SMTP_URL (the embedded default) mail goes to the server log, where the operator
 * of a development install reads reset links; production refuses to start without SMTP.
 */
export class LogMailer implements Mailer {
  readonly sent: Mail[] = [];
  constructor(private readonly log: Logger) {}
  async send(mail: Mail): Promise<void> {
    this.sent.push(mail);
    if (this.sent.length > 100) this.sent.shift();
    // Attachments are logged by name and size, not dumped into the log.
    const logged = { ...mail, attachments: mail.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, bytes: a.content.length })) };
    this.log.info({ mail: logged }, `mail to ${mail.to}: ${mail.subject}`);
  }
}
