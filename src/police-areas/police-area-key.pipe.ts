import { Injectable, type PipeTransform } from '@nestjs/common';
import { PoliceAreaNotFoundError } from './police-areas.errors';

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A malformed key is simply a police area that does not exist. */
@Injectable()
export class PoliceAreaKeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || value.length > 64 || !KEY.test(value)) throw new PoliceAreaNotFoundError();
    return value;
  }
}
