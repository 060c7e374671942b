import { describe, expect, it } from 'vitest';
import { campaignGroup, campaignsOf, grantsFromGroups, mayAct, type StaffRole } from '../../../functions/src/staff/rules/roles.ts';

describe('staff roles from sign-in groups', () => {
  it('reads campaign:<slug>:<role> and platform-admin, ignoring anything else', () => {
    const grants = grantsFromGroups(['campaign:lockton:viewer', 'campaign:lockton:fulfilment', 'campaign:otherton:admin', 'campaign:lockton:owner', 'admins', 'campaign:*:admin', 'campaign:Lockton:admin', 42, 'campaign:lockton:viewer']);
    expect(grants).toEqual({ platformAdmin: false, roles: { lockton: ['viewer', 'fulfilment'], otherton: ['admin'] } });
    expect(grantsFromGroups(['platform-admin']).platformAdmin).toBe(true);
    expect(campaignGroup('demo-city', 'exporter')).toBe('campaign:demo-city:exporter');
  });

  const table: [string[], StaffRole, boolean][] = [
    [['campaign:lockton:viewer'], 'viewer', true],
    [['campaign:lockton:viewer'], 'fulfilment', false],
    [['campaign:lockton:viewer'], 'exporter', false],
    [['campaign:lockton:viewer'], 'admin', false],
    [['campaign:lockton:fulfilment'], 'viewer', true],
    [['campaign:lockton:fulfilment'], 'fulfilment', true],
    [['campaign:lockton:fulfilment'], 'exporter', false],
    [['campaign:lockton:exporter'], 'exporter', true],
    [['campaign:lockton:exporter'], 'fulfilment', false],
    [['campaign:lockton:admin'], 'exporter', true],
    [['campaign:lockton:admin'], 'admin', true],
    [['campaign:otherton:admin'], 'viewer', false],
    [['platform-admin'], 'admin', true],
    [[], 'viewer', false],
  ];
  it.each(table)('%j may %s on lockton: %s', (groups, role, expected) => {
    expect(mayAct(grantsFromGroups(groups), 'lockton', role)).toBe(expected);
  });

  it('does not let an inherited object key pass for a campaign', () => {
    expect(mayAct(grantsFromGroups(['campaign:lockton:admin']), 'constructor', 'viewer')).toBe(false);
    expect(mayAct(grantsFromGroups(['campaign:lockton:admin']), '__proto__', 'viewer')).toBe(false);
  });

  it('lists the campaigns a person reaches', () => {
    expect(campaignsOf(grantsFromGroups(['campaign:b:viewer', 'campaign:a:admin']))).toEqual(['a', 'b']);
    expect(campaignsOf(grantsFromGroups(['platform-admin']))).toBe('*');
  });
});
