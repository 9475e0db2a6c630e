import { useState } from 'preact/hooks';
import { teamLabel } from '../agents/agent-rows';
import { agentsFailure } from '../agents/agents-failure';
import type { JobFailure } from '../jobs/job-failure';
import { saveFile } from '../reports/save-file';
import type { AgentsStore } from '../state/agents-store';
import { windowLabel } from '../state/window-minutes';
import { ChoiceSelect } from './choice-select';

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
        <ChoiceSelect
          label="Team"
          name="team"
          value={team ?? ''}
          choices={teams}
          labelOf={(t) => teamLabel(t).replace(/^Team /, '')}
          onChoose={(t) => store.choose({ team: t })}
          disabled={teams.length === 0}
          empty="no team yet"
        />
        <ChoiceSelect
          label="Window"
          name="window"
          value={window}
          choices={store.windows}
          labelOf={windowLabel}
          onChoose={(w) => store.choose({ window: w })}
        />
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
