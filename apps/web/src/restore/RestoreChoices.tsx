import type { ImportStatus } from '../api/types';
import { Choices, conflictCounts, COPY_TEXT, Strategy, STRATEGY_TEXT } from './choices';

/** How to restore, in plain words; after a check, with what each choice would do here. */
export function RestoreChoices({ choices, onChange, disabled, check }: { choices: Choices; onChange: (c: Choices) => void; disabled?: boolean; check?: ImportStatus }) {
  const { mine, others } = check ? conflictCounts(check) : { mine: 0, others: 0 };
  return (
    <fieldset className="choices" disabled={disabled}>
      <legend>How to restore</legend>
      <p className="hint">When a record in the file already exists in your account:</p>
      {(Object.keys(STRATEGY_TEXT) as Strategy[]).map((s) => (
        <label key={s} className="choice">
          <input type="radio" name="strategy" value={s} checked={choices.strategy === s} onChange={() => onChange({ ...choices, strategy: s })} />
          <span><strong>{STRATEGY_TEXT[s].label}</strong> <span className="hint">{check ? STRATEGY_TEXT[s].text(mine) : (s === 'fail_on_conflict' ? 'Nothing is changed if any record already exists.' : STRATEGY_TEXT[s].text(0))}</span></span>
        </label>
      ))}
      <label className="choice copy">
        <input type="checkbox" checked={choices.asCopy} onChange={(e) => onChange({ ...choices, asCopy: e.target.checked })} />
        <span><strong>Import as a copy</strong> <span className="hint">{COPY_TEXT}{check && others > 0 ? ` ${others.toLocaleString()} records in this file belong to another account: only a copy can restore them.` : ''}</span></span>
      </label>
      <label className="choice">
        <input type="checkbox" checked={choices.dryRunFirst} onChange={(e) => onChange({ ...choices, dryRunFirst: e.target.checked })} />
        <span><strong>Check the file first</strong> <span className="hint">a dry run: reads everything and reports problems without changing your account (recommended)</span></span>
      </label>
    </fieldset>
  );
}
