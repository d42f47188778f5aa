// What the delete preview shows and what it lets the admin choose: the
// resources that failed to delete (kept one by one, or all with force), and the
// network interfaces the environment's stack did not create.
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import DeletionPreview from './DeletionPreview.svelte';
import type { DeleteOptions, DeletionPreview as Preview } from '../ipc';

const preview: Preview = {
  installation_id: 'sandbox-demo',
  stacks: [
    {
      kind: 'environment',
      name: 'private-deploy-env-sandbox-demo',
      region: 'eu-west-1',
      stack_id: 'arn:env',
      status: 'DELETE_FAILED',
      health: 'delete_failed',
      status_class: 'failed',
      failed_resources: [
        {
          stack: 'private-deploy-env-sandbox-demo',
          logical_id: 'Vpc',
          resource_type: 'AWS::EC2::VPC',
          physical_id: 'vpc-0abc',
          reason: "The vpc 'vpc-0abc' has dependencies and cannot be deleted.",
        },
      ],
      clean_up_deletes: true,
    },
    { kind: 'access', name: 'private-deploy-access-sandbox-demo', region: 'us-east-1', status: 'CREATE_COMPLETE', health: 'healthy', status_class: 'complete', failed_resources: [], clean_up_deletes: false },
  ],
  foreign_interfaces: [{ interface_id: 'eni-1', owner: 'EC2 instance i-0123', interface_type: 'interface' }],
  interfaces_read: true,
  warning: 'What the vendor created itself is not deleted.',
};

describe('DeletionPreview', () => {
  it('names what failed and why, lets each be kept or all forced, and lists the foreign interfaces', async () => {
    const user = userEvent.setup();
    let options: DeleteOptions = { retain: [], force: false };
    const { rerender } = render(DeletionPreview, {
      props: {
        preview,
        get options() {
          return options;
        },
        set options(v: DeleteOptions) {
          options = v;
        },
      },
    });
    expect(screen.getByTestId('failed-resources')).toHaveTextContent('has dependencies and cannot be deleted');
    // Coloured by the class the engine sent with each status.
    const statuses = screen.getAllByTestId('deletion-stack').map((li) => li.querySelector('.stack-status')!.className);
    expect(statuses[0]).toContain('failed');
    expect(statuses[1]).toContain('complete');
    expect(screen.getByTestId('foreign-interfaces')).toHaveTextContent('eni-1: EC2 instance i-0123');
    await user.click(screen.getByTestId('retain-Vpc'));
    expect(options).toEqual({ retain: ['Vpc'], force: false });
    await user.click(screen.getByTestId('force-delete'));
    expect(options).toEqual({ retain: [], force: true });
    await rerender({ preview });
    expect(screen.getByTestId('retain-Vpc')).toBeDisabled();
  });
});
