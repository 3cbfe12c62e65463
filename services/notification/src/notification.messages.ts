import type { Messages } from '@serang/platform';

export const notificationMessages: Messages = {
  'NOTIFICATION.NOT_FOUND': { id: 'Notifikasi {id} tidak ditemukan.', en: 'Notification {id} was not found.' },
  'NOTIFICATION.PAGE_SIZE_OUT_OF_RANGE': { id: 'Jumlah harus antara 1 dan {max}.', en: 'The number must be between 1 and {max}.' },
  'NOTIFICATION.LIMIT_OUT_OF_RANGE': { id: 'Jumlah harus antara 1 dan {max}.', en: 'The number must be between 1 and {max}.' },
  'NOTIFICATION.PARKED_NOT_FOUND': { id: 'Pesan tertahan {id} tidak ditemukan.', en: 'Parked message {id} was not found.' },
  'NOTIFICATION.PARKED_INPUT_INVALID': { id: 'Isian tidak valid.', en: 'The input is not valid.' },
  'NOTIFICATION.PREFERENCES_INVALID': { id: 'Preferensi notifikasi tidak valid.', en: 'The notification preferences are not valid.' },
  'NOTIFICATION.CHANNEL_UNKNOWN': { id: 'Saluran harus email, sms atau whatsapp.', en: 'A channel must be email, sms or whatsapp.' },
  'NOTIFICATION.QUIET_HOURS_INVALID': {
    id: 'Jam tenang: menit 0–1439, awal dan akhir berbeda.',
    en: 'Quiet hours: minutes 0–1439, start and end different.',
  },
  'NOTIFICATION.CURSOR_INVALID': {
    id: 'Penanda halaman tidak dikenal; mulai lagi dari halaman pertama.',
    en: 'The page cursor is not recognised; start again from the first page.',
  },
};
