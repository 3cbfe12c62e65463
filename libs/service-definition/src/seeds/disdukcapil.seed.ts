import { choice, kkNumber, nik, phone, text } from './form-parts';
import {
  complete,
  completed,
  doc,
  KK,
  KTP,
  MB,
  move,
  reject,
  rejected,
  review,
  revisionLoop,
  revisionRequested,
  STAFF_OR_SYSTEM,
  submitted,
  type ServiceSeed,
} from './seed-parts';

/**
 * Dinas Kependudukan dan Pencatatan Sipil. Population documents are free by law (UU 24/2013
 * Pasal 79A). SIAK, the national population system, issues the document and its number, so the
 * agency's system may complete these applications itself.
 */

/** Once the change is being entered in SIAK it can no longer be called off from here. */
const inSiak = () => review('PROCESSING_SIAK', 'Diproses di SIAK', 'Being processed in SIAK', 2, { cancellable: false });

export const KK_UPDATE: ServiceSeed = {
  id: 'disdukcapil-kk-update',
  agencyId: 'disdukcapil',
  code: 'KK-PERUBAHAN',
  nameId: 'Perubahan Kartu Keluarga',
  nameEn: 'Family card (KK) update',
  definition: {
    schemaVersion: 1,
    descriptionId:
      'Penerbitan Kartu Keluarga baru karena perubahan susunan atau data anggota keluarga: kelahiran, kematian, pindah, perkawinan, perubahan pendidikan atau pekerjaan, perbaikan data, atau KK hilang/rusak. KK terbit sebagai dokumen elektronik bertanda tangan elektronik yang dapat dicetak sendiri di kertas HVS.',
    descriptionEn:
      "Issues a new family card after a change in the household or in a member's data: a birth, a death, a move, a marriage, a change of education or occupation, a correction, or a lost or damaged card. The card is issued as an electronically signed document you can print yourself on plain paper.",
    slaWorkingDays: 3,
    fee: { amount: 0, currency: 'IDR' },
    requiredDocuments: [
      doc('KK', 'Kartu Keluarga lama', 'The current family card', true),
      KTP,
      doc(
        'FORMULIR_F106',
        'Formulir F-1.06 perubahan elemen data (bila mengubah data)',
        'Form F-1.06 on changed data elements (when data change)',
        false,
      ),
      doc(
        'DOKUMEN_PENDUKUNG',
        'Dokumen pendukung perubahan (akta kelahiran/kematian, surat pindah, buku nikah, ijazah…)',
        'Supporting document (birth or death certificate, moving letter, marriage book, diploma…)',
        true,
        undefined,
        5 * MB,
      ),
    ],
    form: {
      type: 'object',
      required: ['kkNumber', 'headOfFamilyNik', 'reason', 'details', 'deliveryMethod', 'phone'],
      properties: {
        kkNumber: kkNumber(),
        headOfFamilyNik: nik('NIK kepala keluarga'),
        reason: choice('Alasan perubahan', [
          'TAMBAH_ANGGOTA_KELAHIRAN',
          'TAMBAH_ANGGOTA_PINDAH_DATANG',
          'KURANG_ANGGOTA_KEMATIAN',
          'KURANG_ANGGOTA_PINDAH',
          'PISAH_KK',
          'PERUBAHAN_PENDIDIKAN',
          'PERUBAHAN_PEKERJAAN',
          'PERUBAHAN_STATUS_PERKAWINAN',
          'PERUBAHAN_KEPALA_KELUARGA',
          'PERBAIKAN_DATA',
          'KK_HILANG_RUSAK',
        ]),
        affectedMembers: {
          title: 'Anggota keluarga yang berubah',
          type: 'array',
          maxItems: 20,
          items: {
            type: 'object',
            required: ['fullName', 'relationship'],
            properties: {
              nik: nik('NIK (kosongkan untuk bayi yang belum punya NIK)'),
              fullName: text('Nama lengkap', 2, 100),
              relationship: choice('Hubungan dalam keluarga', [
                'KEPALA_KELUARGA',
                'SUAMI',
                'ISTRI',
                'ANAK',
                'MENANTU',
                'CUCU',
                'ORANG_TUA',
                'MERTUA',
                'FAMILI_LAIN',
                'LAINNYA',
              ]),
            },
            additionalProperties: false,
          },
        },
        details: text('Uraian perubahan', 10, 1000),
        deliveryMethod: choice('Cara menerima KK', ['CETAK_MANDIRI', 'AMBIL_DI_KANTOR']),
        phone: phone(),
      },
      additionalProperties: false,
    },
    workflow: {
      states: [
        submitted(),
        review('VERIFYING', 'Verifikasi berkas', 'Checking the documents', 1),
        revisionRequested(),
        inSiak(),
        completed('KK baru terbit', 'New family card issued'),
        rejected(),
      ],
      actions: [
        move('START_VERIFICATION', 'Mulai verifikasi', 'Start checking', ['SUBMITTED'], 'VERIFYING'),
        ...revisionLoop('VERIFYING'),
        move('APPROVE', 'Setujui dan proses di SIAK', 'Approve and process in SIAK', ['VERIFYING'], 'PROCESSING_SIAK'),
        reject(['SUBMITTED', 'VERIFYING']),
        complete(['PROCESSING_SIAK'], 'Terbitkan KK (isi nomor KK)', 'Issue the card (enter its number)', STAFF_OR_SYSTEM),
      ],
    },
  },
};

export const AKTA_LAHIR: ServiceSeed = {
  id: 'disdukcapil-akta-lahir',
  agencyId: 'disdukcapil',
  code: 'AKTA-LAHIR',
  nameId: 'Akta Kelahiran',
  nameEn: 'Birth certificate',
  definition: {
    schemaVersion: 1,
    descriptionId:
      'Pencatatan kelahiran dan penerbitan kutipan akta kelahiran bagi anak yang lahir atau berdomisili di Kabupaten Serang. Setelah akta terbit, KK orang tua diperbarui dengan anggota baru.',
    descriptionEn:
      "Registers a birth and issues the birth certificate for a child born or living in Serang Regency. Once issued, the parents' family card is updated with the new member.",
    slaWorkingDays: 5,
    fee: { amount: 0, currency: 'IDR' },
    requiredDocuments: [
      doc(
        'SURAT_KETERANGAN_LAHIR',
        'Surat keterangan lahir dari rumah sakit, puskesmas atau bidan',
        'Birth notice from the hospital, health centre or midwife',
        true,
      ),
      KK,
      doc('KTP_ORANG_TUA', 'KTP-el ayah dan ibu', "Father's and mother's electronic identity cards", true),
      doc('BUKU_NIKAH', 'Buku nikah atau akta perkawinan orang tua', "Parents' marriage book or marriage certificate", false),
      doc(
        'SPTJM',
        'SPTJM kebenaran data kelahiran (bila tidak ada surat keterangan lahir)',
        'Statement of full responsibility for the birth data (if there is no birth notice)',
        false,
      ),
    ],
    form: {
      type: 'object',
      required: [
        'childName',
        'sex',
        'birthDate',
        'birthPlace',
        'birthFacility',
        'birthType',
        'birthOrder',
        'birthAttendant',
        'motherNik',
        'kkNumber',
        'phone',
      ],
      properties: {
        childName: text('Nama lengkap anak', 2, 100),
        sex: choice('Jenis kelamin', ['LAKI_LAKI', 'PEREMPUAN']),
        birthDate: { title: 'Tanggal lahir', type: 'string', format: 'date' },
        birthTime: { title: 'Pukul lahir (JJ:MM)', type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
        birthPlace: text('Tempat kelahiran (kota/kabupaten)', 2, 100),
        birthFacility: choice('Tempat dilahirkan', ['RUMAH_SAKIT', 'PUSKESMAS', 'POLINDES', 'RUMAH', 'LAINNYA']),
        birthType: choice('Jenis kelahiran', ['TUNGGAL', 'KEMBAR_2', 'KEMBAR_3', 'KEMBAR_4', 'LAINNYA']),
        birthOrder: { title: 'Kelahiran ke-', type: 'integer', minimum: 1, maximum: 20 },
        birthAttendant: choice('Penolong kelahiran', ['DOKTER', 'BIDAN_PERAWAT', 'DUKUN', 'LAINNYA']),
        weightGrams: { title: 'Berat bayi (gram)', type: 'integer', minimum: 300, maximum: 7000 },
        lengthCm: { title: 'Panjang bayi (cm)', type: 'integer', minimum: 20, maximum: 70 },
        motherNik: nik('NIK ibu'),
        fatherNik: nik('NIK ayah'),
        kkNumber: kkNumber(),
        phone: phone(),
      },
      additionalProperties: false,
    },
    workflow: {
      states: [
        submitted(),
        review('VERIFYING', 'Verifikasi berkas', 'Checking the documents', 2),
        revisionRequested(),
        { ...inSiak(), slaWorkingDays: 3 },
        completed('Akta kelahiran terbit', 'Birth certificate issued'),
        rejected(),
      ],
      actions: [
        move('START_VERIFICATION', 'Mulai verifikasi', 'Start checking', ['SUBMITTED'], 'VERIFYING'),
        ...revisionLoop('VERIFYING'),
        move('APPROVE', 'Setujui dan proses di SIAK', 'Approve and process in SIAK', ['VERIFYING'], 'PROCESSING_SIAK'),
        reject(['SUBMITTED', 'VERIFYING']),
        complete(['PROCESSING_SIAK'], 'Terbitkan akta (isi nomor akta)', 'Issue the certificate (enter its number)', STAFF_OR_SYSTEM),
      ],
    },
  },
};
