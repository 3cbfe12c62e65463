import { choice, EDUCATION_LEVELS, KECAMATAN_SERANG, phone, text } from './form-parts';
import {
  complete,
  completed,
  doc,
  KTP,
  MB,
  move,
  PAS_FOTO,
  reject,
  rejected,
  review,
  revisionLoop,
  revisionRequested,
  STAFF_OR_SYSTEM,
  submitted,
  type ServiceSeed,
} from './seed-parts';

/** Dinas Tenaga Kerja dan Transmigrasi: the job-seeker card and the yearly job fair (most of the platform's traffic). */

const IJAZAH = doc('IJAZAH', 'Ijazah pendidikan terakhir', 'Diploma of the highest education completed', true);

export const AK1: ServiceSeed = {
  id: 'disnakertrans-ak1',
  agencyId: 'disnakertrans',
  code: 'AK1',
  nameId: 'Kartu Tanda Pencari Kerja (AK/1)',
  nameEn: 'Job-seeker card (AK/1)',
  definition: {
    schemaVersion: 1,
    descriptionId:
      'Penerbitan Kartu Tanda Pencari Kerja (AK/1, "kartu kuning") bagi warga Kabupaten Serang yang sedang mencari kerja, untuk melamar ke perusahaan atau instansi. Kartu berlaku dua tahun; pemegangnya melapor kembali setiap enam bulan bila belum bekerja.',
    descriptionEn:
      'Issues the job-seeker card (AK/1, the "yellow card") to residents of Serang Regency who are looking for work, to apply to companies and public bodies. The card is valid for two years; holders report back every six months while still looking.',
    slaWorkingDays: 3,
    fee: { amount: 0, currency: 'IDR' },
    requiredDocuments: [
      KTP,
      IJAZAH,
      doc('TRANSKRIP_NILAI', 'Transkrip nilai', 'Academic transcript', false),
      PAS_FOTO,
      doc('SERTIFIKAT_KEAHLIAN', 'Sertifikat keahlian atau pelatihan kerja', 'Skill or vocational training certificates', false, undefined, 5 * MB),
    ],
    form: {
      type: 'object',
      required: ['education', 'major', 'graduationYear', 'skills', 'desiredPosition', 'maritalStatus', 'heightCm', 'weightKg', 'phone'],
      properties: {
        education: choice('Pendidikan terakhir', EDUCATION_LEVELS),
        major: text('Jurusan / program studi', 2, 100),
        institution: text('Nama sekolah atau perguruan tinggi', 2, 150),
        graduationYear: { title: 'Tahun lulus', type: 'integer', minimum: 1960, maximum: 2100 },
        finalScore: { title: 'Nilai akhir / IPK', type: 'number', minimum: 0, maximum: 100 },
        skills: text('Keterampilan', 2, 500),
        languages: { title: 'Bahasa yang dikuasai', type: 'array', items: text('Bahasa', 2, 50), maxItems: 10, uniqueItems: true },
        workExperience: {
          title: 'Pengalaman kerja',
          type: 'array',
          maxItems: 10,
          items: {
            type: 'object',
            required: ['employer', 'position', 'startYear'],
            properties: {
              employer: text('Nama perusahaan/instansi', 2, 150),
              position: text('Jabatan', 2, 100),
              startYear: { title: 'Tahun mulai', type: 'integer', minimum: 1960, maximum: 2100 },
              endYear: { title: 'Tahun selesai', type: 'integer', minimum: 1960, maximum: 2100 },
            },
            additionalProperties: false,
          },
        },
        desiredPosition: text('Jabatan yang diinginkan', 2, 100),
        desiredLocation: choice('Lokasi kerja yang diinginkan', ['KABUPATEN_SERANG', 'PROVINSI_BANTEN', 'LUAR_PROVINSI', 'LUAR_NEGERI']),
        maritalStatus: choice('Status perkawinan', ['BELUM_KAWIN', 'KAWIN', 'CERAI_HIDUP', 'CERAI_MATI']),
        heightCm: { title: 'Tinggi badan (cm)', type: 'integer', minimum: 100, maximum: 250 },
        weightKg: { title: 'Berat badan (kg)', type: 'integer', minimum: 25, maximum: 250 },
        disability: { title: 'Penyandang disabilitas', type: 'boolean' },
        phone: phone(),
      },
      additionalProperties: false,
    },
    workflow: {
      states: [
        submitted(),
        review('VERIFYING', 'Verifikasi berkas', 'Checking the documents', 2),
        revisionRequested(),
        review('APPROVED', 'Disetujui, kartu sedang diterbitkan', 'Approved, card being issued', 1),
        completed('Kartu AK/1 terbit', 'AK/1 card issued'),
        rejected(),
      ],
      actions: [
        move('START_VERIFICATION', 'Mulai verifikasi', 'Start checking', ['SUBMITTED'], 'VERIFYING'),
        ...revisionLoop('VERIFYING'),
        move('APPROVE', 'Setujui', 'Approve', ['VERIFYING'], 'APPROVED'),
        reject(['SUBMITTED', 'VERIFYING']),
        complete(['APPROVED'], 'Terbitkan kartu AK/1', 'Issue the AK/1 card', STAFF_OR_SYSTEM),
      ],
    },
  },
};

export const JOB_FAIR: ServiceSeed = {
  id: 'disnakertrans-job-fair',
  agencyId: 'disnakertrans',
  code: 'JOBFAIR',
  nameId: 'Pendaftaran Job Fair',
  nameEn: 'Job fair registration',
  definition: {
    schemaVersion: 1,
    descriptionId:
      'Pendaftaran pencari kerja sebagai peserta Job Fair Kabupaten Serang. Setelah berkas diverifikasi, peserta menerima nomor peserta (kode QR) untuk masuk ke lokasi pada sesi yang dipilih.',
    descriptionEn:
      'Registers job seekers for the Serang Regency job fair. Once the documents are checked, participants receive a participant number (QR code) to enter the venue in the session they chose.',
    slaWorkingDays: 1,
    fee: { amount: 0, currency: 'IDR' },
    requiredDocuments: [
      KTP,
      doc('CV', 'Daftar riwayat hidup (CV)', 'Curriculum vitae', true, ['application/pdf']),
      doc('KARTU_AK1', 'Kartu AK/1 (bila sudah punya)', 'AK/1 job-seeker card (if you have one)', false),
      doc('IJAZAH', 'Ijazah pendidikan terakhir', 'Diploma of the highest education completed', false),
    ],
    form: {
      type: 'object',
      required: ['education', 'preferredSectors', 'session', 'phone'],
      properties: {
        education: choice('Pendidikan terakhir', EDUCATION_LEVELS),
        major: text('Jurusan / program studi', 2, 100),
        preferredSectors: {
          title: 'Bidang usaha yang diminati (maksimal 3)',
          type: 'array',
          minItems: 1,
          maxItems: 3,
          uniqueItems: true,
          items: choice('Bidang usaha', [
            'MANUFAKTUR',
            'KIMIA_PETROKIMIA',
            'LOGISTIK_PERGUDANGAN',
            'KONSTRUKSI',
            'PERDAGANGAN_RITEL',
            'PERHOTELAN_PARIWISATA',
            'TEKNOLOGI_INFORMASI',
            'KESEHATAN',
            'PERBANKAN_KEUANGAN',
            'PERTANIAN_PERIKANAN',
            'LAINNYA',
          ]),
        },
        ak1Number: { title: 'Nomor kartu AK/1 (bila ada)', type: 'string', pattern: '^[0-9A-Za-z./-]{6,30}$' },
        session: choice('Sesi kehadiran', ['PAGI', 'SIANG']),
        domicileDistrict: choice('Kecamatan domisili', KECAMATAN_SERANG),
        disability: { title: 'Penyandang disabilitas (agar disiapkan pendampingan)', type: 'boolean' },
        phone: phone(),
      },
      additionalProperties: false,
    },
    workflow: {
      states: [
        submitted(),
        review('VERIFYING', 'Verifikasi pendaftaran', 'Checking the registration', 1),
        revisionRequested(),
        review('APPROVED', 'Lolos verifikasi', 'Registration accepted', 0),
        completed('Terdaftar sebagai peserta', 'Registered as a participant'),
        rejected('Tidak dapat didaftarkan', 'Could not be registered'),
      ],
      actions: [
        move('START_VERIFICATION', 'Mulai verifikasi', 'Start checking', ['SUBMITTED'], 'VERIFYING'),
        ...revisionLoop('VERIFYING'),
        move('APPROVE', 'Terima pendaftaran', 'Accept the registration', ['VERIFYING'], 'APPROVED'),
        reject(['SUBMITTED', 'VERIFYING'], 'Tolak (mis. kuota penuh)', 'Reject (e.g. the fair is full)'),
        // The job-fair registration system hands out participant numbers on its own.
        complete(['APPROVED'], 'Terbitkan nomor peserta', 'Issue the participant number', STAFF_OR_SYSTEM),
      ],
    },
  },
};
