import type { Messages } from '@serang/platform';

export const analyticsMessages: Messages = {
  'ANALYTICS.OTHER_AGENCY': {
    id: 'Anda hanya dapat melihat kinerja instansi Anda sendiri.',
    en: 'You can only see the performance of your own agency.',
  },
  'ANALYTICS.NOT_ALLOWED': {
    id: 'Kinerja instansi hanya untuk petugas, admin instansi dan admin platform.',
    en: 'Agency performance is for officers, agency admins and platform admins only.',
  },
  'PERIOD.INVALID': { id: 'Periode tidak valid.', en: 'The period is not valid.' },
  'PERIOD.NOT_A_DATE': { id: 'Gunakan tanggal dengan format TTTT-BB-HH.', en: 'Use a date in the format YYYY-MM-DD.' },
  'PERIOD.ENDS_BEFORE_START': { id: 'Tanggal akhir tidak boleh sebelum tanggal awal.', en: 'The end date cannot be before the start date.' },
};
