import { randomUUID } from 'node:crypto';

/** Time and id generation sit behind this adapter so domain code and tests can control them. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export abstract class IdGenerator {
  abstract newId(): string;
}

export class UuidGenerator extends IdGenerator {
  newId(): string {
    return randomUUID();
  }
}
