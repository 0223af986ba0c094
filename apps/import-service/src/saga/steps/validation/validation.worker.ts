/**
 * The validation worker's entry: a worker thread started by ValidateStep through runIsolated, its
 * heap capped. It parses and checks the package (validate-package.ts) and nothing else: no AWS
 * clients, no credentials; it reads and reports through the service. What it writes to disk (the
 * ID set's sorted runs) goes under the scratch folder it is given, which the service removes
 * after the worker ends, however it ended.
 */
import { serveIsolated } from '../../../isolation/isolated-run';
import { validatePackage, ValidationAnswer, ValidationInput } from './validate-package';

export interface ValidationWorkerInput extends ValidationInput {
  /** the folder for this validation's temporary files */
  scratch: string;
}

serveIsolated<ValidationWorkerInput, ValidationAnswer>((input, ctx) => validatePackage(input, ctx, input.scratch));
