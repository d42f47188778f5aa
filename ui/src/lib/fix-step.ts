// How an error deep inside a step sends the admin to the step whose choice
// caused it: the App provides the move (a Svelte context, so no step has to
// pass a callback down), and FixButton asks for it. Without a provider (a
// step rendered alone in a test) no button is offered.
import { getContext, setContext } from 'svelte';
import type { FixStep } from './bindings';

export interface StepFixer {
  /**
   * Whether "Back to <step>" would go somewhere: not the step on screen (an
   * error about it is fixed right there), and one the admin may enter now.
   */
  offers: (step: FixStep) => boolean;
  go: (step: FixStep) => void;
}

const KEY = Symbol('step-fixer');

export function provideStepFixer(fixer: StepFixer): void {
  setContext(KEY, fixer);
}

export function stepFixer(): StepFixer | undefined {
  return getContext<StepFixer | undefined>(KEY);
}

/** The context that provides `fixer` to a component mounted on its own (the UI tests). */
export function stepFixerContext(fixer: StepFixer): Map<unknown, unknown> {
  return new Map([[KEY, fixer]]);
}
