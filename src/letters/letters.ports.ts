import type { EntityManager } from 'typeorm';

/** A police force area and the body that holds its force to account (part of the police-areas feature). */
export interface PoliceAreaChoice {
  readonly key: string;
  readonly name: string;
  readonly accountableBody: string;
}

/** The police force areas the builder offers for a letter to a commissioner. */
export interface PoliceAreaChoices {
  choices(): Promise<readonly PoliceAreaChoice[]>;
}

/** Asks a writer, once, two weeks on, whether they had a reply (the replies feature owns the table). */
export interface LetterFollowUps {
  schedule(manager: EntityManager, followUp: { kind: string; area: string | null; email: string }): Promise<unknown>;
}

export const POLICE_AREA_CHOICES = Symbol('POLICE_AREA_CHOICES');
export const LETTER_FOLLOW_UPS = Symbol('LETTER_FOLLOW_UPS');
