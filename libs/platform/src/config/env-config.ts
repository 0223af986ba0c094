import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Thrown at boot when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly service: string, readonly problems: string[]) {
    super(`Invalid configuration for ${service}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** One line per bad variable: "not set", or every rule it breaks with the value it has. */
const describe = (errors: ValidationError[]): string[] =>
  errors.map((e) => {
    if (e.value === undefined) return `${e.property}: is required (not set)`;
    const rules = Object.values(e.constraints ?? {}).join('; ');
    return `${e.property}: ${rules} (got ${JSON.stringify(String(e.value)).slice(0, 80)})`;
  });

/**
 * Reads the environment once, into a validated, typed config object. Properties of the schema
 * class are the variable names; unknown variables are ignored; every problem is reported at once.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv, service: string): T {
  const plain: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') plain[k] = v;
  const instance = plainToInstance(schema, plain, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length) throw new ConfigError(service, describe(errors));
  return instance;
}

/** `"3000"` -> 3000; anything else stays as is so the validator reports it. */
export const ToInt = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value));

/** `"true"`/`"false"`/`"1"`/`"0"` -> boolean. */
export const ToBool = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const v = value.trim().toLowerCase();
    return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : value;
  });

/** `"a, b"` -> ['a', 'b']. */
export const ToList = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value));
