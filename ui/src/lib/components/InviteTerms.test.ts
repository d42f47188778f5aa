// What a version 2 invite adds, in words; nothing for an invite without it.
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import InviteTerms from './InviteTerms.svelte';
import { verifiedInvite } from '../../test/fixtures';

const v2 = {
  ...verifiedInvite.invite,
  version: 2,
  customer_account_id: '123456789012',
  expires_at: '2027-01-31T23:59:59Z',
  vendor_role_arn: 'arn:aws:iam::210987654321:role/ops/Support',
  require_source_identity: true,
  callback: 'https://console.vendor.example/handoff',
};

describe('InviteTerms', () => {
  it('says each version 2 term in words', () => {
    render(InviteTerms, { invite: v2 });
    expect(screen.getByTestId('term-customer-account')).toHaveTextContent('123456789012 only');
    expect(screen.getByTestId('term-expires')).toHaveTextContent('2027-01-31T23:59:59Z');
    expect(screen.getByTestId('term-vendor-role')).toHaveTextContent('not the whole account');
    expect(screen.getByTestId('term-source-identity')).toHaveTextContent('CloudTrail records it');
    expect(screen.getByTestId('term-callback')).toHaveTextContent('https://console.vendor.example/handoff');
  });

  it('shows only what the invite says, and nothing for a version 1 invite', () => {
    render(InviteTerms, { invite: { ...verifiedInvite.invite, version: 2, require_source_identity: false, callback: 'https://v.example/h' } });
    expect(screen.queryByTestId('term-source-identity')).toBeNull();
    expect(screen.getByTestId('term-callback')).toBeInTheDocument();
    document.body.innerHTML = '';
    render(InviteTerms, { invite: verifiedInvite.invite });
    expect(screen.queryByTestId('invite-terms')).toBeNull();
  });
});
