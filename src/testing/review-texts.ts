/**
 * Short reports written for the review tests (issue 12): `a` and `b` tell one car bombing and
 * disagree on the toll (12 and 14 killed); `c` tells it again later (16); `other` is another attack.
 */
export const REVIEW_TEXTS = {
  a: 'A car bomb exploded at a police checkpoint in Jalalabad, Nangarhar province, on 3 March 2024, killing 12 people and wounding 30, officials said.',
  b: 'At least 14 people were killed on 3 March 2024 when a car bomb exploded at a police checkpoint in Jalalabad, in eastern Nangarhar province, a hospital official said. Another 25 were wounded.',
  c: 'A car bomb that exploded at a police checkpoint in Jalalabad, Nangarhar province, on 3 March 2024 killed 16 people, the provincial governor said.',
  other: 'Gunmen attacked a market in Kandahar on 9 March 2024, killing three people, police said.',
} as const;
