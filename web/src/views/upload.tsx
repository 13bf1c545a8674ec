/**
 * Add reports (reviewer or admin): files go to POST /api/documents and through the same ingest as the
 * CLI, with its limits and errors; each file's outcome links to the incidents it made.
 */
import { useState } from 'preact/hooks';
import type { View } from '../../../src/web/index.js';
import { ApiError, sendForm } from '../api.js';
import { linkProps } from '../router.js';

interface UploadRow {
  file: string;
  status: string;
  document_id: string | null;
  incidents: number[];
  error: { code: string; message: string } | null;
  /** What was not read in full (a page read without Readability, reports past the cap); absent from older servers. */
  notices?: string[];
}

export function Upload({ view, onDone }: { view: View; onDone: () => void }) {
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const files = (form.elements.namedItem('file') as HTMLInputElement).files;
    if (!files || files.length === 0) return setError('choose one or more files');
    const data = new FormData();
    for (const f of files) data.append('file', f);
    setBusy(true);
    sendForm<{ results: UploadRow[] }>('/api/documents', data).then(
      (r) => { setRows(r.results); setError(null); setBusy(false); form.reset(); onDone(); },
      (err: ApiError) => {
        setRows(((err.body as { results?: UploadRow[] } | undefined)?.results) ?? []);
        setError(err.message);
        setBusy(false);
      },
    );
  };
  return (
    <details class="upload">
      <summary>Add reports</summary>
      <form onSubmit={submit}>
        <input type="file" name="file" multiple accept=".html,.htm,.txt,.md" />
        <button type="submit" class="small primary" disabled={busy}>{busy ? 'Reading…' : 'Ingest'}</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {rows.length > 0 && (
        <ul class="upload-results">
          {rows.map((r) => (
            <li data-status={r.status}>
              {r.file}: {r.status}
              {r.error && <span class="error"> — {r.error.message}</span>}
              {r.notices && r.notices.length > 0 && <span class="notice"> — {r.notices.join('; ')}</span>}
              {r.incidents.map((id) => <a class="chip" {...linkProps({ ...view, route: { name: 'incident', id } })}>#{id}</a>)}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
