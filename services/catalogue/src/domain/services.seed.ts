/**
 * A few published services to start with; full workflows and the rest of the catalogue come with
 * the catalogue issue. Ids are stable so that seeding is idempotent.
 */
export interface ServiceSeed {
  id: string;
  agencyId: string;
  code: string;
  nameId: string;
  nameEn: string;
  slaWorkingDays: number;
  /** JSON Schema of the application form. */
  form: Record<string, unknown>;
  requiredDocuments: string[];
}

export const SERVICES: readonly ServiceSeed[] = [
  {
    id: 'disnakertrans-ak1',
    agencyId: 'disnakertrans',
    code: 'AK1',
    nameId: 'Kartu Tanda Pencari Kerja (AK/1)',
    nameEn: 'Job-seeker card (AK/1)',
    slaWorkingDays: 3,
    form: {
      type: 'object',
      required: ['education', 'skills'],
      properties: { education: { type: 'string', enum: ['SD', 'SMP', 'SMA', 'D3', 'S1', 'S2'] }, skills: { type: 'string', minLength: 2, maxLength: 500 } },
      additionalProperties: false,
    },
    requiredDocuments: ['KTP', 'IJAZAH', 'PAS_FOTO'],
  },
  {
    id: 'disnakertrans-job-fair',
    agencyId: 'disnakertrans',
    code: 'JOBFAIR',
    nameId: 'Pendaftaran Job Fair',
    nameEn: 'Job fair registration',
    slaWorkingDays: 1,
    form: { type: 'object', required: ['preferredSector'], properties: { preferredSector: { type: 'string', minLength: 2, maxLength: 100 } }, additionalProperties: false },
    requiredDocuments: ['CV'],
  },
  {
    id: 'disdukcapil-akta-lahir',
    agencyId: 'disdukcapil',
    code: 'AKTA-LAHIR',
    nameId: 'Akta Kelahiran',
    nameEn: 'Birth certificate',
    slaWorkingDays: 5,
    form: {
      type: 'object',
      required: ['childName', 'birthDate', 'birthPlace'],
      properties: { childName: { type: 'string', minLength: 2 }, birthDate: { type: 'string', format: 'date' }, birthPlace: { type: 'string', minLength: 2 } },
      additionalProperties: false,
    },
    requiredDocuments: ['SURAT_KETERANGAN_LAHIR', 'KK', 'KTP_ORANG_TUA'],
  },
  {
    id: 'bapenda-pbb-certificate',
    agencyId: 'bapenda',
    code: 'PBB-SKET',
    nameId: 'Surat Keterangan Lunas PBB',
    nameEn: 'Land and building tax (PBB) paid certificate',
    slaWorkingDays: 2,
    form: { type: 'object', required: ['nop'], properties: { nop: { type: 'string', pattern: '^[0-9]{18}$' } }, additionalProperties: false },
    requiredDocuments: ['SPPT_PBB'],
  },
];
