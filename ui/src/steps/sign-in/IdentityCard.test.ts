// The identity card says how long temporary credentials have left (the engine reads their
// expiry from the session's credential provider); long-term keys show no such line.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import IdentityCard from './IdentityCard.svelte';
import { identityFor } from '../../test/fixtures';
import { localTime } from '../../lib/time';

afterEach(() => vi.useRealTimers());

describe('IdentityCard', () => {
  it('shows the time left on temporary credentials, counting down, and when they run out', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const expiry = '2026-12-02T14:05:00Z';
    vi.setSystemTime(Date.parse(expiry) - 52 * 60_000);
    render(IdentityCard, { identity: identityFor('prod-admin', { credentials_expire_at: expiry }) });
    const line = screen.getByTestId('credentials-expiry');
    const at = localTime(expiry, Date.parse(expiry));
    expect(line).toHaveTextContent(`expires in 52 min (at ${at})`);
    expect(line.querySelector('time')).toHaveAttribute('title', '2026-12-02 14:05:00 UTC');

    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(line).toHaveTextContent(`expires in 22 min (at ${at})`);
  });

  it('shows nothing for keys that do not expire', () => {
    render(IdentityCard, { identity: identityFor('default') });
    expect(screen.queryByTestId('credentials-expiry')).toBeNull();
  });
});
