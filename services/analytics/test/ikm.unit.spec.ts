import { gradeOf, ikmOf, type ElementTally } from '../src/ikm/domain/ikm';
import { KREJCIE_MORGAN, minimumSample } from '../src/ikm/domain/krejcie-morgan';

/** Tallies per element (U1..U9) from respondents' rows of scores, as the regulation's processing table adds them up. */
const tally = (rows: number[][]): ElementTally[] => rows[0].map((_, e) => ({ sum: rows.reduce((s, r) => s + r[e], 0), respondents: rows.length }));

describe('IKM (PermenPAN-RB 14/2017) against a hand-worked table', () => {
  /*
   * Five respondents of a service used by five people (minimum sample for N = 5: everyone).
   *
   *            U1  U2  U3  U4  U5  U6  U7  U8  U9   Σ
   *   R1        4   4   4   4   4   4   4   4   4   36
   *   R2        4   3   4   4   4   3   4   4   3   33
   *   R3        3   3   4   4   3   4   4   3   3   31
   *   R4        4   3   3   4   4   3   4   3   3   31
   *   R5        3   3   3   4   3   3   4   3   2   28
   *   Σ        18  16  18  20  18  17  20  17  15  159
   *   NRR     3.6 3.2 3.6 4.0 3.6 3.4 4.0 3.4 3.0   Σ NRR = 31.8
   *
   * With 1/9:  IKM = 31.8 / 9 = 3.5333…, × 25 = 88.333… → 88.33 → A (88.31–100, Sangat Baik).
   * With 0.11: NRR tertimbang Σ = 31.8 × 0.11 = 3.498, × 25 = 87.45 → B (76.61–88.30, Baik).
   * The regulation's exact weight keeps this service an A; the rounded weight would demote it.
   */
  const ROWS = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [4, 3, 4, 4, 4, 3, 4, 4, 3],
    [3, 3, 4, 4, 3, 4, 4, 3, 3],
    [4, 3, 3, 4, 4, 3, 4, 3, 3],
    [3, 3, 3, 4, 3, 3, 4, 3, 2],
  ];

  it('computes NRR per element, the index with 1/9, the converted score and the grade', () => {
    const ikm = ikmOf(tally(ROWS), 5, 5);
    expect(ikm.nrr).toEqual([3.6, 3.2, 3.6, 4, 3.6, 3.4, 4, 3.4, 3]);
    expect(ikm.index).toBeCloseTo(31.8 / 9, 12);
    expect(ikm).toMatchObject({ respondents: 5, population: 5, minimumSample: 5, sufficientSample: true, score: 88.33, grade: 'A' });
  });

  it('is where 0.11 and 1/9 part: the same table weighted 0.11 would grade B', () => {
    const sumNrr = ikmOf(tally(ROWS), 5, 5).nrr.reduce((s: number, n) => s + n!, 0);
    const withPointEleven = Math.round(sumNrr * 0.11 * 25 * 100) / 100;
    expect(withPointEleven).toBe(87.45);
    expect(gradeOf(withPointEleven)).toBe('B');
    expect(ikmOf(tally(ROWS), 5, 5).grade).toBe('A');
  });

  it('grades on the score rounded to two decimals, at each bound', () => {
    expect([100, 88.31, 88.3, 76.61, 76.6, 65, 64.99, 25].map(gradeOf)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']);
    // Everyone gives 3 everywhere: NRR 3, IKM 3.000, × 25 = 75.00 → C (65.00–76.60, Kurang Baik).
    expect(ikmOf(tally([Array(9).fill(3)]), 1, 1)).toMatchObject({ score: 75, grade: 'C' });
    // Everyone gives 2: 50.00 → D (Tidak Baik); everyone 1: 25.00, the floor of the scale.
    expect(ikmOf(tally([Array(9).fill(2)]), 1, 1)).toMatchObject({ score: 50, grade: 'D' });
    expect(ikmOf(tally([Array(9).fill(1)]), 1, 1)).toMatchObject({ score: 25, grade: 'D' });
  });

  it('rounds in exact arithmetic: 11 respondents, a score of repeating decimals', () => {
    // 11 respondents, element sums adding up to 350: 25 × 350 / (9 × 11) = 88.3838… → 88.38 (A).
    const tallies = [40, 39, 39, 39, 39, 39, 39, 38, 38].map((sum) => ({ sum, respondents: 11 }));
    expect(ikmOf(tallies, 11, 11)).toMatchObject({ score: 88.38, grade: 'A' });
  });

  it('marks a period with fewer respondents than the minimum sample as insufficient instead of grading it', () => {
    // 100 applicants finished in the period: Krejcie–Morgan asks for 80 respondents; 5 answered.
    const ikm = ikmOf(tally(ROWS), 5, 100);
    expect(ikm).toMatchObject({ respondents: 5, population: 100, minimumSample: 80, sufficientSample: false, score: 88.33, grade: null });
    // No answers: nothing to show but the counts.
    expect(
      ikmOf(
        tally(ROWS).map(() => ({ sum: 0, respondents: 0 })),
        0,
        12,
      ),
    ).toMatchObject({ score: null, grade: null, minimumSample: 12 });
  });
});

describe('Krejcie–Morgan minimum sample', () => {
  it('reads the table, taking the next larger population between rows, never more than the population', () => {
    expect([1, 9, 10, 11, 15, 95, 100, 101, 1000, 1001, 32518, 1_682_133].map(minimumSample)).toEqual([
      1, 9, 10, 11, 14, 76, 80, 86, 278, 285, 380, 384,
    ]);
  });

  it('agrees with the formula it tabulates: S = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)), χ² = 3.841, P = .5, d = .05', () => {
    for (const [n, s] of KREJCIE_MORGAN) {
      const formula = (3.841 * n * 0.25) / (0.0025 * (n - 1) + 3.841 * 0.25);
      expect(Math.abs(formula - s)).toBeLessThanOrEqual(1);
    }
  });
});
