import { choice, KECAMATAN_SERANG, phone, text } from './form-parts';
import {
  complete,
  completed,
  doc,
  KTP,
  MB,
  move,
  reject,
  rejected,
  review,
  revisionLoop,
  revisionRequested,
  STAFF,
  submitted,
  type ServiceSeed,
} from './seed-parts';

/** Badan Kesatuan Bangsa dan Politik: the letter is signed by the head of the agency, so no system completes it. */
export const RESEARCH_RECOMMENDATION: ServiceSeed = {
  id: 'kesbangpol-research-recommendation',
  agencyId: 'kesbangpol',
  code: 'REKOM-PENELITIAN',
  nameId: 'Surat Rekomendasi Penelitian',
  nameEn: 'Research recommendation letter',
  definition: {
    schemaVersion: 1,
    descriptionId:
      'Surat rekomendasi bagi mahasiswa, dosen dan peneliti yang akan melakukan penelitian, survei atau pengumpulan data di wilayah Kabupaten Serang, ditujukan kepada perangkat daerah, camat atau kepala desa di lokasi penelitian.',
    descriptionEn:
      'A recommendation letter for students, lecturers and researchers who will carry out research, a survey or data collection in Serang Regency, addressed to the agencies, district heads or village heads where the research takes place.',
    slaWorkingDays: 3,
    fee: { amount: 0, currency: 'IDR' },
    requiredDocuments: [
      KTP,
      doc('PROPOSAL_PENELITIAN', 'Proposal penelitian', 'Research proposal', true, ['application/pdf'], 10 * MB),
      doc('SURAT_PENGANTAR', 'Surat pengantar dari perguruan tinggi atau lembaga', 'Cover letter from the university or institution', true),
      doc('KARTU_MAHASISWA', 'Kartu mahasiswa (bagi mahasiswa)', 'Student card (for students)', false),
      doc('SURAT_PERNYATAAN', 'Surat pernyataan bermeterai untuk menaati peraturan', 'Stamped statement to abide by the rules', true, [
        'application/pdf',
      ]),
    ],
    form: {
      type: 'object',
      required: ['researcherType', 'institution', 'researchTitle', 'method', 'locations', 'startDate', 'endDate', 'teamSize', 'phone'],
      properties: {
        researcherType: choice('Peneliti', [
          'MAHASISWA_D3',
          'MAHASISWA_S1',
          'MAHASISWA_S2',
          'MAHASISWA_S3',
          'DOSEN',
          'PENELITI_LEMBAGA',
          'LSM_ORMAS',
          'UMUM',
        ]),
        institution: text('Perguruan tinggi / lembaga', 2, 150),
        studentOrStaffNumber: { title: 'NIM / NIDN / nomor pegawai', type: 'string', pattern: '^[0-9A-Za-z./-]{3,30}$' },
        researchTitle: text('Judul penelitian', 10, 300),
        method: choice('Metode penelitian', ['KUANTITATIF', 'KUALITATIF', 'CAMPURAN']),
        locations: {
          title: 'Kecamatan lokasi penelitian',
          type: 'array',
          minItems: 1,
          maxItems: 29,
          uniqueItems: true,
          items: choice('Kecamatan', KECAMATAN_SERANG),
        },
        targetAgencies: { title: 'Instansi/desa yang dituju', type: 'array', maxItems: 10, items: text('Instansi atau desa', 2, 150) },
        startDate: { title: 'Tanggal mulai', type: 'string', format: 'date' },
        endDate: { title: 'Tanggal selesai', type: 'string', format: 'date' },
        teamSize: { title: 'Jumlah anggota tim', type: 'integer', minimum: 1, maximum: 50 },
        supervisorName: text('Nama pembimbing / penanggung jawab', 2, 100),
        phone: phone(),
      },
      additionalProperties: false,
    },
    workflow: {
      states: [
        submitted(),
        review('VERIFYING', 'Verifikasi berkas', 'Checking the documents', 1),
        revisionRequested(),
        review('AWAITING_SIGNATURE', 'Menunggu tanda tangan Kepala Badan', 'Awaiting the signature of the head of the agency', 2),
        completed('Surat rekomendasi terbit', 'Recommendation letter issued'),
        rejected(),
      ],
      actions: [
        move('START_VERIFICATION', 'Mulai verifikasi', 'Start checking', ['SUBMITTED'], 'VERIFYING'),
        ...revisionLoop('VERIFYING'),
        move('APPROVE', 'Setujui dan ajukan tanda tangan', 'Approve and send for signature', ['VERIFYING'], 'AWAITING_SIGNATURE'),
        reject(['SUBMITTED', 'VERIFYING', 'AWAITING_SIGNATURE']),
        complete(['AWAITING_SIGNATURE'], 'Terbitkan surat (isi nomor surat)', 'Issue the letter (enter its number)', STAFF),
      ],
    },
  },
};
