import { Controller, Get, Header } from '@nestjs/common';
import { SigningKeys } from '../infra/signing-keys';

/** The public keys of identity's access tokens, for the gateway and every subgraph. */
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  // A short cache: verifiers re-fetch anyway when a token names a kid they do not know.
  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  jwks(): Promise<{ keys: object[] }> {
    return this.keys.jwks();
  }
}
