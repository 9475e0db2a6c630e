import { useState } from 'preact/hooks';
import type { WhatIfStore } from '../state/what-if-store';
import { ValidationResult } from './validation-result';

/** The candidate document: pasted or uploaded, and checked by the gateway on request. */
export function CandidateForm({ store }: { readonly store: WhatIfStore }) {
  const [fileError, setFileError] = useState<string | null>(null);
  const validation = store.validation.value;
  const fileName = store.fileName.value;

  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setFileError(await store.loadFile(file));
    // The same file picked again (after editing it on disk) must load again.
    input.value = '';
  };

  return (
    <section class="panel" aria-labelledby="candidate-heading">
      <h2 id="candidate-heading">Candidate policy document</h2>
      <label class="field" for="candidate">
        YAML or JSON, the whole document
      </label>
      <textarea
        id="candidate"
        name="candidate"
        class="candidate"
        rows={16}
        spellcheck={false}
        autoComplete="off"
        value={store.text.value}
        onInput={(e) => store.setText(e.currentTarget.value)}
        aria-describedby="candidate-hint"
      />
      <p id="candidate-hint" class="hint">
        Calendars and policies as in the file the services load (docs/policies.md), up to 1 MiB.
        {fileName !== null && <> Read from {fileName}.</>}
      </p>
      <div class="form-row">
        <label class="file-pick">
          Upload a file
          <input
            type="file"
            name="candidateFile"
            accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml,text/plain"
            onChange={(e) => void pick(e.currentTarget)}
          />
        </label>
        <span class="spacer" />
        <button
          type="button"
          onClick={() => void store.validate()}
          disabled={validation.kind === 'checking'}
        >
          Validate
        </button>
      </div>
      {fileError !== null && (
        <p role="alert" class="form-error">
          {fileError}
        </p>
      )}
      <ValidationResult validation={validation} />
    </section>
  );
}
