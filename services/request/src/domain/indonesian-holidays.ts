/**
 * Indonesia's national holidays (libur nasional) and joint-leave days (cuti bersama): the default
 * working-day calendar when HOLIDAYS is not configured.
 *
 * 2026 is the government's decision: SKB 3 Menteri (Menteri Agama, Menteri Ketenagakerjaan,
 * Menteri PANRB) No. 1497/2025, 2/2025, 5/2025 — 17 national holidays and 8 joint-leave days.
 * 2027 had no SKB yet when this list was written: the fixed-date holidays are certain, the
 * movable ones (Islamic, Chinese, Balinese and Buddhist calendars; Easter) are astronomical
 * estimates, marked `provisional`, and no joint-leave days are known. When the SKB for 2027 is
 * published, update this list, or set HOLIDAYS to the official dates without a release.
 * Dates that fall on a weekend are kept: they change nothing, and the list stays the official one.
 */
export interface Holiday {
  /** ISO calendar date in Asia/Jakarta. */
  date: string;
  nameId: string;
  nameEn: string;
  kind: 'NATIONAL' | 'JOINT_LEAVE';
  /** An estimate, not yet confirmed by an SKB. */
  provisional?: true;
}

const national = (date: string, nameId: string, nameEn: string): Holiday => ({ date, nameId, nameEn, kind: 'NATIONAL' });
const jointLeave = (date: string, nameId: string, nameEn: string): Holiday => ({ date, nameId, nameEn, kind: 'JOINT_LEAVE' });
const estimated = (date: string, nameId: string, nameEn: string): Holiday => ({ date, nameId, nameEn, kind: 'NATIONAL', provisional: true });

export const INDONESIAN_HOLIDAYS: readonly Holiday[] = [
  // 2026 — SKB 3 Menteri of 19 September 2025.
  national('2026-01-01', 'Tahun Baru 2026 Masehi', "New Year's Day"),
  national('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', "Isra and Mi'raj"),
  jointLeave('2026-02-16', 'Cuti bersama Tahun Baru Imlek', 'Joint leave, Chinese New Year'),
  national('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', 'Chinese New Year'),
  jointLeave('2026-03-18', 'Cuti bersama Hari Suci Nyepi', 'Joint leave, Day of Silence'),
  national('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)', 'Day of Silence (Saka New Year)'),
  jointLeave('2026-03-20', 'Cuti bersama Idulfitri 1447 H', 'Joint leave, Eid al-Fitr'),
  national('2026-03-21', 'Idulfitri 1447 H', 'Eid al-Fitr'),
  national('2026-03-22', 'Idulfitri 1447 H', 'Eid al-Fitr'),
  jointLeave('2026-03-23', 'Cuti bersama Idulfitri 1447 H', 'Joint leave, Eid al-Fitr'),
  jointLeave('2026-03-24', 'Cuti bersama Idulfitri 1447 H', 'Joint leave, Eid al-Fitr'),
  national('2026-04-03', 'Wafat Yesus Kristus', 'Good Friday'),
  national('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday'),
  national('2026-05-01', 'Hari Buruh Internasional', 'International Labour Day'),
  national('2026-05-14', 'Kenaikan Yesus Kristus', 'Ascension of Jesus Christ'),
  jointLeave('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', 'Joint leave, Ascension Day'),
  national('2026-05-27', 'Iduladha 1447 H', 'Eid al-Adha'),
  jointLeave('2026-05-28', 'Cuti bersama Iduladha 1447 H', 'Joint leave, Eid al-Adha'),
  national('2026-05-31', 'Hari Raya Waisak 2570 BE', 'Vesak Day'),
  national('2026-06-01', 'Hari Lahir Pancasila', 'Pancasila Day'),
  national('2026-06-16', '1 Muharam Tahun Baru Islam 1448 H', 'Islamic New Year'),
  national('2026-08-17', 'Proklamasi Kemerdekaan', 'Independence Day'),
  national('2026-08-25', 'Maulid Nabi Muhammad SAW', "Prophet Muhammad's Birthday"),
  jointLeave('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus', 'Joint leave, Christmas'),
  national('2026-12-25', 'Kelahiran Yesus Kristus', 'Christmas Day'),
  // 2027 — no SKB yet: fixed dates are certain, the others estimated (see above).
  national('2027-01-01', 'Tahun Baru 2027 Masehi', "New Year's Day"),
  estimated('2027-01-05', 'Isra Mikraj Nabi Muhammad SAW', "Isra and Mi'raj"),
  estimated('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili', 'Chinese New Year'),
  estimated('2027-03-08', 'Hari Suci Nyepi (Tahun Baru Saka 1949)', 'Day of Silence (Saka New Year)'),
  estimated('2027-03-10', 'Idulfitri 1448 H', 'Eid al-Fitr'),
  estimated('2027-03-11', 'Idulfitri 1448 H', 'Eid al-Fitr'),
  national('2027-03-26', 'Wafat Yesus Kristus', 'Good Friday'),
  national('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday'),
  national('2027-05-01', 'Hari Buruh Internasional', 'International Labour Day'),
  national('2027-05-06', 'Kenaikan Yesus Kristus', 'Ascension of Jesus Christ'),
  estimated('2027-05-17', 'Iduladha 1448 H', 'Eid al-Adha'),
  estimated('2027-05-20', 'Hari Raya Waisak 2571 BE', 'Vesak Day'),
  national('2027-06-01', 'Hari Lahir Pancasila', 'Pancasila Day'),
  estimated('2027-06-06', '1 Muharam Tahun Baru Islam 1449 H', 'Islamic New Year'),
  estimated('2027-08-14', 'Maulid Nabi Muhammad SAW', "Prophet Muhammad's Birthday"),
  national('2027-08-17', 'Proklamasi Kemerdekaan', 'Independence Day'),
  national('2027-12-25', 'Kelahiran Yesus Kristus', 'Christmas Day'),
];
