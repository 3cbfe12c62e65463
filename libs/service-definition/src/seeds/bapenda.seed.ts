import { choice, phone, text } from './form-parts';
import {
  complete,
  completed,
  doc,
  KTP,
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

/** Badan Pendapatan Daerah: the regency collects the land and building tax (PBB-P2) itself. */
export const PBB_CERTIFICATE: ServiceSeed = {
  id: 'bapenda-pbb-certificate',
  agencyId: 'bapenda',
  code: 'PBB-SKET',
  nameId: 'Surat Keterangan Lunas PBB',
  nameEn: 'Land and building tax (PBB) paid certificate',
  definition: {
    schemaVersion: 1,
    descriptionId:
      'Surat keterangan bahwa PBB-P2 atas suatu objek pajak telah lunas untuk tahun-tahun yang diminta, misalnya untuk jual beli, peralihan hak, pendaftaran sertifikat tanah atau pengajuan kredit. Pembayaran dicek pada data Bapenda; bila ada tunggakan, pemohon diminta melunasinya lebih dahulu.',
    descriptionEn:
      'A certificate that the land and building tax (PBB-P2) of a tax object is paid for the years asked, e.g. for a sale, a transfer of rights, land registration or a loan. Payments are checked against Bapenda’s records; arrears must be paid first.',
    slaWorkingDays: 2,
    fee: { amount: 0, currency: 'IDR' },
    requiredDocuments: [
      doc('SPPT_PBB', 'SPPT PBB tahun terakhir', 'Latest PBB tax assessment notice (SPPT)', true),
      doc('BUKTI_BAYAR', 'Bukti pembayaran PBB (STTS/struk bank), bila ada', 'Proof of PBB payment (STTS or bank receipt), if any', false),
      KTP,
      doc('SURAT_KUASA', 'Surat kuasa bermeterai (bila dikuasakan)', 'Stamped power of attorney (when acting for the taxpayer)', false, [
        'application/pdf',
      ]),
    ],
    form: {
      type: 'object',
      required: ['nop', 'taxpayerName', 'taxYears', 'purpose', 'phone'],
      properties: {
        nop: { title: 'Nomor Objek Pajak (NOP)', type: 'string', pattern: '^[0-9]{18}$', description: '18 digit tanpa titik, tertera pada SPPT' },
        taxpayerName: text('Nama wajib pajak sesuai SPPT', 2, 100),
        objectAddress: text('Letak objek pajak', 5, 200),
        taxYears: {
          title: 'Tahun pajak yang diminta',
          type: 'array',
          minItems: 1,
          maxItems: 10,
          uniqueItems: true,
          items: { type: 'integer', minimum: 2000, maximum: 2100 },
        },
        purpose: choice('Keperluan', ['JUAL_BELI', 'PERALIHAN_HAK_HIBAH_WARIS', 'PENDAFTARAN_SERTIFIKAT', 'PENGAJUAN_KREDIT', 'PERSYARATAN_LAINNYA']),
        onBehalf: { title: 'Diajukan atas nama orang lain (dengan surat kuasa)', type: 'boolean' },
        phone: phone(),
      },
      additionalProperties: false,
    },
    workflow: {
      states: [
        submitted(),
        review('VERIFYING', 'Pemeriksaan data pembayaran', 'Checking the payment records', 1),
        revisionRequested(),
        review('APPROVED', 'Lunas, surat sedang ditandatangani', 'Paid, certificate being signed', 1),
        completed('Surat keterangan terbit', 'Certificate issued'),
        rejected(),
      ],
      actions: [
        move('START_VERIFICATION', 'Mulai pemeriksaan', 'Start checking', ['SUBMITTED'], 'VERIFYING'),
        // Also when arrears must be paid first: the citizen pays and resubmits the receipt.
        ...revisionLoop('VERIFYING'),
        move('APPROVE', 'Nyatakan lunas', 'Confirm as paid', ['VERIFYING'], 'APPROVED'),
        reject(['SUBMITTED', 'VERIFYING']),
        complete(['APPROVED'], 'Terbitkan surat keterangan', 'Issue the certificate', STAFF_OR_SYSTEM),
      ],
    },
  },
};
