import { Injectable } from '@nestjs/common';
import { PersonDataErasedError, Vault } from '@serang/vault';

/**
 * A complaint's secrets in request's vault. Everything the complainant wrote (and the agency's
 * answer) is sealed under the complaint's own data key — subject `complaint:<id>` — so agency staff
 * can read it without anyone learning who wrote it, and erasing the complainant destroys that key
 * (their complaints are found through `complaint_owners`). The complainant is recognised by a keyed
 * digest under their own key, which names nobody and differs per complaint.
 */
@Injectable()
export class ComplaintVault {
  constructor(private readonly vault: Vault) {}

  static subject(complaintId: string): string {
    return `complaint:${complaintId}`;
  }

  seal(complaintId: string, field: string, text: string): Promise<string> {
    return this.vault.encrypt(ComplaintVault.subject(complaintId), field, text);
  }

  /** Null when the complaint's key was destroyed (its complainant erased). */
  async open(complaintId: string, field: string, ciphertext: string | null): Promise<string | null> {
    if (!ciphertext) return null;
    try {
      return await this.vault.decrypt(ComplaintVault.subject(complaintId), field, ciphertext);
    } catch (e) {
      if (e instanceof PersonDataErasedError) return null;
      throw e;
    }
  }

  /** The caller's digest of this complaint: equal to the filing's exactly when they filed it. */
  ownerDigest(personId: string, complaintId: string): Promise<string> {
    return this.vault.keyedDigest(personId, 'complaint-owner', Buffer.from(complaintId, 'utf8'));
  }

  destroy(complaintId: string, q?: Parameters<Vault['destroy']>[1]): Promise<void> {
    return this.vault.destroy(ComplaintVault.subject(complaintId), q);
  }

  isErased(complaintId: string): Promise<boolean> {
    return this.vault.isErased(ComplaintVault.subject(complaintId));
  }
}
