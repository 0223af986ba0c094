import { join } from 'node:path';
import { checkAlertRules } from './alert-rules';

// `npm run test:alerts`: the alert rules alone (npm test runs them in its static tier)
const { failed } = checkAlertRules(join(__dirname, '..', '..'));
process.exitCode = failed > 0 ? 1 : 0;
