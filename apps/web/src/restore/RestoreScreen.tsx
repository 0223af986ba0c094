import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FINAL_IMPORT } from '../api/api';
import { useApi } from '../api/context';
import { formatBytes } from '../format';
import { ErrorNotice } from '../ui/Notice';
import { ProgressBar } from '../ui/ProgressBar';
import { Choices, DEFAULT_CHOICES, startBody } from './choices';
import { FilePicker } from './FilePicker';
import { ImportProgress } from './ImportProgress';
import { RestoreChoices } from './RestoreChoices';
import { CheckResult } from './CheckResult';
import { openUpload, UploadSession } from './upload-session';
import { UploadAborted } from './upload';

type Stage =
  | { name: 'choose' }
  | { name: 'uploading'; paused: boolean; sent: number; total: number; error?: unknown }
  | { name: 'checking'; importId: string }
  | { name: 'checked'; importId: string }
  | { name: 'restoring'; importId: string };

/** Restore: choose a file, send it, check it (dry run), choose how, restore, follow it. */
export function RestoreScreen() {
  const api = useApi();
  const [file, setFile] = useState<File>();
  const [choices, setChoices] = useState<Choices>(DEFAULT_CHOICES);
  const [stage, setStage] = useState<Stage>({ name: 'choose' });
  const [failure, setFailure] = useState<{ error: unknown; doing: string }>();
  const upload = useRef<UploadSession>(undefined);
  const importId = 'importId' in stage ? stage.importId : undefined;

  const status = useQuery({
    queryKey: ['import', importId],
    queryFn: () => api.importStatus(importId!),
    enabled: importId !== undefined,
    refetchInterval: (q) => (q.state.data && FINAL_IMPORT.includes(q.state.data.status) && !(stage.name === 'restoring' && q.state.data.status === 'validation_passed') ? false : 700),
  });
  const job = status.data?.importId === importId ? status.data : undefined;

  useEffect(() => {
    if (stage.name === 'checking' && job && FINAL_IMPORT.includes(job.status)) setStage({ name: 'checked', importId: stage.importId });
  }, [stage, job]);

  const cancel = useMutation({ mutationFn: (id: string) => api.cancelImport(id) });

  async function begin() {
    if (!file) return;
    setFailure(undefined);
    setStage({ name: 'uploading', paused: false, sent: 0, total: file.size });
    try {
      upload.current = await openUpload(api, file, (p) => setStage((s) => (s.name === 'uploading' ? { ...s, sent: p.sent, total: p.total } : s)));
    } catch (e) {
      setFailure({ error: e, doing: 'preparing the upload' });
      setStage({ name: 'choose' });
      return;
    }
    await send();
  }

  async function send() {
    const session = upload.current!;
    setStage((s) => (s.name === 'uploading' ? { ...s, paused: false, error: undefined } : s));
    try {
      await session.run();
    } catch (e) {
      setStage((s) => (s.name === 'uploading' ? { ...s, paused: true, error: e instanceof UploadAborted ? undefined : e } : s));
      return;
    }
    await start(session.importId, choices.dryRunFirst);
  }

  async function start(id: string, validateOnly: boolean) {
    try {
      await api.startImport(id, startBody(choices, validateOnly));
      setStage(validateOnly ? { name: 'checking', importId: id } : { name: 'restoring', importId: id });
      void status.refetch();
    } catch (e) {
      setFailure({ error: e, doing: validateOnly ? 'starting the check' : 'starting the restore' });
    }
  }

  function reset() {
    upload.current = undefined;
    setStage({ name: 'choose' });
    setFailure(undefined);
  }

  const locked = stage.name !== 'choose' && stage.name !== 'checked';
  return (
    <div className="screen">
      <section className="card" aria-labelledby="restore-title">
        <h2 id="restore-title">Restore from a backup</h2>
        <FilePicker file={file} disabled={locked} onFile={(f) => { setFile(f); reset(); }} />
        <RestoreChoices choices={choices} onChange={setChoices} disabled={locked} check={stage.name === 'checked' ? job : undefined} />
        {stage.name === 'choose' && (
          <button type="button" className="primary" disabled={!file} onClick={() => void begin()}>
            {choices.dryRunFirst ? 'Upload and check' : 'Upload and restore'}
          </button>
        )}
        {stage.name === 'uploading' && (
          <div className="upload" aria-live="polite">
            <ProgressBar value={(100 * stage.sent) / Math.max(1, stage.total)} label={stage.paused ? 'Upload paused' : 'Uploading'} detail={`${formatBytes(stage.sent)} of ${formatBytes(stage.total)}`} />
            {stage.paused
              ? <button type="button" className="primary" onClick={() => void send()}>Resume upload</button>
              : <button type="button" onClick={() => upload.current?.pause()}>Pause upload</button>}
            {stage.error !== undefined && <ErrorNotice error={stage.error} doing="uploading the file" />}
            {stage.error !== undefined && <p className="hint">Resume sends only the parts that are missing.</p>}
          </div>
        )}
        {stage.name === 'checking' && (
          <div aria-live="polite">
            <ProgressBar value={job?.progress ?? 0} label="Checking the file (nothing is changed)" />
          </div>
        )}
        {failure && <ErrorNotice error={failure.error} doing={failure.doing} />}
      </section>
      {stage.name === 'checked' && job && (
        <CheckResult job={job} choices={choices}
          onRestore={() => void start(stage.importId, false)}
          onRecheck={() => void begin()} />
      )}
      {stage.name === 'restoring' && job && job.status !== 'validation_passed' && (
        <ImportProgress job={job} cancelling={cancel.isPending} onCancel={() => cancel.mutate(stage.importId)} />
      )}
      {cancel.isError && <ErrorNotice error={cancel.error} doing="cancelling the restore" />}
      {stage.name === 'restoring' && job && FINAL_IMPORT.includes(job.status) && job.status !== 'validation_passed' && (
        <button type="button" className="start" onClick={() => { setFile(undefined); reset(); }}>Restore another file</button>
      )}
      {status.isError && <ErrorNotice error={status.error} doing="reading the restore's progress" onRetry={() => void status.refetch()} />}
    </div>
  );
}

