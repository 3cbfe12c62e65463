/** A person's contact data as identity hands it out for one message; held in memory for that send only. */
export interface Contact {
  email?: string;
  phone?: string;
}

/** Identity's contact endpoint (audited there, docs/notifications.md). Null: nobody to reach (erased or unknown). */
export class ContactClient {
  constructor(
    private readonly identityUrl: string,
    private readonly token: string,
  ) {}

  async contactFor(personId: string): Promise<Contact | null> {
    const res = await fetch(`${this.identityUrl.replace(/\/+$/, '')}/internal/contacts/${encodeURIComponent(personId)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`identity answered ${res.status} for a contact`);
    return ((await res.json()) as { contact: Contact | null }).contact;
  }
}
