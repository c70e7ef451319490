import { describe, expect, it } from 'vitest';
import { entriesByOthers } from './attestation';

const entry = (performerId: string, performerName: string, status: 'active' | 'amended' | 'entered-in-error' = 'active') => ({ performerId, performerName, performerCredentials: 'RN', status });

describe('whose entries a signer attests as reviewed, not as their own', () => {
  it('counts current entries per other clinician, in the order given', () => {
    const chart = [entry('u-nurse', 'Nora Quinn'), entry('u-nurse2', 'Tomás Reyes'), entry('u-nurse', 'Nora Quinn'), entry('u-x', 'Pat Third')];
    expect(entriesByOthers(chart, 'u-nurse2')).toEqual([
      { name: 'Nora Quinn, RN', count: 2 },
      { name: 'Pat Third, RN', count: 1 },
    ]);
  });

  it('leaves out versions replaced by an amendment and entries in error, and the signer\'s own', () => {
    const chart = [entry('u-nurse', 'Nora Quinn', 'amended'), entry('u-nurse', 'Nora Quinn', 'entered-in-error'), entry('u-nurse2', 'Tomás Reyes')];
    expect(entriesByOthers(chart, 'u-nurse2')).toEqual([]);
    expect(entriesByOthers([entry('u-nurse', 'Nora Quinn')], 'u-nurse')).toEqual([]);
  });

  it('names a clinician without credentials by name alone', () => {
    expect(entriesByOthers([{ ...entry('u-y', 'Sam Lee'), performerCredentials: '' }], 'u-nurse')).toEqual([{ name: 'Sam Lee', count: 1 }]);
  });
});
