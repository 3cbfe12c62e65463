import type { Messages } from '@serang/platform';

export const notificationMessages: Messages = {
  'NOTIFICATION.NOT_FOUND': { id: 'Notifikasi {id} tidak ditemukan.', en: 'Notification {id} was not found.' },
  'NOTIFICATION.LIMIT_OUT_OF_RANGE': { id: 'Jumlah harus antara 1 dan {max}.', en: 'The number must be between 1 and {max}.' },
};
