/** The nine elements (unsur) of PermenPAN-RB 14/2017, in the order request's survey scores them (U1..U9). */
export const IKM_ELEMENTS = [
  { code: 'U1', nameId: 'Persyaratan', nameEn: 'Requirements' },
  { code: 'U2', nameId: 'Sistem, mekanisme, dan prosedur', nameEn: 'Systems, mechanisms and procedures' },
  { code: 'U3', nameId: 'Waktu penyelesaian', nameEn: 'Completion time' },
  { code: 'U4', nameId: 'Biaya/tarif', nameEn: 'Cost/tariff' },
  { code: 'U5', nameId: 'Produk spesifikasi jenis pelayanan', nameEn: 'Product specification' },
  { code: 'U6', nameId: 'Kompetensi pelaksana', nameEn: 'Officer competence' },
  { code: 'U7', nameId: 'Perilaku pelaksana', nameEn: 'Officer behaviour' },
  { code: 'U8', nameId: 'Sarana dan prasarana', nameEn: 'Facilities' },
  { code: 'U9', nameId: 'Penanganan pengaduan, saran, dan masukan', nameEn: 'Handling of complaints, suggestions and input' },
] as const;
