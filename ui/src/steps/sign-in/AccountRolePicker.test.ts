// Accounts and roles from Identity Center: listed, a search when there are many, the roles of
// the account picked (the latest pick wins), and the choice handed back.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import AccountRolePicker from './AccountRolePicker.svelte';
import { backend, deferred, handled, manyAccounts, ssoAccountList, START_URL } from '../../test/fixtures';
import { expectNoSeriousViolations } from '../../test/axe';

const props = (onchoose = vi.fn()) => ({ startUrl: START_URL, ssoRegion: 'eu-west-1', onchoose });
const accountNames = () =>
  within(screen.getByTestId('sso-accounts'))
    .queryAllByRole('radio')
    .map((r) => r.closest('label')!.querySelector('.name')!.textContent);

describe('AccountRolePicker', () => {
  it('lists the accounts, then the roles of the one picked, and hands back the choice', async () => {
    const user = userEvent.setup();
    const calls = backend({
      sso_accounts: () => ssoAccountList,
      sso_roles: ({ accountId }) => (accountId === '111111111111' ? ['AdministratorAccess', 'ReadOnly'] : ['Other']),
    });
    const onchoose = vi.fn();
    render(AccountRolePicker, props(onchoose));

    expect(await screen.findByRole('group', { name: 'AWS account' })).toBeInTheDocument();
    expect(accountNames()).toEqual(['Production', 'Staging']);
    expect(screen.queryByTestId('sso-account-search')).toBeNull();
    expect(screen.getByRole('button', { name: 'Use this role' })).toBeDisabled();

    await user.click(screen.getByRole('radio', { name: /Production/ }));
    const roles = await screen.findByTestId('sso-roles');
    expect(within(roles).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual([
      'AdministratorAccess',
      'ReadOnly',
    ]);
    await user.click(screen.getByRole('radio', { name: 'ReadOnly' }));
    await user.click(screen.getByRole('button', { name: 'Use this role' }));

    expect(onchoose).toHaveBeenCalledExactlyOnceWith(ssoAccountList[0], 'ReadOnly');
    expect(calls).toEqual([
      { cmd: 'sso_accounts', args: { startUrl: START_URL, ssoRegion: 'eu-west-1' } },
      { cmd: 'sso_roles', args: { startUrl: START_URL, ssoRegion: 'eu-west-1', accountId: '111111111111' } },
    ]);
    await expectNoSeriousViolations();
  });

  it('with hundreds of accounts offers a search by name, ID or email and draws only the first matches', async () => {
    const user = userEvent.setup();
    backend({ sso_accounts: () => manyAccounts(300), sso_roles: () => ['Admin'] });
    render(AccountRolePicker, props());

    const search = await screen.findByTestId('sso-account-search');
    expect(search).toHaveAttribute('placeholder', 'Search 300 accounts by name, ID or email');
    expect(accountNames()).toHaveLength(50);
    expect(screen.getByTestId('sso-more-accounts')).toHaveTextContent('250 more');

    await user.type(search, 'team 123');
    expect(accountNames()).toEqual(['Team 123']);
    expect(screen.queryByTestId('sso-more-accounts')).toBeNull();

    await user.clear(search);
    await user.type(search, '100000000250');
    expect(accountNames()).toEqual(['Team 250']);

    await user.clear(search);
    await user.type(search, 'team7@');
    expect(accountNames()).toEqual(['Team 007']);

    await user.clear(search);
    await user.type(search, 'nobody');
    expect(accountNames()).toEqual([]);
    expect(screen.getByTestId('sso-no-match')).toHaveTextContent('No account matches “nobody”.');
    await expectNoSeriousViolations();
  });

  it('picks the only account and the only role by itself', async () => {
    const user = userEvent.setup();
    const onchoose = vi.fn();
    backend({ sso_accounts: () => [ssoAccountList[1]], sso_roles: () => ['PowerUser'] });
    render(AccountRolePicker, props(onchoose));

    await screen.findByTestId('sso-roles');
    expect(screen.getByRole('radio', { name: /Staging/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'PowerUser' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Use this role' }));
    expect(onchoose).toHaveBeenCalledExactlyOnceWith(ssoAccountList[1], 'PowerUser');
  });

  it('shows only the roles of the latest account picked when answers cross', async () => {
    const user = userEvent.setup();
    const slow = deferred<string[]>();
    backend({
      sso_accounts: () => ssoAccountList,
      sso_roles: ({ accountId }) => (accountId === '111111111111' ? slow.promise : ['StagingRole']),
    });
    render(AccountRolePicker, props());
    await screen.findByRole('group', { name: 'AWS account' });

    await user.click(screen.getByRole('radio', { name: /Production/ }));
    await user.click(screen.getByRole('radio', { name: /Staging/ }));
    await screen.findByRole('radio', { name: 'StagingRole' });
    slow.resolve(['ProdRole']);
    await handled(slow.promise);

    expect(screen.queryByRole('radio', { name: 'ProdRole' })).toBeNull();
    expect(screen.getByRole('radio', { name: 'StagingRole' })).toBeInTheDocument();
  });

  it('says so when the login reaches no account, and offers Try again when listing fails', async () => {
    backend({ sso_accounts: () => [] });
    const first = render(AccountRolePicker, props());
    expect(await screen.findByTestId('sso-no-accounts')).toHaveTextContent('reaches no AWS account');
    first.unmount();

    const user = userEvent.setup();
    let fail = true;
    backend({
      sso_accounts: () => {
        if (fail) throw { code: 'expired_credentials', message: 'The Identity Center token has expired.', hint: null };
        return ssoAccountList;
      },
    });
    render(AccountRolePicker, props());
    expect(await screen.findByRole('alert')).toHaveTextContent('The Identity Center token has expired.');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('radio', { name: /Production/ })).toBeInTheDocument();
  });
});
