/** JSON Schema fragments the seeded forms share; titles are in Indonesian, as the forms show them. */

export const nik = (title: string) => ({ title, type: 'string', pattern: '^[0-9]{16}$', description: '16 digit sesuai KTP-el/KK' });
export const kkNumber = () => ({
  title: 'Nomor Kartu Keluarga',
  type: 'string',
  pattern: '^[0-9]{16}$',
  description: '16 digit, tertera di kanan atas KK',
});
export const phone = () => ({ title: 'Nomor HP/WhatsApp yang bisa dihubungi', type: 'string', pattern: '^(\\+62|0)8[0-9]{8,11}$' });
export const text = (title: string, minLength: number, maxLength: number) => ({ title, type: 'string', minLength, maxLength });
export const choice = (title: string, values: string[]) => ({ title, type: 'string', enum: values });

/** Pendidikan terakhir, as AK/1 and job fairs ask it. */
export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];

/** The 29 districts (kecamatan) of Kabupaten Serang. */
export const KECAMATAN_SERANG = [
  'ANYAR',
  'BANDUNG',
  'BAROS',
  'BINUANG',
  'BOJONEGARA',
  'CARENANG',
  'CIKANDE',
  'CIKEUSAL',
  'CINANGKA',
  'CIOMAS',
  'CIRUAS',
  'GUNUNGSARI',
  'JAWILAN',
  'KIBIN',
  'KOPO',
  'KRAGILAN',
  'KRAMATWATU',
  'LEBAK_WANGI',
  'MANCAK',
  'PABUARAN',
  'PADARINCANG',
  'PAMARAYAN',
  'PETIR',
  'PONTANG',
  'PULO_AMPEL',
  'TANARA',
  'TIRTAYASA',
  'TUNJUNG_TEJA',
  'WARINGINKURUNG',
];
