import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Public } from '../common/access';
import { MessageResponseDto } from '../common/dto/message-response.dto';
import { ApiErrors } from '../common/openapi/api-docs.decorators';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { choicesOf, DataRequestDto, SignStatementDto, StatementTokenDto } from './dto/sign-statement.dto';
import { CHECK_YOUR_EMAIL, SignatureAcceptedDto, SignatureExportDto } from './dto/statement-responses.dto';
import { StatementService } from './statement.service';

export const SIGNED_MESSAGE = 'Check your email: the signature counts, and any change to it takes effect, once you confirm it with the link we sent.';
export const DATA_REQUESTED_MESSAGE = 'If this address has signed the statement, we have emailed it a link to download or erase the data we hold. The link works for 24 hours.';
const SAME_EITHER_WAY = 'The answer is the same whether or not the address has signed before, so it reveals nothing about who has signed.';
const SPENT = 'The link has expired, was already used, or its signature was withdrawn: `errors.token` says so';

@ApiTags('statement')
@Public()
@Controller('api/statement')
export class StatementController {
  constructor(private readonly statement: StatementService) {}

  @Post('signatures')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sign Where We Stand',
    description:
      'Emails a link that confirms the signature (POST /api/statement/signatures/confirm). A new signature counts only once confirmed; ' +
      'signing again with the same address (any case) changes the choices only once that new link is confirmed. ' +
      `Limited per client address (STATEMENT_SIGNS_PER_HOUR). ${SAME_EITHER_WAY}`,
  })
  @ApiAcceptedResponse({ type: SignatureAcceptedDto, description: SAME_EITHER_WAY })
  @ApiErrors(429)
  async signStatement(@Body() dto: SignStatementDto, @CurrentActor() actor: Actor): Promise<SignatureAcceptedDto> {
    await this.statement.sign(choicesOf(dto), actor);
    return { status: CHECK_YOUR_EMAIL, message: SIGNED_MESSAGE };
  }

  @Post('signatures/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a signature with the token from the emailed link', description: 'Counts the signature (or applies the changed choices). A link works once.' })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiErrorResponse(400, SPENT)
  async confirmSignature(@Body() dto: StatementTokenDto): Promise<MessageResponseDto> {
    await this.statement.confirm(dto.token);
    return MessageResponseDto.of('Thank you: your signature is confirmed.');
  }

  @Post('signatures/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a signature with the token from an emailed withdrawal link', description: 'Deletes the signature, its message and its email updates.' })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiErrorResponse(400, SPENT)
  async withdrawSignature(@Body() dto: StatementTokenDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.statement.withdraw(dto.token, actor);
    return MessageResponseDto.of('Your signature has been withdrawn and deleted.');
  }

  @Post('data-requests')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a link to download or erase your signature’s data', description: `Emailed to the address when it has signed. ${SAME_EITHER_WAY}` })
  @ApiAcceptedResponse({ type: MessageResponseDto, description: SAME_EITHER_WAY })
  @ApiErrors(429)
  async requestSignatureData(@Body() dto: DataRequestDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.statement.requestData(dto.email, actor);
    return MessageResponseDto.of(DATA_REQUESTED_MESSAGE);
  }

  @Post('data/export')
  @HttpCode(200)
  @ApiOperation({ summary: 'Download everything held about your signature (JSON)', description: 'With the token from the emailed data link; it works for 24 hours.' })
  @ApiOkResponse({ type: SignatureExportDto, headers: { 'Cache-Control': { schema: { type: 'string', example: 'no-store' } } } })
  @ApiErrorResponse(400, SPENT)
  async exportSignatureData(@Body() dto: StatementTokenDto, @Res({ passthrough: true }) res: Response): Promise<SignatureExportDto> {
    res.setHeader('Cache-Control', 'no-store');
    return this.statement.exportData(dto.token);
  }

  @Post('data/erase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Erase your signature and everything held with it', description: 'With the token from the emailed data link.' })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiErrorResponse(400, SPENT)
  async eraseSignatureData(@Body() dto: StatementTokenDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.statement.erase(dto.token, actor);
    return MessageResponseDto.of('Your signature and the data held with it have been erased.');
  }
}
