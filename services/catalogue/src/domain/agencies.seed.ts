/** The 30 agencies (OPD) of Kabupaten Serang onboarded at launch (SPEC.md), with stable codes. */
export interface AgencySeed {
  code: string;
  nameId: string;
  nameEn: string;
}

export const AGENCIES: readonly AgencySeed[] = [
  { code: 'disdukcapil', nameId: 'Dinas Kependudukan dan Pencatatan Sipil', nameEn: 'Population and Civil Registration Office' },
  { code: 'bapenda', nameId: 'Badan Pendapatan Daerah', nameEn: 'Regional Revenue Agency' },
  { code: 'disnakertrans', nameId: 'Dinas Tenaga Kerja dan Transmigrasi', nameEn: 'Manpower and Transmigration Office' },
  { code: 'kesbangpol', nameId: 'Badan Kesatuan Bangsa dan Politik', nameEn: 'National Unity and Politics Agency' },
  { code: 'dinsos', nameId: 'Dinas Sosial', nameEn: 'Social Affairs Office' },
  { code: 'bpbd', nameId: 'Badan Penanggulangan Bencana Daerah', nameEn: 'Regional Disaster Management Agency' },
  { code: 'bpkad', nameId: 'Badan Pengelola Keuangan dan Aset Daerah', nameEn: 'Regional Finance and Asset Management Agency' },
  {
    code: 'bappeda',
    nameId: 'Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan',
    nameEn: 'Regional Development Planning, Research and Development Agency',
  },
  { code: 'bps', nameId: 'Badan Pusat Statistik', nameEn: 'Statistics Agency' },
  {
    code: 'dp3akb',
    nameId: 'Dinas Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak',
    nameEn: 'Family Planning, Women Empowerment and Child Protection Office',
  },
  { code: 'dispora', nameId: 'Dinas Kepemudaan, Olahraga dan Pariwisata', nameEn: 'Youth, Sports and Tourism Office' },
  { code: 'dinkes', nameId: 'Dinas Kesehatan', nameEn: 'Health Office' },
  { code: 'dkpp', nameId: 'Dinas Ketahanan Pangan dan Pertanian', nameEn: 'Food Security and Agriculture Office' },
  {
    code: 'diskominfosatik',
    nameId: 'Dinas Komunikasi, Informatika, Persandian dan Statistik',
    nameEn: 'Communication, Informatics, Cryptography and Statistics Office',
  },
  { code: 'diskoperindag', nameId: 'Dinas Koperasi, Perindustrian dan Perdagangan', nameEn: 'Cooperatives, Industry and Trade Office' },
  { code: 'dlh', nameId: 'Dinas Lingkungan Hidup', nameEn: 'Environment Office' },
  { code: 'dpupr', nameId: 'Dinas Pekerjaan Umum dan Penataan Ruang', nameEn: 'Public Works and Spatial Planning Office' },
  { code: 'dpmd', nameId: 'Dinas Pemberdayaan Masyarakat dan Desa', nameEn: 'Community and Village Empowerment Office' },
  { code: 'dpmptsp', nameId: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', nameEn: 'Investment and One-Stop Integrated Services Office' },
  { code: 'dindikbud', nameId: 'Dinas Pendidikan dan Kebudayaan', nameEn: 'Education and Culture Office' },
  { code: 'dishub', nameId: 'Dinas Perhubungan', nameEn: 'Transportation Office' },
  { code: 'diskan', nameId: 'Dinas Perikanan', nameEn: 'Fisheries Office' },
  { code: 'dpk', nameId: 'Dinas Perpustakaan dan Kearsipan Daerah', nameEn: 'Regional Library and Archives Office' },
  { code: 'perkim', nameId: 'Dinas Perumahan Rakyat dan Kawasan Permukiman', nameEn: 'Public Housing and Settlement Areas Office' },
  { code: 'inspektorat', nameId: 'Inspektorat', nameEn: 'Inspectorate' },
  { code: 'rsud-drajat', nameId: 'RSUD dr. Drajat Prawiranegara', nameEn: 'dr. Drajat Prawiranegara Regional Hospital' },
  { code: 'samsat', nameId: 'Samsat', nameEn: 'One-Roof Vehicle Administration Office (Samsat)' },
  { code: 'satpolpp', nameId: 'Satuan Polisi Pamong Praja', nameEn: 'Civil Service Police Unit' },
  { code: 'setwan', nameId: 'Sekretariat DPRD', nameEn: 'Regional Parliament Secretariat' },
  { code: 'setda', nameId: 'Sekretariat Daerah', nameEn: 'Regional Secretariat' },
];
