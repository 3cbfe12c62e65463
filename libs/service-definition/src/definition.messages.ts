/**
 * The message of every reason a definition problem can have, in Indonesian (default) and English;
 * `{name}` placeholders are filled from the problem's `params`. Services register these in their
 * message catalogue and render one message per path.
 */
export const definitionMessages: Record<string, { id: string; en: string }> = {
  'DEFINITION.INVALID': {
    id: 'Definisi layanan belum benar; periksa bagian yang ditandai.',
    en: 'The service definition is not valid; check the marked parts.',
  },
  'DEFINITION.JSON_INVALID': { id: 'Definisi layanan harus berupa teks JSON yang sah.', en: 'The service definition must be valid JSON text.' },
  'DEFINITION.TOO_LARGE': {
    id: 'Definisi layanan terlalu besar (maksimal {max} karakter).',
    en: 'The service definition is too large (at most {max} characters).',
  },
  'DEFINITION.REQUIRED': { id: 'Wajib diisi.', en: 'This is required.' },
  'DEFINITION.UNKNOWN_FIELD': { id: 'Bagian "{field}" tidak dikenal dalam definisi layanan.', en: '"{field}" is not part of a service definition.' },
  'DEFINITION.NOT_OBJECT': { id: 'Harus berupa objek.', en: 'Must be an object.' },
  'DEFINITION.NOT_LIST': { id: 'Harus berupa daftar.', en: 'Must be a list.' },
  'DEFINITION.NOT_TEXT': { id: 'Harus berupa teks.', en: 'Must be text.' },
  'DEFINITION.NOT_BOOLEAN': { id: 'Harus bernilai ya atau tidak (true/false).', en: 'Must be true or false.' },
  'DEFINITION.TOO_FEW': { id: 'Minimal {min} butir.', en: 'At least {min} items.' },
  'DEFINITION.TOO_MANY': { id: 'Maksimal {max} butir.', en: 'At most {max} items.' },
  'DEFINITION.WHOLE_NUMBER_RANGE': { id: 'Harus bilangan bulat dari {min} sampai {max}.', en: 'Must be a whole number from {min} to {max}.' },
  'DEFINITION.TEXT_LENGTH': { id: 'Harus {min}–{max} karakter.', en: 'Must be {min}–{max} characters long.' },
  'DEFINITION.TEXT_UNTRIMMED': { id: 'Hapus spasi di awal atau akhir teks.', en: 'Remove the spaces at the start or end.' },
  'DEFINITION.TEXT_NOT_NFC': {
    id: 'Nama harus ditulis dalam bentuk Unicode NFC (huruf beraksen sebagai satu karakter).',
    en: 'The name must be in Unicode NFC form (accented letters as one character).',
  },
  'DEFINITION.TEXT_CONTROL_CHARACTERS': {
    id: 'Teks mengandung karakter tak terlihat yang tidak diizinkan.',
    en: 'The text contains invisible characters that are not allowed.',
  },
  'DEFINITION.CODE_INVALID': {
    id: 'Kode harus diawali huruf kapital, lalu huruf kapital A–Z, angka, _ atau -, paling banyak 40 karakter.',
    en: 'A code starts with a capital letter, followed by capitals A–Z, digits, _ or -, at most 40 characters.',
  },
  'DEFINITION.SERVICE_CODE_INVALID': {
    id: 'Kode layanan terdiri atas huruf kapital A–Z, angka, _ atau -, diawali huruf atau angka, paling banyak 40 karakter.',
    en: 'A service code is capitals A–Z, digits, _ or -, starting with a letter or digit, at most 40 characters.',
  },
  'DEFINITION.CODE_DUPLICATE': {
    id: 'Kode {code} sudah dipakai; setiap kode harus unik.',
    en: 'The code {code} is used twice; each code must be unique.',
  },
  'DEFINITION.CODE_RESERVED': {
    id: 'Kode {code} dipakai oleh platform dan tidak boleh digunakan.',
    en: 'The code {code} is reserved by the platform.',
  },
  'DEFINITION.VALUE_NOT_ALLOWED': { id: 'Pilih salah satu dari: {allowed}.', en: 'Choose one of: {allowed}.' },
  'DEFINITION.DUPLICATE_VALUE': { id: '{value} tercantum lebih dari sekali.', en: '{value} is listed more than once.' },
  'DEFINITION.SCHEMA_VERSION_UNSUPPORTED': {
    id: 'Versi format definisi harus {supported}.',
    en: 'The definition format version must be {supported}.',
  },
  'DEFINITION.CURRENCY_UNSUPPORTED': { id: 'Mata uang harus {allowed}.', en: 'The currency must be {allowed}.' },
  'DEFINITION.START_STATE_COUNT': {
    id: 'Alur harus punya tepat satu tahap awal (sekarang {count}).',
    en: 'The workflow needs exactly one start state (it has {count}).',
  },
  'DEFINITION.START_STATE_INVALID': {
    id: 'Tahap awal {state} tidak boleh berupa tahap akhir atau tahap menunggu pemohon.',
    en: 'The start state {state} cannot be terminal or wait on the citizen.',
  },
  'DEFINITION.TERMINAL_STATE_MISSING': { id: 'Alur harus punya minimal satu tahap akhir.', en: 'The workflow needs at least one terminal state.' },
  'DEFINITION.OUTCOME_REQUIRED': {
    id: 'Tahap akhir {state} harus menyebut hasilnya: COMPLETED atau REJECTED.',
    en: 'The terminal state {state} needs an outcome: COMPLETED or REJECTED.',
  },
  'DEFINITION.OUTCOME_NOT_TERMINAL': {
    id: 'Hanya tahap akhir yang punya hasil; {state} bukan tahap akhir.',
    en: 'Only terminal states have an outcome; {state} is not terminal.',
  },
  'DEFINITION.NOT_ALLOWED_ON_TERMINAL': { id: 'Tidak berlaku untuk tahap akhir {state}.', en: 'Does not apply to the terminal state {state}.' },
  'DEFINITION.SLA_ON_CITIZEN_STATE': {
    id: 'Tahap {state} menunggu pemohon (waktu layanan berhenti), jadi tidak punya batas waktu sendiri.',
    en: 'The state {state} waits on the citizen (the service clock stops), so it has no time limit of its own.',
  },
  'DEFINITION.STATE_UNKNOWN': { id: 'Tahap {state} tidak ada dalam alur.', en: 'There is no state {state} in the workflow.' },
  'DEFINITION.ACTION_FROM_TERMINAL': { id: 'Tidak ada tindakan dari tahap akhir {state}.', en: 'No action may leave the terminal state {state}.' },
  'DEFINITION.CITIZEN_ACTION_NOT_FROM_WAITING': {
    id: 'Tindakan pemohon hanya berlaku dari tahap yang menunggu pemohon; {state} tidak menunggu pemohon.',
    en: 'A citizen action may only leave a state that waits on the citizen; {state} does not.',
  },
  'DEFINITION.CITIZEN_ROLE_WITH_STAFF': {
    id: 'Peran CITIZEN tidak boleh digabung dengan peran petugas dalam satu tindakan.',
    en: 'The CITIZEN role cannot share an action with staff roles.',
  },
  'DEFINITION.CITIZEN_ACTION_COUNT': {
    id: 'Tahap {state} menunggu pemohon dan harus punya tepat satu tindakan pemohon (sekarang {count}).',
    en: 'The state {state} waits on the citizen and needs exactly one citizen action (it has {count}).',
  },
  'DEFINITION.STATE_UNREACHABLE': {
    id: 'Tahap {state} tidak dapat dicapai dari tahap awal.',
    en: 'The state {state} cannot be reached from the start state.',
  },
  'DEFINITION.DEAD_END': {
    id: 'Tahap {state} buntu: dari sana tidak ada jalan ke tahap akhir.',
    en: 'The state {state} is a dead end: no terminal state can be reached from it.',
  },
  'DEFINITION.FORM_DIALECT_UNSUPPORTED': {
    id: '$schema formulir harus salah satu dari: {allowed}.',
    en: 'The form $schema must be one of: {allowed}.',
  },
  'DEFINITION.FORM_NOT_OBJECT_TYPE': { id: 'Formulir harus berupa objek: "type": "object".', en: 'The form must be an object: "type": "object".' },
  'DEFINITION.FORM_TOO_DEEP': {
    id: 'Skema formulir terlalu dalam (maksimal {max} tingkat).',
    en: 'The form schema is nested too deeply (at most {max} levels).',
  },
  'DEFINITION.FORM_FORMAT_UNKNOWN': { id: 'Format "{format}" tidak dikenal.', en: 'The format "{format}" is not known.' },
  'DEFINITION.FORM_PATTERN_INVALID': { id: 'Pola ini bukan ekspresi reguler yang sah.', en: 'This pattern is not a valid regular expression.' },
  'DEFINITION.FORM_REF_UNRESOLVED': {
    id: 'Rujukan {ref} tidak ditemukan dalam skema formulir.',
    en: 'The reference {ref} leads nowhere in the form schema.',
  },
  'DEFINITION.FORM_SCHEMA_TYPE': {
    id: 'Menurut JSON Schema, bagian ini harus bertipe {type}.',
    en: 'JSON Schema expects a value of type {type} here.',
  },
  'DEFINITION.FORM_SCHEMA_ENUM': { id: 'Menurut JSON Schema, pilih salah satu dari: {allowed}.', en: 'JSON Schema expects one of: {allowed}.' },
  'DEFINITION.FORM_SCHEMA_INVALID': { id: 'Skema formulir tidak sah di sini ({detail}).', en: 'The form schema is not valid here: {detail}.' },
};
