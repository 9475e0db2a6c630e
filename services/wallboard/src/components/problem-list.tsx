import type { RequestProblem } from '../api/request-problem';

/** Every problem, each with the path it is at, as the gateway named them. */
export function ProblemList({
  problems,
  pathOf,
}: {
  readonly problems: readonly RequestProblem[];
  /** The path as the reader should see it. */
  readonly pathOf: (path: string) => string;
}) {
  return (
    <ul class="problems" aria-label="Problems">
      {problems.map((p, i) => (
        <li key={i} data-path={p.path}>
          <code class="problem-path">{pathOf(p.path)}</code> <span>{p.message}</span>
        </li>
      ))}
    </ul>
  );
}
