import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** One clock for the whole app, so a test that sets "now" sets it for every rule. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
