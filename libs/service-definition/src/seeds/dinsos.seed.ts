import { choice, KECAMATAN_SERANG, kkNumber, nik, phone, text } from './form-parts';
import { complete, completed, doc, KK, MB, move, PHOTO, reject, rejected, review, revisionLoop, revisionRequested, STAFF_OR_SYSTEM, submitted, type ServiceSeed } from './seed-parts';

/**
 * Dinas Sosial: a household asks to be entered in the integrated social welfare data (DTKS).
 * Dinsos checks the papers, visits the house, the village deliberates, and the proposal goes to
 * the Ministry of Social Affairs through SIKS-NG, which reports the outcome back.
 */
export const DTKS: ServiceSeed = {
  id: 'dinsos-dtks',
  agencyId: 'dinsos',
  code: 'DTKS',
  nameId: 'Pendaftaran Data Terpadu Kesejahteraan Sosial (DTKS)',
  nameEn: 'Registration in the integrated social welfare data (DTKS)',
  definition: {
    schemaVersion: 1,
    descriptionId:
      'Usulan agar keluarga masuk DTKS sehingga dapat dipertimbangkan sebagai penerima program perlindungan sosial (PKH, bantuan sembako, PBI JK). Dinas Sosial memverifikasi berkas, petugas mengunjungi rumah, desa/kelurahan bermusyawarah, lalu usulan dikirim ke Kementerian Sosial. Masuk DTKS tidak otomatis berarti menerima bantuan.',
    descriptionEn:
      'Proposes a household for the integrated social welfare data (DTKS), so that it can be considered for social protection programmes (PKH, food assistance, subsidised health insurance). Dinsos checks the papers, an officer visits the house, the village deliberates, and the proposal goes to the Ministry of Social Affairs. Being in DTKS does not by itself mean receiving assistance.',
    slaWorkingDays: 20,
    fee: { amount: 0, currency: 'IDR' },
    requiredDocuments: [
      doc('KTP', 'KTP-el kepala keluarga', 'Electronic identity card of the head of the household', true),
      KK,
      doc('SKTM', 'Surat keterangan tidak mampu dari desa/kelurahan', 'Certificate of low income from the village office (SKTM)', true),
      doc('FOTO_RUMAH_DEPAN', 'Foto rumah tampak depan', 'Photo of the front of the house', true, PHOTO, 3 * MB),
      doc('FOTO_RUMAH_DALAM', 'Foto bagian dalam rumah', 'Photo of the inside of the house', false, PHOTO, 3 * MB),
    ],
    form: {
      type: 'object',
      required: ['kkNumber', 'headOfFamilyNik', 'district', 'village', 'rt', 'rw', 'address', 'householdSize', 'headOccupation', 'monthlyIncome', 'houseOwnership', 'floorType', 'wallType', 'drinkingWater', 'lighting', 'phone'],
      properties: {
        kkNumber: kkNumber(),
        headOfFamilyNik: nik('NIK kepala keluarga'),
        district: choice('Kecamatan', KECAMATAN_SERANG),
        village: text('Desa/kelurahan', 2, 60),
        rt: { title: 'RT', type: 'string', pattern: '^[0-9]{1,3}$' },
        rw: { title: 'RW', type: 'string', pattern: '^[0-9]{1,3}$' },
        address: text('Alamat (kampung/jalan)', 5, 200),
        householdSize: { title: 'Jumlah anggota keluarga', type: 'integer', minimum: 1, maximum: 30 },
        headOccupation: choice('Pekerjaan kepala keluarga', [
          'TIDAK_BEKERJA', 'PETANI', 'NELAYAN', 'BURUH_TANI', 'BURUH_HARIAN_LEPAS', 'BURUH_PABRIK', 'PEDAGANG_KECIL', 'PENGEMUDI_OJEK', 'ASISTEN_RUMAH_TANGGA', 'LAINNYA',
        ]),
        monthlyIncome: { title: 'Penghasilan keluarga per bulan (Rp)', type: 'integer', minimum: 0, maximum: 100000000 },
        houseOwnership: choice('Status kepemilikan rumah', ['MILIK_SENDIRI', 'KONTRAK_SEWA', 'BEBAS_SEWA', 'RUMAH_DINAS', 'LAINNYA']),
        floorArea: { title: 'Luas lantai (m²)', type: 'integer', minimum: 1, maximum: 1000 },
        floorType: choice('Jenis lantai terluas', ['TANAH', 'BAMBU', 'KAYU_KUALITAS_RENDAH', 'SEMEN_BATA_MERAH', 'KERAMIK', 'LAINNYA']),
        wallType: choice('Jenis dinding terluas', ['BAMBU_RUMBIA', 'KAYU_KUALITAS_RENDAH', 'TEMBOK_TANPA_PLESTER', 'TEMBOK_PLESTER', 'LAINNYA']),
        drinkingWater: choice('Sumber air minum', ['AIR_ISI_ULANG', 'LEDENG_PAM', 'SUMUR_BOR_POMPA', 'SUMUR_TERLINDUNG', 'SUMUR_TIDAK_TERLINDUNG', 'MATA_AIR', 'AIR_SUNGAI_HUJAN', 'LAINNYA']),
        lighting: choice('Sumber penerangan', ['PLN_METERAN', 'PLN_TANPA_METERAN', 'NON_PLN', 'TIDAK_ADA']),
        vulnerableMembers: {
          title: 'Anggota keluarga rentan',
          type: 'array',
          uniqueItems: true,
          maxItems: 6,
          items: choice('Kelompok rentan', ['LANSIA', 'DISABILITAS', 'IBU_HAMIL', 'BALITA', 'ANAK_SEKOLAH', 'PENYAKIT_KRONIS']),
        },
        requestedPrograms: {
          title: 'Program yang diharapkan',
          type: 'array',
          uniqueItems: true,
          maxItems: 5,
          items: choice('Program', ['PKH', 'BANTUAN_SEMBAKO', 'PBI_JK', 'RUTILAHU', 'LAINNYA']),
        },
        phone: phone(),
      },
      additionalProperties: false,
    },
    workflow: {
      states: [
        submitted(),
        review('ADMIN_VERIFICATION', 'Verifikasi administrasi', 'Checking the papers', 3),
        revisionRequested(),
        review('FIELD_VERIFICATION', 'Verifikasi lapangan (kunjungan rumah)', 'Field check (home visit)', 10),
        review('VILLAGE_DELIBERATION', 'Musyawarah desa/kelurahan', 'Village deliberation', 5),
        // Once sent to the ministry the proposal is no longer the applicant's to withdraw here.
        review('PROPOSED', 'Diusulkan ke Kementerian Sosial', 'Proposed to the Ministry of Social Affairs', 2, { cancellable: false }),
        completed('Masuk DTKS', 'Entered in DTKS'),
        rejected('Tidak memenuhi kriteria', 'Does not meet the criteria'),
      ],
      actions: [
        move('START_VERIFICATION', 'Mulai verifikasi', 'Start checking', ['SUBMITTED'], 'ADMIN_VERIFICATION'),
        ...revisionLoop('ADMIN_VERIFICATION'),
        move('SCHEDULE_VISIT', 'Jadwalkan kunjungan rumah', 'Schedule the home visit', ['ADMIN_VERIFICATION'], 'FIELD_VERIFICATION'),
        move('RECORD_VISIT', 'Catat hasil kunjungan (layak dibahas)', 'Record the visit (to be deliberated)', ['FIELD_VERIFICATION'], 'VILLAGE_DELIBERATION', undefined, { requiresNote: true }),
        move('APPROVE', 'Setujui dan usulkan ke Kemensos', 'Approve and propose to the ministry', ['VILLAGE_DELIBERATION'], 'PROPOSED'),
        reject(['ADMIN_VERIFICATION', 'FIELD_VERIFICATION', 'VILLAGE_DELIBERATION', 'PROPOSED'], 'Nyatakan tidak memenuhi kriteria', 'Declare not eligible'),
        complete(['PROPOSED'], 'Catat penetapan DTKS (isi ID DTKS)', 'Record the DTKS entry (enter the DTKS id)', STAFF_OR_SYSTEM),
      ],
    },
  },
};
