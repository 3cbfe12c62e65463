import type { Messages } from '@serang/platform';
import { definitionMessages } from '@serang/service-definition';

/** Catalogue's user-facing texts, Indonesian (default) and English; definition problems come from the library. */
export const catalogueMessages: Messages = {
  ...definitionMessages,
  'AGENCY.NOT_FOUND': { id: 'Instansi {id} tidak ditemukan.', en: 'Agency {id} was not found.' },
  'SERVICE.NOT_FOUND': { id: 'Layanan {id} tidak ditemukan.', en: 'Service {id} was not found.' },
  'SERVICE.AUTHORING_FORBIDDEN': {
    id: 'Hanya admin instansi pemilik layanan ini (atau admin platform) yang boleh melakukannya.',
    en: "Only admins of the service's own agency (or platform admins) may do this.",
  },
  'SERVICE.AGENCY_REQUIRED': { id: 'Sebutkan instansi pemilik layanan.', en: 'Name the agency the service belongs to.' },
  'SERVICE.DEFINITION_INVALID': {
    id: 'Definisi layanan belum benar; periksa bagian yang ditandai.',
    en: 'The service definition is not valid; check the marked parts.',
  },
  'SERVICE.ALREADY_EXISTS': {
    id: 'Layanan {id} sudah ada; pilih kode lain atau ubah layanan tersebut.',
    en: 'The service {id} already exists; choose another code or edit that service.',
  },
  'SERVICE.NO_DRAFT': { id: 'Layanan {id} tidak punya draf untuk diterbitkan.', en: 'The service {id} has no draft to publish.' },
  'SERVICE.RETIRED': {
    id: 'Layanan {id} sudah tidak berlaku dan tidak dapat diubah lagi.',
    en: 'The service {id} is retired and can no longer be changed.',
  },
  'SERVICE.NOT_PUBLISHED': {
    id: 'Layanan {id} belum pernah diterbitkan, jadi tidak dapat dihentikan.',
    en: 'The service {id} was never published, so it cannot be retired.',
  },
  'SERVICE.CHANGED': {
    id: 'Layanan {id} baru saja diubah orang lain; muat ulang lalu coba lagi.',
    en: 'The service {id} was just changed by someone else; reload and try again.',
  },
};
