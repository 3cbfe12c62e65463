/**
 * The complaint categories (kategori pengaduan) every deployment starts with; platform admins
 * change SLAs, add and retire categories (`configureComplaintCategory`). The SLAs follow the common
 * practice of regional complaint units: a few working days for a service that failed someone, longer
 * where field work is needed. A seed never overwrites what platform admins configured.
 */
export interface ComplaintCategorySeed {
  code: string;
  nameId: string;
  nameEn: string;
  slaWorkingDays: number;
}

export const COMPLAINT_CATEGORY_SEEDS: readonly ComplaintCategorySeed[] = [
  { code: 'PELAYANAN_PUBLIK', nameId: 'Pelayanan publik', nameEn: 'Public service', slaWorkingDays: 5 },
  { code: 'ADMINISTRASI_KEPENDUDUKAN', nameId: 'Administrasi kependudukan', nameEn: 'Population administration', slaWorkingDays: 5 },
  { code: 'INFRASTRUKTUR', nameId: 'Infrastruktur dan jalan', nameEn: 'Infrastructure and roads', slaWorkingDays: 14 },
  { code: 'KESEHATAN', nameId: 'Kesehatan', nameEn: 'Health', slaWorkingDays: 5 },
  { code: 'PENDIDIKAN', nameId: 'Pendidikan', nameEn: 'Education', slaWorkingDays: 10 },
  { code: 'SOSIAL', nameId: 'Bantuan sosial', nameEn: 'Social assistance', slaWorkingDays: 10 },
  { code: 'LINGKUNGAN', nameId: 'Lingkungan hidup', nameEn: 'Environment', slaWorkingDays: 14 },
  { code: 'KETERTIBAN', nameId: 'Ketertiban umum', nameEn: 'Public order', slaWorkingDays: 7 },
  { code: 'PUNGLI', nameId: 'Pungutan liar dan maladministrasi', nameEn: 'Illegal fees and maladministration', slaWorkingDays: 10 },
  { code: 'LAINNYA', nameId: 'Lainnya', nameEn: 'Other', slaWorkingDays: 10 },
];
