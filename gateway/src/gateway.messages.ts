import type { Messages } from '@serang/platform';

export const gatewayMessages: Messages = {
  'GATEWAY.QUERY_TOO_DEEP': { id: 'Kueri terlalu dalam: kedalaman {depth}, maksimum {max}.', en: 'The query is too deep: depth {depth}, at most {max}.' },
  'GATEWAY.TOO_MANY_ALIASES': { id: 'Kueri memakai terlalu banyak alias: {aliases}, maksimum {max}.', en: 'The query uses too many aliases: {aliases}, at most {max}.' },
  'GATEWAY.QUERY_TOO_COSTLY': { id: 'Kueri terlalu berat: biaya {cost}, maksimum {max}.', en: 'The query is too expensive: cost {cost}, at most {max}.' },
  'GATEWAY.UPSTREAM_UNAVAILABLE': { id: 'Layanan sedang tidak dapat dihubungi; coba lagi sebentar lagi.', en: 'The service cannot be reached right now; try again in a moment.' },
  'AUTH.SESSION_REVOKED': { id: 'Sesi ini telah diakhiri; silakan masuk kembali.', en: 'This session has ended; please sign in again.' },
};
