import { useState } from 'preact/hooks';
import { teamLabel } from '../agents/agent-rows';
import { agentsFailure } from '../agents/agents-failure';
import type { JobFailure } from '../jobs/job-failure';
import { saveFile } from '../reports/save-file';
import type { AgentsStore } from '../state/agents-store';
import { windowLabel } from '../state/window-minutes';

/** The team and window of the table, and the table as a CSV file. */
export function AgentsControls({ store }: { readonly store: AgentsStore }) {
  const { team, window } = store.query.value;
  const teams = store.teams.value;
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<JobFailure | null>(null);
  const download = async () => {
    setSaving(true);
    setFailure(null);
    try {
      // The token is a header, which a plain link to the route could not send.
      saveFile(await store.csvFile());
    } catch (error) {
      setFailure(agentsFailure(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <div class="form-row" role="group" aria-label="Whose agents">
        <label class="control">
          <span>Team</span>
          <select
            name="team"
            value={team ?? ''}
            disabled={teams.length === 0}
            onChange={(e) => store.choose({ team: e.currentTarget.value })}
          >
            {teams.length === 0 && <option value="">no team yet</option>}
            {teams.map((t) => (
              <option key={t} value={t}>
                {teamLabel(t).replace(/^Team /, '')}
              </option>
            ))}
          </select>
        </label>
        <label class="control">
          <span>Window</span>
          <select
            name="window"
            value={window}
            onChange={(e) => store.choose({ window: e.currentTarget.value })}
          >
            {store.windows.map((w) => (
              <option key={w} value={w}>
                {windowLabel(w)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          aria-disabled={team === null || saving}
          onClick={() => {
            if (team !== null && !saving) void download();
          }}
        >
          Download CSV
        </button>
      </div>
      {failure !== null && (
        <p role="alert" class="form-error">
          The CSV could not be downloaded: {failure.message}
          {failure.code !== null && (
            <>
              {' '}
              (code <code>{failure.code}</code>)
            </>
          )}
        </p>
      )}
    </>
  );
}
