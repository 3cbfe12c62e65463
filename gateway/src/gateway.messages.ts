import type { Messages } from '@serang/platform';

export const gatewayMessages: Messages = {
  'GATEWAY.QUERY_TOO_DEEP': {
    id: 'Kueri terlalu dalam: kedalaman {depth}, maksimum {max}.',
    en: 'The query is too deep: depth {depth}, at most {max}.',
  },
  'GATEWAY.TOO_MANY_ALIASES': {
    id: 'Kueri memakai terlalu banyak alias: {aliases}, maksimum {max}.',
    en: 'The query uses too many aliases: {aliases}, at most {max}.',
  },
  'GATEWAY.QUERY_TOO_COSTLY': {
    id: 'Kueri terlalu berat: biaya {cost}, maksimum {max}.',
    en: 'The query is too expensive: cost {cost}, at most {max}.',
  },
  'GATEWAY.UPSTREAM_UNAVAILABLE': {
    id: 'Layanan sedang tidak dapat dihubungi; coba lagi sebentar lagi.',
    en: 'The service cannot be reached right now; try again in a moment.',
  },
  'AUTH.SESSION_REVOKED': { id: 'Sesi ini telah diakhiri; silakan masuk kembali.', en: 'This session has ended; please sign in again.' },

  // HTTP-level failures: the request never became a GraphQL operation.
  'GATEWAY.MALFORMED_JSON': { id: 'Isi permintaan bukan JSON yang sah.', en: 'The request body is not valid JSON.' },
  'GATEWAY.UNSUPPORTED_MEDIA_TYPE': {
    id: 'Kirim permintaan GraphQL sebagai application/json.',
    en: 'Send GraphQL requests as application/json.',
  },
  'GATEWAY.UNSUPPORTED_ENCODING': {
    id: 'Pengodean atau charset isi permintaan tidak didukung.',
    en: 'The encoding or charset of the request body is not supported.',
  },
  'GATEWAY.REQUEST_TOO_LARGE': {
    id: 'Permintaan terlalu besar; ukuran maksimal {limit}.',
    en: 'The request is too large; the maximum size is {limit}.',
  },
  'GATEWAY.BODY_STALLED': {
    id: 'Pengiriman isi permintaan terhenti selama {seconds} detik; silakan kirim ulang.',
    en: 'The request body stalled ({seconds} s without data); please send it again.',
  },
  'GATEWAY.BATCH_NOT_SUPPORTED': {
    id: 'Kirim satu operasi GraphQL per permintaan; batch tidak didukung.',
    en: 'Send one GraphQL operation per request; batches are not supported.',
  },
  'GATEWAY.MUTATION_NEEDS_POST': { id: 'Mutasi hanya dapat dikirim dengan POST.', en: 'Mutations can only be sent with POST.' },
  'GATEWAY.METHOD_NOT_ALLOWED': {
    id: 'Metode HTTP {method} tidak didukung di sini; gunakan {allowed}.',
    en: 'HTTP method {method} is not supported here; use {allowed}.',
  },
  'GATEWAY.CSRF_REFUSED': {
    id: 'Permintaan ditolak sebagai kemungkinan CSRF: kirim header Content-Type: application/json atau Apollo-Require-Preflight.',
    en: 'The request was refused as a possible CSRF: send a Content-Type: application/json or an Apollo-Require-Preflight header.',
  },
  'GATEWAY.BODY_MISSING': { id: 'Permintaan tidak berisi operasi GraphQL.', en: 'The request holds no GraphQL operation.' },
  'GATEWAY.NOT_ACCEPTABLE': { id: 'Header Accept tidak menerima application/json.', en: 'The Accept header does not accept application/json.' },
  'GATEWAY.PERSISTED_QUERY_HASH_MISMATCH': {
    id: 'Hash kueri tersimpan tidak cocok dengan kuerinya.',
    en: 'The persisted query hash does not match its query.',
  },
  'GATEWAY.MALFORMED_HTTP': { id: 'Permintaan HTTP ini tidak dapat dibaca.', en: 'This HTTP request cannot be read.' },
  'GATEWAY.BAD_REQUEST': { id: 'Permintaan tidak sah: {detail}', en: 'The request is not valid: {detail}' },
  'GATEWAY.NOT_FOUND': { id: 'Alamat {path} tidak ada.', en: 'There is nothing at {path}.' },

  // GraphQL's protocol errors: graphql-js's own words (English) follow the caller's language.
  'GRAPHQL.PARSE_FAILED': { id: 'Kueri GraphQL tidak dapat dibaca: {detail}', en: 'The GraphQL query cannot be parsed: {detail}' },
  'GRAPHQL.VALIDATION_FAILED': { id: 'Kueri GraphQL tidak sah: {detail}', en: 'The GraphQL query is not valid: {detail}' },
  'GRAPHQL.VARIABLES_INVALID': { id: 'Variabel kueri tidak sah: {detail}', en: 'The query variables are not valid: {detail}' },
  'GATEWAY.OPERATION_NOT_FOUND': { id: 'Dokumen tidak berisi operasi bernama {name}.', en: 'The document holds no operation named {name}.' },
  'GATEWAY.OPERATION_NAME_REQUIRED': {
    id: 'Dokumen berisi beberapa operasi: sebutkan operationName yang dijalankan.',
    en: 'The document holds several operations: say which to run with operationName.',
  },

  'GATEWAY.RATE_LIMITED': {
    id: 'Terlalu banyak permintaan; coba lagi dalam {seconds} detik.',
    en: 'Too many requests; try again in {seconds} seconds.',
  },

  // Uploads refused here before they reach request: the same reasons and words as request's own.
  'UPLOAD.TOO_LARGE': { id: 'Berkas terlalu besar; ukuran maksimal {limit}.', en: 'The file is too large; the maximum size is {limit}.' },
  'UPLOAD.STALLED': {
    id: 'Unggahan terhenti: tidak ada data selama {seconds} detik; silakan unggah ulang.',
    en: 'The upload stalled ({seconds} s without data); please upload it again.',
  },
};
