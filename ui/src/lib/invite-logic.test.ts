// The Invite step's rules without the DOM: verification texts and tones, the
// typed vendor-account confirmation, the step's blocked reasons, and which
// files and links are sent to the back end.
import { describe, expect, it } from 'vitest';
import {
  accessModeText,
  cleanLink,
  confirmation,
  confirmedAccount,
  inviteStatus,
  isInviteFile,
  looksLikeLink,
  notAnInviteFile,
  verificationText,
} from './invite-logic';
import { unsignedInvite, verifiedInvite } from '../test/fixtures';

describe('verificationText', () => {
  it('is quiet for a verified invite and names the key and vendor', () => {
    const t = verificationText({ status: 'verified', key_id: 'k1', vendor_name: 'PopSQL', source: 'built_in' });
    expect(t.tone).toBe('verified');
    expect(t.detail).toContain("PopSQL's key k1, built into this app");
  });

  it('says a sandbox key proves only the sandbox, and warns for a key trusted on this computer only', () => {
    const sandbox = verificationText({ status: 'verified', key_id: 'sandbox-2026', vendor_name: 'S', source: 'sandbox' });
    expect(sandbox).toMatchObject({ tone: 'verified', label: 'Verified (sandbox)' });
    const local = verificationText({ status: 'verified', key_id: 'k1', vendor_name: 'PopSQL', source: 'local' });
    expect(local).toMatchObject({ tone: 'warning', label: 'Trusted on this computer only' });
    expect(local.detail).toContain('PRIVATE_DEPLOY_VENDOR_KEYS');
    expect(local.detail).not.toContain('built into');
  });

  it('warns for unsigned and unknown keys, and is red for a bad signature', () => {
    expect(verificationText({ status: 'unsigned' })).toMatchObject({ tone: 'warning', label: 'Not signed' });
    const unknown = verificationText({ status: 'unknown_key', key_id: 'other-2025' });
    expect(unknown).toMatchObject({ tone: 'warning', label: 'Unknown key' });
    expect(unknown.detail).toContain('other-2025');
    expect(verificationText({ status: 'invalid', key_id: 'k1' })).toMatchObject({ tone: 'danger', label: 'Bad signature' });
  });
});

describe('the typed vendor account', () => {
  it('is not needed for a verified invite', () => {
    expect(confirmation(verifiedInvite, '')).toBe('not_needed');
    expect(inviteStatus(verifiedInvite, '')).toEqual({ complete: true, missing: '' });
    expect(confirmedAccount(verifiedInvite, '')).toBeUndefined();
  });

  it('must match the invite exactly, apart from surrounding spaces', () => {
    expect(confirmation(unsignedInvite, '')).toBe('empty');
    expect(confirmation(unsignedInvite, '2109')).toBe('partial');
    expect(confirmation(unsignedInvite, '210987654321')).toBe('match');
    expect(confirmation(unsignedInvite, '  210987654321 ')).toBe('match');
    expect(confirmation(unsignedInvite, '210987654322')).toBe('mismatch');
    expect(confirmation(unsignedInvite, '2109876543210')).toBe('mismatch');
    expect(confirmation(unsignedInvite, '9')).toBe('mismatch');
    expect(confirmation(unsignedInvite, '210-987-654-321')).toBe('mismatch');
  });

  it('blocks the step with a reason that says what to do', () => {
    expect(inviteStatus(null, '')).toEqual({
      complete: false,
      missing: "Open the vendor's invite file or link to continue",
    });
    expect(inviteStatus(unsignedInvite, '2109').missing).toBe(
      "Type the vendor's 12-digit AWS account ID to confirm the invite",
    );
    expect(inviteStatus(unsignedInvite, '123456789012').missing).toMatch(/not the invite's vendor account: check it/);
    expect(inviteStatus(unsignedInvite, ' 210987654321').complete).toBe(true);
  });

  it('goes into the install request trimmed, and only when it matches', () => {
    expect(confirmedAccount(unsignedInvite, ' 210987654321 ')).toBe('210987654321');
    expect(confirmedAccount(unsignedInvite, '210987654322')).toBeUndefined();
    expect(confirmedAccount(null, '210987654321')).toBeUndefined();
  });
});

describe('what is sent to the back end', () => {
  it('takes .json files, or JSON by type', () => {
    expect(isInviteFile({ name: 'invite.json', type: '' })).toBe(true);
    expect(isInviteFile({ name: 'INVITE.JSON', type: '' })).toBe(true);
    expect(isInviteFile({ name: 'invite', type: 'application/json' })).toBe(true);
    expect(isInviteFile({ name: 'photo.png', type: 'image/png' })).toBe(false);
    expect(notAnInviteFile('photo.png')).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('photo.png') });
  });

  it('recognises pasted links, with the quotes and spaces mail clients add', () => {
    expect(cleanLink('  "private-deploy://install?invite=abc"  ')).toBe('private-deploy://install?invite=abc');
    expect(cleanLink('<private-deploy://install?invite=abc>')).toBe('private-deploy://install?invite=abc');
    expect(looksLikeLink('private-deploy://install?invite=abc')).toBe(true);
    expect(looksLikeLink('https://example.com')).toBe(false);
  });

  it('names the access mode', () => {
    expect(accessModeText('full')).toBe('Full access (AdministratorAccess)');
    expect(accessModeText('boundary')).toMatch(/permissions boundary/);
  });
});
