import { cpuSecondsOf, serverCpu } from './server-cpu';

describe('cpuSecondsOf', () => {
  it('adds utime and stime, counting fields after the command name even when it holds spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const stat = '4242 (java (a) b) S 1 4242 4242 0 -1 4194304 1000 0 0 0 1234 567 0 0 20 0 40 0';
    expect(cpuSecondsOf(stat)).toBeCloseTo(18.01, 5);
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => cpuSecondsOf('no such thing')).toThrow(/not a \/proc\/<pid>\/stat line/);
  });
});

describe('serverCpu', () => {
  it('is undefined when the server has no pid file', () => {
    const before = process.env.STACK_DIR;
    process.env.STACK_DIR = '/nonexistent-stack-dir-for-this-test';
    try {
      expect(serverCpu('dynamodb')).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.STACK_DIR;
      else process.env.STACK_DIR = before;
    }
  });
});
