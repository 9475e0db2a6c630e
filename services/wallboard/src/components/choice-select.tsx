/** A labelled select of a few choices, each shown in words: the pages' pickers. */
export function ChoiceSelect<T extends string>({
  label,
  name,
  value,
  choices,
  labelOf,
  onChoose,
  disabled,
  empty,
}: {
  readonly label: string;
  readonly name: string;
  readonly value: T;
  readonly choices: readonly T[];
  readonly labelOf: (choice: T) => string;
  readonly onChoose: (choice: T) => void;
  readonly disabled?: boolean;
  /** Shown as the only option while there is no choice yet. */
  readonly empty?: string;
}) {
  return (
    <label class="control">
      <span>{label}</span>
      <select
        name={name}
        value={value}
        disabled={disabled}
        onChange={(e) => onChoose(e.currentTarget.value as T)}
      >
        {choices.length === 0 && empty !== undefined && <option value="">{empty}</option>}
        {choices.map((c) => (
          <option key={c} value={c}>
            {labelOf(c)}
          </option>
        ))}
      </select>
    </label>
  );
}
