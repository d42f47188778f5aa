// The damaged-journal banner: what is wrong and the way on, set aside through the engine;
// a failure to rename stays on screen instead of the original problem.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import JournalProblem from './JournalProblem.svelte';
import type { JournalProblem as Problem } from '../bindings';
import { clearMocks, mockIPC } from '../../test/ipc/mocks';

const problem: Problem = {
  failure: {
    code: 'journal',
    message: 'The local journal at /home/a/journal.sqlite3 is damaged (file is not a database).',
    hint: 'Private Deploy has not changed the file. Set it aside to continue with a new journal.',
  },
  can_set_aside: true,
};

afterEach(() => clearMocks());

describe('JournalProblem', () => {
  it('names the damaged file and sets it aside through the engine', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return '/home/a/journal.sqlite3.damaged-1';
    });
    render(JournalProblem, { problem });
    expect(screen.getByTestId('journal-problem').textContent).toContain('/home/a/journal.sqlite3 is damaged');
    await userEvent.click(screen.getByTestId('journal-set-aside-button'));
    expect(calls).toEqual(['set_journal_aside']);
    expect((await screen.findByTestId('journal-set-aside')).textContent).toContain('journal.sqlite3.damaged-1');
    expect(screen.queryByTestId('journal-problem')).toBeNull();
  });

  it('shows why setting aside failed and keeps the button', async () => {
    mockIPC(() => {
      throw { code: 'journal', message: 'The damaged journal could not be set aside: permission denied.', hint: null };
    });
    render(JournalProblem, { problem });
    await userEvent.click(screen.getByTestId('journal-set-aside-button'));
    expect((await screen.findByRole('alert')).textContent).toContain('could not be set aside');
    expect(screen.getByTestId('journal-set-aside-button')).toBeTruthy();
  });

  it('offers no setting aside when the journal could not be opened at all', () => {
    const unusable: Problem = {
      failure: { code: 'journal', message: "The local journal's folder /x could not be created.", hint: 'Set PRIVATE_DEPLOY_DATA_DIR.' },
      can_set_aside: false,
    };
    render(JournalProblem, { problem: unusable });
    expect(screen.getByTestId('journal-problem').textContent).toContain('could not be created');
    expect(screen.queryByTestId('journal-set-aside-button')).toBeNull();
  });
});
