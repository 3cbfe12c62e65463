import type { Messages } from '@serang/platform';

export const catalogueMessages: Messages = {
  'AGENCY.NOT_FOUND': { id: 'Instansi {id} tidak ditemukan.', en: 'Agency {id} was not found.' },
  'SERVICE.NOT_FOUND': { id: 'Layanan {id} tidak ditemukan.', en: 'Service {id} was not found.' },
};
