import { minimumSample } from './krejcie-morgan';

/**
 * The satisfaction index (IKM) of PermenPAN-RB 14/2017, exactly as SPEC.md states it:
 * NRR of an element = sum of its scores / respondents who answered it; IKM = Σ NRR × 1/9 (each of
 * the nine elements weighs exactly 1/9, not the 0.11 some spreadsheets round it to), on 1–4;
 * reported × 25 (25–100), rounded to two decimals, and graded on that rounded figure. Pure.
 */
export const ELEMENT_COUNT = 9;

export type Grade = 'A' | 'B' | 'C' | 'D';

/** Grades on the converted scale (×25), lowest bound in hundredths, and their names. */
export const GRADES: ReadonlyArray<{ grade: Grade; fromHundredths: number; labelId: string; labelEn: string }> = [
  { grade: 'A', fromHundredths: 8831, labelId: 'Sangat Baik', labelEn: 'Very good' },
  { grade: 'B', fromHundredths: 7661, labelId: 'Baik', labelEn: 'Good' },
  { grade: 'C', fromHundredths: 6500, labelId: 'Kurang Baik', labelEn: 'Poor' },
  { grade: 'D', fromHundredths: 2500, labelId: 'Tidak Baik', labelEn: 'Very poor' },
];

/** One element's tally: the sum of its scores and how many respondents answered it. */
export interface ElementTally {
  sum: number;
  respondents: number;
}

export interface Ikm {
  respondents: number;
  /** Service users in the period (finished applications), at least the respondents. */
  population: number;
  minimumSample: number;
  sufficientSample: boolean;
  /** NRR per element, exact (null for an element nobody answered). */
  nrr: Array<number | null>;
  /** Σ NRR × 1/9, exact, on 1–4; null without respondents. */
  index: number | null;
  /** index × 25 rounded to two decimals (25–100); null without respondents. */
  score: number | null;
  /** Null without respondents, or when the sample is below the minimum ("insufficient sample"). */
  grade: Grade | null;
}

/** The IKM of a set of answers, given their tallies per element and the population they were drawn from. */
export function ikmOf(tallies: readonly ElementTally[], respondents: number, population: number): Ikm {
  if (tallies.length !== ELEMENT_COUNT) throw new Error(`an IKM has ${ELEMENT_COUNT} elements, got ${tallies.length}`);
  const users = Math.max(population, respondents);
  const minimum = minimumSample(users);
  const sufficientSample = respondents > 0 && respondents >= minimum;
  const nrr = tallies.map((t) => (t.respondents > 0 ? t.sum / t.respondents : null));
  if (respondents === 0 || nrr.some((n) => n === null))
    return { respondents, population: users, minimumSample: minimum, sufficientSample, nrr, index: null, score: null, grade: null };
  const hundredths = scoreHundredths(tallies);
  const score = hundredths / 100;
  const index = (nrr as number[]).reduce((s, n) => s + n, 0) / ELEMENT_COUNT;
  return {
    respondents,
    population: users,
    minimumSample: minimum,
    sufficientSample,
    nrr,
    index,
    score,
    grade: sufficientSample ? gradeOf(score) : null,
  };
}

/** The grade of a converted score (already rounded to two decimals). */
export function gradeOf(score: number): Grade {
  const h = Math.round(score * 100);
  return (GRADES.find((g) => h >= g.fromHundredths) ?? GRADES[GRADES.length - 1]).grade;
}

export const gradeLabel = (grade: Grade, lang: 'id' | 'en'): string => {
  const g = GRADES.find((x) => x.grade === grade)!;
  return lang === 'en' ? g.labelEn : g.labelId;
};

/**
 * 25 × (Σ sumₑ/nₑ) / 9 in hundredths, rounded half up, in integer arithmetic so that a score
 * that sits exactly on a grade's bound (88.305…) is never pushed across it by binary floats.
 * With every element answered by the same n (the platform's survey requires all nine) this is
 * round(2500 · Σ sumₑ / (9 n)); otherwise over the common denominator of the nₑ.
 */
function scoreHundredths(tallies: readonly ElementTally[]): number {
  const denominators = tallies.map((t) => BigInt(t.respondents));
  const common = denominators.reduce((a, b) => (a * b) / gcd(a, b), 1n);
  const numerator = tallies.reduce((s, t) => s + BigInt(t.sum) * (common / BigInt(t.respondents)), 0n) * 2500n;
  const denominator = common * BigInt(ELEMENT_COUNT);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** Sums tallies (services into their agency). */
export function addTallies(a: readonly ElementTally[], b: readonly ElementTally[]): ElementTally[] {
  return a.map((t, i) => ({ sum: t.sum + b[i].sum, respondents: t.respondents + b[i].respondents }));
}

export const emptyTallies = (): ElementTally[] => Array.from({ length: ELEMENT_COUNT }, () => ({ sum: 0, respondents: 0 }));
