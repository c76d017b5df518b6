import { createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import type { Request } from 'express';
import { NotFoundError } from '../common/errors/domain-error';
import { validateBody } from '../common/http/validation';
import { AFFILIATION_TRANSITIONS, type AffiliationAction, type DecisionMessage } from './affiliation-transitions';
import { EmptyActionDto, ReasonDto, RequestChangesDto } from './dto/decision.dto';

/** A decision an admin takes on one affiliation, as the transition table describes it. */
export interface AdminDecision {
  /** How a URL names it: the action in kebab-case (`request-changes`). */
  readonly slug: string;
  readonly action: AffiliationAction;
  /** The message it needs (its body field and its form's words), if any. */
  readonly message?: DecisionMessage;
}

/** One per action an admin takes as a decision, in the table's order. */
export const ADMIN_DECISIONS: readonly AdminDecision[] = [
  ...new Map(
    AFFILIATION_TRANSITIONS.filter((t) => t.decision && t.by.includes('admin')).map((t) => [
      t.action,
      { slug: t.action.replaceAll('_', '-'), action: t.action, message: t.decision?.message },
    ]),
  ).values(),
];

export function adminDecision(slug: string): AdminDecision | undefined {
  return ADMIN_DECISIONS.find((d) => d.slug === slug);
}

/** The decision a URL names; any other word (mark-paid, pay-what-you-can, a typo) is simply not found. */
export class ParseAdminDecisionPipe implements PipeTransform<string, AdminDecision> {
  transform(slug: string): AdminDecision {
    const decision = adminDecision(slug);
    if (!decision) throw new NotFoundError();
    return decision;
  }
}

export const ADMIN_DECISION_404 = new ParseAdminDecisionPipe();

/** The body a decision's message comes in, by its field: the messages of each rule are the field's own. */
const MESSAGE_BODIES: { readonly [F in DecisionMessage['field']]: new () => Record<F, string> } = {
  reason: ReasonDto,
  message: RequestChangesDto,
};

/** A decision as an admin takes it: the action and the message that came with it. */
export interface TakenDecision {
  readonly action: AffiliationAction;
  readonly message?: string;
}

interface DecisionRequest {
  slug: string;
  body: unknown;
}

class TakenDecisionPipe implements PipeTransform<DecisionRequest, Promise<TakenDecision>> {
  async transform({ slug, body }: DecisionRequest): Promise<TakenDecision> {
    const decision = ADMIN_DECISION_404.transform(slug);
    return { action: decision.action, message: await decisionMessage(decision, body) };
  }
}

const DecisionRequest = createParamDecorator((_: unknown, ctx: ExecutionContext): DecisionRequest => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return { slug: String(req.params.decision), body: req.body };
});

/**
 * The decision the path's `:decision` names (404 when an admin takes no such
 * decision) with the body it takes, validated at the edge like a DTO (400
 * naming each field): the body differs by decision, so no one DTO class can.
 */
export const Decision = (): ParameterDecorator => DecisionRequest(new TakenDecisionPipe());

/**
 * Validates the body the decision expects — its message under its field, or
 * nothing but a form's CSRF token — and returns the message.
 */
export async function decisionMessage(decision: AdminDecision, body: unknown): Promise<string | undefined> {
  if (!decision.message) {
    await validateBody(EmptyActionDto, body);
    return undefined;
  }
  return readMessage(decision.message.field, body);
}

async function readMessage<F extends DecisionMessage['field']>(field: F, body: unknown): Promise<string> {
  return (await validateBody(MESSAGE_BODIES[field], body))[field];
}
