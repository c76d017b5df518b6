/** One answer to the two-week questionnaire ("did they reply?"). */
export const FOLLOW_UP_ANSWER = {
  replied: { label: 'They replied', button: 'Yes, they replied' },
  unsatisfactory: { label: 'They replied, but the reply was unsatisfactory', button: 'They replied, but it was unsatisfactory' },
  'no-reply': { label: 'No reply yet', button: 'No, they have not replied' },
} as const satisfies Record<string, { label: string; button: string }>;

export type FollowUpAnswer = keyof typeof FOLLOW_UP_ANSWER;

export const FOLLOW_UP_ANSWERS = Object.keys(FOLLOW_UP_ANSWER) as FollowUpAnswer[];

export function isFollowUpAnswer(value: unknown): value is FollowUpAnswer {
  return typeof value === 'string' && (FOLLOW_UP_ANSWERS as string[]).includes(value);
}
