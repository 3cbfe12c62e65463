/**
 * The regulation's survey (PermenPAN-RB 14/2017): nine elements (unsur) in its order, each scored
 * 1–4, and the respondent profile's fixed lists. Pure data and checks.
 */
export const SURVEY_ELEMENTS = [
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

export const MIN_SCORE = 1;
export const MAX_SCORE = 4;

/** The profile's lists, as the regulation's questionnaire asks them (codes stable, names for screens). */
export const PROFILE_OPTIONS = {
  ageGroup: ['UNDER_20', '20_29', '30_39', '40_49', '50_59', '60_PLUS'],
  sex: ['MALE', 'FEMALE'],
  education: ['SD', 'SMP', 'SMA', 'D1_D3', 'D4_S1', 'S2_PLUS'],
  occupation: ['PNS', 'TNI_POLRI', 'SWASTA', 'WIRAUSAHA', 'PELAJAR_MAHASISWA', 'LAINNYA'],
} as const;

export type ProfileField = keyof typeof PROFILE_OPTIONS;
export type RespondentProfile = Partial<Record<ProfileField, string>>;

/** Per-field problems of a survey answer (field path → message key); empty when it is fine. */
export function surveyProblems(scores: readonly number[], profile: RespondentProfile): Record<string, string> {
  const fields: Record<string, string> = {};
  if (scores.length !== SURVEY_ELEMENTS.length) fields.scores = 'FEEDBACK.SCORES_COUNT';
  else
    scores.forEach((s, i) => {
      if (!Number.isInteger(s) || s < MIN_SCORE || s > MAX_SCORE) fields[`scores.${i}`] = 'FEEDBACK.SCORE_RANGE';
    });
  for (const f of Object.keys(PROFILE_OPTIONS) as ProfileField[]) {
    const v = profile[f];
    if (v && !(PROFILE_OPTIONS[f] as readonly string[]).includes(v)) fields[`profile.${f}`] = 'FEEDBACK.PROFILE_OPTION';
  }
  return fields;
}
