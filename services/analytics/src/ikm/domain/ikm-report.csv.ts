import { ELEMENT_COUNT, GRADES } from './ikm';
import type { AgencyIkm } from './ikm-figures';
import { IKM_ELEMENTS } from './ikm-elements';
import type { Semester } from './semester.value';

/** One answer's scores and profile, as the report lists them (no person, no text). */
export interface ReportAnswer {
  scores: readonly number[];
  ageGroup: string;
  sex: string;
  education: string;
  occupation: string;
}

const PROFILE: ReadonlyArray<{ field: keyof Omit<ReportAnswer, 'scores'>; label: string; options: ReadonlyArray<[string, string]> }> = [
  {
    field: 'sex',
    label: 'Jenis Kelamin',
    options: [
      ['MALE', 'Laki-laki'],
      ['FEMALE', 'Perempuan'],
    ],
  },
  {
    field: 'ageGroup',
    label: 'Usia',
    options: [
      ['UNDER_20', '< 20 tahun'],
      ['20_29', '20–29 tahun'],
      ['30_39', '30–39 tahun'],
      ['40_49', '40–49 tahun'],
      ['50_59', '50–59 tahun'],
      ['60_PLUS', '≥ 60 tahun'],
    ],
  },
  {
    field: 'education',
    label: 'Pendidikan',
    options: [
      ['SD', 'SD'],
      ['SMP', 'SMP'],
      ['SMA', 'SMA/SMK'],
      ['D1_D3', 'D1–D3'],
      ['D4_S1', 'D4/S1'],
      ['S2_PLUS', 'S2 ke atas'],
    ],
  },
  {
    field: 'occupation',
    label: 'Pekerjaan',
    options: [
      ['PNS', 'PNS'],
      ['TNI_POLRI', 'TNI/Polri'],
      ['SWASTA', 'Pegawai swasta'],
      ['WIRAUSAHA', 'Wirausaha'],
      ['PELAJAR_MAHASISWA', 'Pelajar/Mahasiswa'],
      ['LAINNYA', 'Lainnya'],
    ],
  },
];

const fixed = (n: number | null, digits: number) => (n === null ? '' : n.toFixed(digits));
const label = (grade: string | null) => GRADES.find((g) => g.grade === grade)?.labelId ?? '';

/**
 * The semester report of one agency in the layout of the regulation's processing sheet
 * (PermenPAN-RB 14/2017, "pengolahan data"): a heading, one row of U1..U9 per respondent (in the
 * order they answered, numbered, never named), then per element the sum, NRR, weighted NRR
 * (NRR × 1/9) and the unit's IKM, converted score, quality (mutu) and performance (kinerja); then
 * the respondents' profile and the index per service. NRR and weighted NRR are shown to three
 * decimals; the IKM and its grade come from the exact figures. RFC 4180 CSV. Pure.
 */
export function ikmReportCsv(agencyId: string, semester: Semester, ikm: AgencyIkm, answers: readonly ReportAnswer[]): string {
  const rows: string[][] = [];
  const units = IKM_ELEMENTS.map((e) => e.code);
  rows.push(['LAPORAN SURVEI KEPUASAN MASYARAKAT (IKM) — PermenPAN-RB No. 14 Tahun 2017']);
  rows.push(['Unit pelayanan', agencyId]);
  rows.push(['Periode', `Semester ${semester.half === 1 ? 'I' : 'II'} ${semester.year}`, semester.period.from, semester.period.to]);
  rows.push(['Populasi (permohonan selesai/ditolak)', String(ikm.population)]);
  rows.push(['Jumlah responden', String(ikm.respondents)]);
  rows.push(['Sampel minimum (Krejcie-Morgan)', String(ikm.minimumSample)]);
  rows.push(['Status sampel', ikm.respondents === 0 ? 'Belum ada responden' : ikm.sufficientSample ? 'Memenuhi' : 'Sampel tidak mencukupi']);
  rows.push([]);
  rows.push(['No. Responden', ...units]);
  answers.forEach((a, i) => rows.push([String(i + 1), ...a.scores.map(String)]));
  const sums = Array.from({ length: ELEMENT_COUNT }, (_, e) => answers.reduce((s, a) => s + a.scores[e], 0));
  rows.push(['Σ Nilai per unsur', ...sums.map(String)]);
  rows.push(['NRR per unsur', ...ikm.nrr.map((n) => fixed(n, 3))]);
  rows.push(['NRR tertimbang per unsur (× 1/9)', ...ikm.nrr.map((n) => fixed(n === null ? null : n / ELEMENT_COUNT, 3))]);
  rows.push(['IKM unit pelayanan (Σ NRR tertimbang)', fixed(ikm.index, 3)]);
  rows.push(['IKM unit pelayanan (× 25)', fixed(ikm.score, 2)]);
  rows.push(['Mutu pelayanan', ikm.grade ?? '']);
  rows.push(['Kinerja unit pelayanan', label(ikm.grade)]);
  rows.push([]);
  rows.push(['Keterangan unsur', 'Nama unsur']);
  for (const e of IKM_ELEMENTS) rows.push([e.code, e.nameId]);
  rows.push([]);
  rows.push(['Profil responden', 'Kategori', 'Jumlah', 'Persentase']);
  for (const p of PROFILE) {
    const counted = [...p.options, ['', 'Tidak diisi'] as [string, string]].map(
      ([code, name]) => [name, answers.filter((a) => a[p.field] === code).length] as const,
    );
    for (const [name, n] of counted) rows.push([p.label, name, String(n), answers.length ? `${((100 * n) / answers.length).toFixed(2)}%` : '']);
  }
  rows.push([]);
  rows.push(['IKM per layanan', 'Responden', 'Populasi', 'Sampel minimum', 'IKM (× 25)', 'Mutu pelayanan', 'Kinerja unit pelayanan']);
  for (const s of ikm.byService)
    rows.push([
      s.serviceId,
      String(s.ikm.respondents),
      String(s.ikm.population),
      String(s.ikm.minimumSample),
      fixed(s.ikm.score, 2),
      s.ikm.grade ?? '',
      label(s.ikm.grade),
    ]);
  const esc = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${rows.map((r) => r.map(esc).join(',')).join('\r\n')}\r\n`;
}
