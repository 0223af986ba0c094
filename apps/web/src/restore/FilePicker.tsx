import { DragEvent, useId, useState } from 'react';
import { formatBytes } from '../format';

/** What the page can tell from a file's name before reading it. */
export function describeFile(file: { name: string; size: number }): { kind: 'fzip' | 'zip' | 'other'; text: string } {
  const name = file.name.toLowerCase();
  if (name.endsWith('.fzip')) return { kind: 'fzip', text: 'HouseF3 backup file (.fzip) recognized: it will be restored like any backup made here.' };
  if (name.endsWith('.zip')) return { kind: 'zip', text: 'Backup package (.zip).' };
  return { kind: 'other', text: 'This does not look like a backup (.zip or .fzip). It will be checked, but it will probably be refused.' };
}

/** Choose a backup file, by the file dialog or by dropping it here. */
export function FilePicker({ file, onFile, disabled }: { file?: File; onFile: (file: File) => void; disabled?: boolean }) {
  const id = useId();
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };
  const described = file && describeFile(file);
  return (
    <div className={`drop-zone${over ? ' over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop}>
      <label htmlFor={id} className="drop-label">
        <strong>Choose a backup file</strong> or drop it here
        <span className="hint">A .zip made by this page, or a HouseF3 .fzip backup</span>
      </label>
      <input id={id} type="file" accept=".zip,.fzip,application/zip" disabled={disabled} onChange={(e) => e.target.files?.[0] && onFile(e.target.files[0])} />
      {file && described && (
        <p className={`file-chosen file-${described.kind}`} aria-live="polite">
          <strong>{file.name}</strong> · {formatBytes(file.size)}<br />{described.text}
        </p>
      )}
    </div>
  );
}
