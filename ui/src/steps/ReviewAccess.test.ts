// The Review access step in jsdom against a mocked back end: the review's
// parts, the trust sentence, the boundary choice (and when it is forced),
// the guardrail, what each control cannot do and the SCP, exports (save,
// command, quick-create link and its errors), and when the step counts as done.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ReviewAccess from './ReviewAccess.svelte';
import type { AccessReview, IpcError } from '../lib/ipc';
import { backend, deferred, inviteDoc, reviewFor } from '../test/fixtures';
import { expectNoSeriousViolations } from '../test/axe';

const checkbox = () => screen.getByTestId<HTMLInputElement>('boundary-checkbox');

describe('Review access', () => {
  it('shows a skeleton, then the stack, role, trust policy and permissions; done once loaded', async () => {
    const reply = deferred<AccessReview>();
    const calls = backend({ review_access: () => reply.promise });
    const onstatus = vi.fn();
    render(ReviewAccess, { invite: inviteDoc, onstatus });
    expect(screen.getByRole('status')).toHaveTextContent('Preparing the access stack…');
    expect(onstatus).toHaveBeenLastCalledWith({
      complete: false,
      missing: 'Wait for the access review to load, then read it',
    });
    reply.resolve(reviewFor(false));

    const trust = await screen.findByTestId('trust-policy');
    expect(calls).toEqual([{ cmd: 'review_access', args: { invite: inviteDoc, useBoundary: false, templateUrl: null } }]);
    expect(trust.tagName).toBe('PRE');
    expect(trust.textContent).toBe(reviewFor(false).trust_policy);
    expect(screen.getByTestId('trust-summary')).toHaveTextContent(
      'Only AWS account 210987654321 may assume this role, and only with External ID pd-sandbox-demo-0001.',
    );
    expect(screen.getByTestId('review-stack').textContent).toBe('private-deploy-access-sandbox-demo');
    expect(screen.getByTestId('review-region')).toHaveTextContent('eu-west-1');
    expect(screen.getByTestId('review-role')).toHaveTextContent('/private-deploy/private-deploy-sandbox-demo');
    expect(screen.getByTestId('managed-policies')).toHaveTextContent('AdministratorAccess');
    expect(screen.getByTestId('access-window-policy')).toBeInTheDocument();
    expect(screen.getByText(/Manage can close the vendor's access/)).toBeInTheDocument();
    expect(screen.getByTestId('template-yaml').textContent).toContain('AWS::IAM::Role');
    expect(checkbox().checked).toBe(false);
    expect(checkbox()).toBeEnabled();
    expect(screen.queryByTestId('boundary-policy')).toBeNull();
    await expectNoSeriousViolations();
    expect(onstatus).toHaveBeenLastCalledWith({ complete: true, missing: '' });
  });

  it('asks again with the boundary when it is ticked, and shows the boundary policy', async () => {
    const user = userEvent.setup();
    const withBoundary = deferred<AccessReview>();
    const calls = backend({ review_access: ({ useBoundary }) => (useBoundary ? withBoundary.promise : reviewFor(false)) });
    const onstatus = vi.fn();
    render(ReviewAccess, { invite: inviteDoc, onstatus });
    await screen.findByTestId('trust-policy');

    await user.click(checkbox());
    expect(calls.at(-1)!.args.useBoundary).toBe(true);
    // The old review is on screen but is not the one for this choice.
    expect(onstatus.mock.lastCall?.[0].complete).toBe(false);
    expect(checkbox()).toBeDisabled();
    withBoundary.resolve(reviewFor(true));
    expect(await screen.findByTestId('boundary-policy')).toHaveTextContent('iam:UpdateRole');
    await expectNoSeriousViolations();
    expect(checkbox().checked).toBe(true);
    expect(onstatus).toHaveBeenLastCalledWith({ complete: true, missing: '' });
  });

  it('turning the boundary on changes the headline and summarises it by service before the raw JSON', async () => {
    const user = userEvent.setup();
    backend({ review_access: ({ useBoundary }) => reviewFor(Boolean(useBoundary)) });
    render(ReviewAccess, { invite: inviteDoc });
    const headline = await screen.findByTestId('access-headline');
    expect(headline).toHaveTextContent('gets full administrator access to your account 123456789012');
    expect(screen.queryByTestId('boundary-summary')).toBeNull();

    await user.click(checkbox());
    const summary = await screen.findByTestId('boundary-summary');
    expect(screen.getByTestId('access-headline')).toHaveTextContent('limited by the permissions boundary');
    expect(screen.getByTestId('access-headline')).not.toHaveTextContent('full administrator access');
    const services = within(summary).getAllByTestId('boundary-service');
    expect(services.map((row) => row.dataset.service)).toEqual(['ec2', 'iam']);
    expect(services[0]).toHaveTextContent('EC2create VPC; describe VPCs; run instances');
    expect(services[1]).toHaveTextContent('(iam:UpdateRole only on arn:aws:iam::123456789012:role/private-deploy/*)');
    // The words come first; the raw document is under a disclosure, closed.
    const raw = within(summary).getByTestId('boundary-policy');
    const disclosure = raw.closest('details')!;
    expect(disclosure.open).toBe(false);
    expect(services[0].compareDocumentPosition(disclosure) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The invite asked for full access: what may now fail is said.
    const mayFail = within(summary).getByTestId('boundary-may-fail');
    expect(mayFail).toHaveTextContent('The invite asked for full access');
    expect(within(mayFail).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Deleting or terminating what it created (Delete*, Terminate*, Deregister*): no service allows it.',
      'Passing a role to a service (iam:PassRole): creating anything that runs with a role of its own.',
    ]);
    await expectNoSeriousViolations();
  });

  it('says nothing may fail when the invite itself asked for the boundary', async () => {
    const required = reviewFor(true, { boundary_required: true });
    backend({ review_access: () => ({ ...required, boundary_summary: { ...required.boundary_summary!, may_fail: [] } }) });
    render(ReviewAccess, { invite: { ...inviteDoc, access_mode: 'boundary' } });
    await screen.findByTestId('boundary-summary');
    expect(screen.queryByTestId('boundary-may-fail')).toBeNull();
  });

  it('forces the boundary on, with the reason, when the invite asks for it', async () => {
    const calls = backend({ review_access: () => reviewFor(true, { boundary_required: true }) });
    render(ReviewAccess, { invite: { ...inviteDoc, access_mode: 'boundary' } });
    await screen.findByTestId('boundary-policy');
    expect(calls[0].args.useBoundary).toBe(true);
    expect(checkbox().checked).toBe(true);
    expect(checkbox()).toBeDisabled();
    expect(screen.getByText("The vendor's invite asks for the boundary, so it is always on.")).toBeInTheDocument();
  });

  it('shows the guardrail, what each control cannot do, and the SCP with how to attach it', async () => {
    const user = userEvent.setup();
    backend({ review_access: () => reviewFor(false) });
    render(ReviewAccess, { invite: inviteDoc });
    const guardrail = await screen.findByTestId('guardrail-policy');
    expect(guardrail.textContent).toBe(reviewFor(false).guardrail_policy);
    expect(screen.getByRole('heading', { name: /Guardrail: PrivateDeployGuardrail/ })).toBeInTheDocument();
    expect(screen.getByText(/Your own administrators are not affected/)).toBeInTheDocument();
    expect(screen.queryByText(/any boundary but this one/)).toBeNull();
    expect(screen.getByTestId('controls-summary')).toHaveTextContent(reviewFor(false).controls_summary);
    const limits = screen.getByTestId('control-limits');
    expect(within(limits).getByText('Access window')).toBeInTheDocument();
    expect(limits).toHaveTextContent('Cannot: contain a vendor who acts in bad faith while the window is open.');

    await user.click(screen.getByText('For organisations: the same guardrail as a Service Control Policy'));
    expect(screen.getByTestId('scp-policy').textContent).toBe(reviewFor(false).scp_policy);
    const steps = within(screen.getByTestId('scp-how-to')).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual(reviewFor(false).scp_how_to);
    expect(screen.getByRole('button', { name: 'Copy service control policy' })).toBeInTheDocument();
    await expectNoSeriousViolations();
  });

  it('says the guardrail also limits new roles to this boundary in boundary mode', async () => {
    backend({ review_access: () => reviewFor(true, { boundary_required: true }) });
    render(ReviewAccess, { invite: { ...inviteDoc, access_mode: 'boundary' } });
    await screen.findByTestId('guardrail-policy');
    expect(screen.getByText(/any boundary but this one/)).toBeInTheDocument();
  });

  it('shows a failed review with Try again, and blocks Next with a reason', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    backend({
      review_access: () => {
        attempts += 1;
        if (attempts === 1) throw { code: 'invalid_input', message: 'external_id is too short.', hint: 'Ask the vendor for a new invite.' } satisfies IpcError;
        return reviewFor(false);
      },
    });
    const onstatus = vi.fn();
    render(ReviewAccess, { invite: inviteDoc, onstatus });
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('external_id is too short.');
    expect(onstatus).toHaveBeenLastCalledWith({ complete: false, missing: 'The access review did not load: press Try again' });
    await expectNoSeriousViolations();
    await user.click(within(box).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('trust-policy');
    expect(onstatus).toHaveBeenLastCalledWith({ complete: true, missing: '' });
  });
});

describe('Review access: exports', () => {
  it('saves the template and says where', async () => {
    const user = userEvent.setup();
    backend({ review_access: () => reviewFor(false), export_access_template: () => '/home/alice/Downloads/access.yaml' });
    render(ReviewAccess, { invite: inviteDoc });
    await screen.findByTestId('trust-policy');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect(await screen.findByTestId('template-saved')).toHaveTextContent('Saved to /home/alice/Downloads/access.yaml');
    expect(screen.getByTestId('create-stack-command').textContent).toBe(reviewFor(false).create_stack_command);
    expect(screen.getByRole('button', { name: 'Copy create-stack command' })).toBeInTheDocument();
  });

  it('makes the quick-create link for a template URL, and shows the engine\'s error beside the field', async () => {
    const user = userEvent.setup();
    const calls = backend({
      review_access: ({ templateUrl }) => {
        if (templateUrl === 'http://bucket/access.yaml') {
          throw { code: 'invalid_input', message: 'The template URL must start with https://.', hint: 'Use the S3 object URL.' } satisfies IpcError;
        }
        return templateUrl
          ? reviewFor(false, { quick_create_url: `https://console.aws.amazon.com/cloudformation/home#/stacks/quickcreate?templateURL=${encodeURIComponent(String(templateUrl))}` })
          : reviewFor(false);
      },
    });
    render(ReviewAccess, { invite: inviteDoc });
    await screen.findByTestId('trust-policy');

    const field = screen.getByTestId('template-url');
    await user.type(field, 'http://bucket/access.yaml');
    await user.click(screen.getByRole('button', { name: 'Make link' }));
    const box = await screen.findByTestId('error');
    expect(box).toHaveTextContent('The template URL must start with https://.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(box.closest('form')).toContainElement(field);
    // The review itself stays.
    expect(screen.getByTestId('trust-policy')).toBeInTheDocument();

    await user.clear(field);
    await user.type(field, 'https://b.s3.amazonaws.com/access.yaml{Enter}');
    const link = await screen.findByTestId('quick-create-url');
    expect(link.textContent).toContain('quickcreate?templateURL=https%3A%2F%2Fb.s3.amazonaws.com%2Faccess.yaml');
    expect(calls.at(-1)!.args).toEqual({ invite: inviteDoc, useBoundary: false, templateUrl: 'https://b.s3.amazonaws.com/access.yaml' });
    expect(screen.queryByTestId('error')).toBeNull();
  });
});
